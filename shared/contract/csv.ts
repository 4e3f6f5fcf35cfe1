import { z } from 'zod';
import { ADMIN_ONLY, INSTALLER_WRITE, STAFF_READ } from '../model/roles.js';
import { StockPlaceKind } from '../model/stock.js';
import { defineChannels } from './define.js';

export const CsvKind = z.enum(['products', 'services', 'movements', 'sales', 'clients']);
export const CsvExportKind = z.enum(['products', 'services', 'movements', 'sales', 'balances', 'clients']);
export const CsvSeparator = z.enum([';', ',', '\t']);
/** field key → column index in the file, or null when the field is not imported. */
export const CsvMapping = z.record(z.string().max(40), z.number().int().min(0).max(500).nullable());

// A file travels as base64 (~64 MB of CSV, far beyond what an office exports by hand), or, from
// the browser shell, as the id of a file streamed to the bridge first (POST /upload/csv): exactly one.
const FileInput = {
  fileName: z.string().max(260).default(''),
  contentBase64: z.string().min(1, 'The file is empty').max(90_000_000, 'The file is too large (64 MB at most)').optional(),
  uploadId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, 'Not an upload id')
    .optional(),
  separator: CsvSeparator.optional(),
  mapping: CsvMapping.optional(),
  jobId: z.string().max(64).optional(),
};

export const CsvRowError = z.object({ line: z.number().int(), field: z.string().nullable(), code: z.string(), message: z.string() });
export type CsvRowError = z.infer<typeof CsvRowError>;

/**
 * Something a file would do that needs a yes before it is imported: a product's stock at a
 * location left below zero once the whole file is in (line: its first outgoing row), a row dated
 * more than a year ahead, or (clients) a row whose e-mail or phone is already on file or on an
 * earlier row.
 */
export const CsvWarning = z.object({
  kind: z.enum(['negativeStock', 'farFuture', 'duplicate']),
  line: z.number().int(),
  sku: z.string().optional(),
  location: z.string().optional(),
  /** duplicate: the row's name, the field that matches and its value, and who has it already (a client, or an earlier line). */
  name: z.string().optional(),
  field: z.enum(['email', 'phone']).optional(),
  value: z.string().optional(),
  duplicateOf: z.string().optional(),
  duplicateLine: z.number().int().optional(),
  /** negativeStock: on hand now and after the import, and how many rows of the file move it. */
  stockBefore: z.number().optional(),
  stockAfter: z.number().optional(),
  rows: z.number().int().optional(),
  /** farFuture: the row's date (ms). */
  date: z.number().optional(),
});
export type CsvWarning = z.infer<typeof CsvWarning>;

export const CsvPreview = z.object({
  kind: CsvKind,
  encoding: z.enum(['utf-8', 'utf-8-bom', 'windows-1252']),
  separator: CsvSeparator,
  headers: z.array(z.string()),
  fields: z.array(z.object({ key: z.string(), required: z.boolean() })),
  mapping: CsvMapping,
  rowCount: z.number().int(),
  validCount: z.number().int(),
  /** Rows already in the ledger from an earlier import of the same lines: they will be skipped. */
  alreadyImported: z.number().int(),
  /** Catalog imports: rows that create a record vs update an existing one (same SKU / title). */
  creates: z.number().int(),
  updates: z.number().int(),
  /** Rows with at least one problem, each counted once (≤ rowCount). */
  badRowCount: z.number().int(),
  /** The first 50 problems by line (unknown locations are grouped in unknownLocations instead). */
  errors: z.array(CsvRowError),
  /** How many more problems there are beyond the listed ones. */
  moreErrors: z.number().int(),
  /** Location names the file uses that do not exist yet, each once, with how many rows name it. */
  unknownLocations: z.array(z.object({ name: z.string(), rows: z.number().int() })),
  /** Warnings (movements and sales): importing needs confirmWarnings. Each counted once; the first 50 listed by line. */
  warningCount: z.number().int(),
  warnings: z.array(CsvWarning),
  moreWarnings: z.number().int(),
  /** Clients: companies the company column names that do not exist yet; the import creates them. */
  newCompanies: z.array(z.string()).optional(),
  /** The first rows as read, for the preview table. */
  sample: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
});
export type CsvPreview = z.infer<typeof CsvPreview>;

export const CsvImportResult = z.object({
  kind: CsvKind,
  created: z.number().int(),
  updated: z.number().int(),
  skippedDuplicates: z.number().int(),
  /** Locations the import created first (createLocations), when it created any. */
  locationsCreated: z.number().int().optional(),
  /** Warnings the person confirmed (confirmWarnings), when there were any. */
  warningsConfirmed: z.number().int().optional(),
});
export type CsvImportResult = z.infer<typeof CsvImportResult>;

export const csvChannels = defineChannels({
  'csv.preview': {
    kind: 'query',
    input: z.strictObject({ kind: CsvKind, ...FileInput }),
    output: CsvPreview,
    roles: INSTALLER_WRITE,
  },
  // Catalog and ledger imports are separate channels so the router's role check (and its audit of
  // refusals) applies: admins edit the catalog, installers record stock facts.
  'csv.importCatalog': {
    kind: 'mutation',
    input: z.strictObject({ kind: z.enum(['products', 'services']), ...FileInput }),
    output: CsvImportResult,
    roles: ADMIN_ONLY,
    redact: ['contentBase64'],
  },
  'csv.importMovements': {
    kind: 'mutation',
    input: z.strictObject({
      kind: z.enum(['movements', 'sales']),
      ...FileInput,
      /** Create these unknown locations (as the preview listed them) before importing the rows. */
      createLocations: z
        .array(z.strictObject({ name: z.string().trim().min(1).max(100), kind: StockPlaceKind }))
        .max(500)
        .optional(),
      /** Import although the preview showed warnings (negative stock, far-future dates); refused without it. */
      confirmWarnings: z.boolean().optional(),
    }),
    output: CsvImportResult,
    roles: INSTALLER_WRITE,
    redact: ['contentBase64'],
  },
  /** Clients and contacts (issue 18): duplicates (same e-mail or phone) need skipDuplicates or confirmWarnings. */
  'csv.importClients': {
    kind: 'mutation',
    input: z.strictObject({
      kind: z.literal('clients'),
      ...FileInput,
      /** Leave out the rows whose e-mail or phone is already on file (or on an earlier row). */
      skipDuplicates: z.boolean().optional(),
      /** Create them anyway (the duplicates screen merges them later). */
      confirmWarnings: z.boolean().optional(),
    }),
    output: CsvImportResult,
    roles: ADMIN_ONLY,
    redact: ['contentBase64'],
  },
  'csv.export': {
    kind: 'query',
    input: z.strictObject({ kind: CsvExportKind, format: z.enum(['fr', 'en']).default('fr') }),
    output: z.object({ fileName: z.string(), content: z.string(), rows: z.number().int() }),
    roles: STAFF_READ,
  },
});
