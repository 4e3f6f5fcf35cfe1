import type { Db } from '@core/db/connection.js';
import { newId } from '@core/db/ids.js';
import { AppError } from '@shared/errors.js';
import { localIsoDay } from '@shared/days.js';
import type { CsvImportResult, CsvPreview, CsvWarning } from '@shared/contract/csv.js';
import { insertProduct, productIdsBySku, setProductActive, updateProduct } from '@core/db/repos/products.js';
import { insertService, serviceIdsByTitle, updateService } from '@core/db/repos/services.js';
import { insertLocation, locationNames, mainWarehouseId } from '@core/db/repos/locations.js';
import { countExistingKeys, existingKeys, movementExists, prepareMovementInsert } from '@core/db/repos/stockMovements.js';
import { onHandAt } from '@core/db/repos/balances.js';
import { CSV_FIELDS, guessMapping, type CsvKind, type CsvMapping } from './headers.js';
import { readCsv, type CsvSeparator, type CsvTable } from './read.js';
import { toRecords, type CsvRecord, type CsvRowError, type MovementRow } from './rows.js';
import { duplicateText, planClients, writeClients, type ClientPlan } from './clients.js';

export interface ImportRequest {
  kind: CsvKind;
  bytes: Uint8Array;
  separator?: CsvSeparator;
  mapping?: CsvMapping;
  /** Unknown locations the file names that the import creates first (the preview lists them). */
  createLocations?: Array<{ name: string; kind: 'warehouse' | 'van' }>;
  /** The person saw the preview's warnings (negative stock, far-future dates, duplicate clients) and imports anyway. */
  confirmWarnings?: boolean;
  /** Clients: leave out the rows the preview flagged as duplicates instead. */
  skipDuplicates?: boolean;
}

/** A preview or refusal lists this many problems at most, and counts the rest. */
export const MAX_LISTED_ERRORS = 50;
/** …and this many warnings. */
export const MAX_LISTED_WARNINGS = 50;
/** A movement dated further ahead than this (from today) is probably a typo (01/01/9999, 2062 for 2026). */
export const FAR_FUTURE_MS = 366 * 86_400_000;

export interface ImportContext {
  db: Db;
  now: number;
  device: string;
  userId: string | null;
  progress?: (done: number, total: number) => void;
}

interface Resolved {
  table: CsvTable;
  mapping: CsvMapping;
  records: CsvRecord[];
  errors: CsvRowError[];
  /** Location names the file uses that no location has, with the rows naming each (first spelling kept). */
  unknownLocations: Map<string, { name: string; rows: Set<number> }>;
  /** Movements with product and location ids, ready for the ledger (line: the file's line). */
  movements: Array<MovementRow & { productId: string; locationId: string; toLocationId: string | null; line: number }>;
  /** Rows naming a location that does not exist yet (it may be created first): for the warnings only, its id `new:<name>`. */
  pendingMovements: Resolved['movements'];
  creates: number;
  updates: number;
  ledgerEchoes: number;
  /** Clients files: what the import would write and the duplicates it found. */
  clients: ClientPlan | null;
}

/** The file read and its rows checked on their own: no database involved (the slow part of a large file). */
interface Parsed {
  table: CsvTable;
  mapping: CsvMapping;
  records: CsvRecord[];
  errors: CsvRowError[];
}

function parseFile(req: ImportRequest): Parsed {
  const table = readCsv(req.bytes, { separator: req.separator });
  if (table.headers.length === 0) throw new AppError('invalid_input', 'The file has no header line');
  const mapping = { ...guessMapping(req.kind, table.headers), ...(req.mapping ?? {}) };
  for (const [key, idx] of Object.entries(mapping)) {
    if (!CSV_FIELDS[req.kind].some((f) => f.key === key))
      throw new AppError('invalid_input', `Unknown field in the mapping: ${key}`, { field: key });
    if (idx !== null && idx >= table.headers.length)
      throw new AppError('invalid_input', `Column ${idx + 1} does not exist in this file`, { field: key });
  }
  return { table, mapping, ...toRecords(req.kind, table, mapping) };
}

/** Reads, validates and resolves SKUs/locations against the database. Writes nothing. */
function resolve(db: Db, req: ImportRequest, parsed: Parsed = parseFile(req)): Resolved {
  const { table, mapping } = parsed;
  // Copies: resolving trims and adds to them, and a parsed file may be resolved again.
  const records = [...parsed.records];
  const errors = [...parsed.errors];
  const movements: Resolved['movements'] = [];
  const pendingMovements: Resolved['movements'] = [];
  const unknownLocations: Resolved['unknownLocations'] = new Map();
  let creates = 0;
  let updates = 0;
  // Rows of an OpsDeck export whose id is already in this ledger: skipped, never doubled.
  let ledgerEchoes = 0;
  let clients: ClientPlan | null = null;
  if (req.kind === 'clients') {
    clients = planClients(db, records);
    creates = clients.rows.length + clients.newCompanies.length;
  } else if (req.kind === 'products') {
    const skus = productIdsBySku(db);
    const kept: CsvRecord[] = [];
    for (const r of records) {
      if (r.kind !== 'products') continue;
      if (skus.has(r.value.sku)) updates++;
      else if (mapping.name === null || mapping.name === undefined) {
        // A file without names can update existing products (prices…) but cannot create one.
        errors.push({ line: r.line, field: 'name', code: 'csv.required', message: `Name is required for the new product ${r.value.sku}` });
        continue;
      } else creates++;
      kept.push(r);
    }
    records.splice(0, records.length, ...kept);
  } else if (req.kind === 'services') {
    const titles = serviceIdsByTitle(db);
    for (const r of records) {
      if (r.kind !== 'services') continue;
      if (titles.has(r.value.title.toLowerCase())) updates++;
      else creates++;
    }
  } else {
    const skus = productIdsBySku(db);
    const skusCi = new Map([...skus].map(([s, id]) => [s.toLowerCase(), id]));
    const byName = new Map(locationNames(db).map((l) => [l.name.trim().toLowerCase(), l.id]));
    // Rows without a location go to the main warehouse: what an office means when it leaves it blank.
    const warehouse = mainWarehouseId(db);
    for (const r of records) {
      if (r.kind !== 'movements' && r.kind !== 'sales') continue;
      const m = r.value;
      const rowErrs: CsvRowError[] = [];
      const productId = skus.get(m.sku) ?? skusCi.get(m.sku.toLowerCase());
      if (!productId) rowErrs.push({ line: r.line, field: 'sku', code: 'csv.unknownSku', message: `Unknown SKU ${m.sku}` });
      // An unknown location is reported once per name with its row count, not once per row.
      const unknown = (name: string) => {
        const key = name.trim().toLowerCase();
        const u = unknownLocations.get(key) ?? { name: name.trim(), rows: new Set<number>() };
        u.rows.add(r.line);
        unknownLocations.set(key, u);
      };
      const locationId = m.location ? byName.get(m.location.trim().toLowerCase()) : warehouse;
      if (!locationId) {
        if (m.location) unknown(m.location);
        else
          rowErrs.push({ line: r.line, field: 'location', code: 'csv.noWarehouse', message: 'No location given and no warehouse exists' });
      }
      const toLocationId = m.toLocation ? (byName.get(m.toLocation.trim().toLowerCase()) ?? null) : null;
      if (m.toLocation && !toLocationId) unknown(m.toLocation);
      if (toLocationId && toLocationId === locationId)
        rowErrs.push({ line: r.line, field: 'toLocation', code: 'csv.sameLocation', message: 'Destination must differ from the source' });
      if (rowErrs.length) errors.push(...rowErrs);
      else if (!locationId || (m.toLocation && !toLocationId)) {
        const pending = (name: string | null, id: string | null | undefined) => id ?? (name ? `new:${name.trim()}` : null);
        pendingMovements.push({
          ...m,
          productId: productId!,
          locationId: pending(m.location, locationId)!,
          toLocationId: m.toLocation ? pending(m.toLocation, toLocationId) : null,
          line: r.line,
        });
      } else if (r.kind === 'movements' && m.reference && movementExists(db, m.reference)) ledgerEchoes++;
      else movements.push({ ...m, productId: productId!, locationId: locationId!, toLocationId, line: r.line });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { table, mapping, records, errors, unknownLocations, movements, pendingMovements, creates, updates, ledgerEchoes, clients };
}

export interface ImportWarnings {
  /** Every warning, counted once (a location's stock once, a far-future row once). */
  warningCount: number;
  /** The first MAX_LISTED_WARNINGS by line. */
  warnings: CsvWarning[];
  moreWarnings: number;
}

/**
 * What a stock or sales file would do that a person should confirm first: leave a product's stock
 * at a location below zero once every row is in (and lower than it was: a stock already negative
 * that the file raises is not its doing), or date a movement more than a year ahead. Rows already
 * imported count for nothing (the ledger skips them).
 */
export function importWarnings(db: Db, movements: Resolved['movements'], now: number): ImportWarnings {
  const all: CsvWarning[] = [];
  const names = new Map(locationNames(db).map((l) => [l.id, l.name]));
  const nameOf = (id: string) => names.get(id) ?? (id.startsWith('new:') ? id.slice(4) : '');
  const already = existingKeys(
    db,
    movements.map((m) => m.idempotencyKey),
  );
  const stock = new Map<
    string,
    { sku: string; locationId: string; productId: string; before: number; after: number; firstOut: number | null; rows: number }
  >();
  const at = (m: Resolved['movements'][number], locationId: string) => {
    const k = `${m.productId}\u0000${locationId}`;
    let e = stock.get(k);
    if (!e) {
      const before = locationId.startsWith('new:') ? 0 : onHandAt(db, m.productId, locationId);
      e = { sku: m.sku, locationId, productId: m.productId, before, after: before, firstOut: null, rows: 0 };
      stock.set(k, e);
    }
    return e;
  };
  for (const m of movements) {
    if (already.has(m.idempotencyKey)) continue;
    if (m.occurredAt > now + FAR_FUTURE_MS)
      all.push({ kind: 'farFuture', line: m.line, sku: m.sku, location: nameOf(m.locationId), date: m.occurredAt });
    const from = at(m, m.locationId);
    from.after += m.direction * m.quantity;
    from.rows++;
    if (m.direction < 0 && from.firstOut === null) from.firstOut = m.line;
    if (m.toLocationId) {
      const to = at(m, m.toLocationId);
      to.after += m.quantity;
      to.rows++;
    }
  }
  for (const e of stock.values()) {
    // Decimal quantities (0.1 + 0.2) leave dust below zero that is no shortage.
    if (e.after < -1e-9 && e.after < e.before - 1e-9 && e.firstOut !== null)
      all.push({
        kind: 'negativeStock',
        line: e.firstOut,
        sku: e.sku,
        location: nameOf(e.locationId),
        stockBefore: round6(e.before),
        stockAfter: round6(e.after),
        rows: e.rows,
      });
  }
  all.sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind));
  return {
    warningCount: all.length,
    warnings: all.slice(0, MAX_LISTED_WARNINGS),
    moreWarnings: Math.max(0, all.length - MAX_LISTED_WARNINGS),
  };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Duplicate clients as warnings, counted and listed as the stock warnings are. */
function clientWarnings(plan: ClientPlan): ImportWarnings {
  return {
    warningCount: plan.warnings.length,
    warnings: plan.warnings.slice(0, MAX_LISTED_WARNINGS),
    moreWarnings: Math.max(0, plan.warnings.length - MAX_LISTED_WARNINGS),
  };
}

/** "Line 12: stock of SKU-1 at Entrepôt would end at -3 (was 2)" — the CLI's and the refusal's words. */
export function warningText(w: CsvWarning): string {
  if (w.kind === 'duplicate') return duplicateText(w);
  if (w.kind === 'farFuture') return `line ${w.line}: ${w.sku} is dated ${localIsoDay(w.date ?? 0)}, more than a year ahead`;
  return `line ${w.line}: stock of ${w.sku} at ${w.location} would end at ${w.stockAfter} (now ${w.stockBefore}; ${w.rows} row(s) of the file)`;
}

export function previewImport(db: Db, req: ImportRequest, now: number): CsvPreview {
  const r = resolve(db, req);
  const alreadyImported =
    r.ledgerEchoes +
    (r.movements.length
      ? countExistingKeys(
          db,
          r.movements.map((m) => m.idempotencyKey),
        )
      : 0);
  const problems = summarizeProblems(r);
  return {
    kind: req.kind,
    encoding: r.table.encoding,
    separator: r.table.separator,
    headers: r.table.headers,
    fields: CSV_FIELDS[req.kind].map((f) => ({ key: f.key, required: f.required })),
    mapping: r.mapping,
    rowCount: r.table.rows.length,
    validCount: r.table.rows.length - problems.badRowCount,
    alreadyImported,
    creates: req.kind === 'movements' || req.kind === 'sales' ? r.movements.length + r.ledgerEchoes - alreadyImported : r.creates,
    updates: r.updates,
    ...problems,
    // Rows naming a location still to be created count too (the wizard and --create-locations create it).
    ...(r.clients ? clientWarnings(r.clients) : importWarnings(db, [...r.movements, ...r.pendingMovements], now)),
    ...(r.clients ? { newCompanies: r.clients.newCompanies } : {}),
    sample: r.table.rows.slice(0, 20),
  };
}

const PROGRESS_EVERY = 10_000;

/**
 * Imports a whole file in ONE transaction, or nothing: any bad row refuses the file with every
 * error listed by line. Movements carry a per-row idempotency key, so importing the same file
 * again adds nothing.
 *
 * The file is read and checked first, outside the transaction (seconds for a 64 MB file), then the
 * transaction starts IMMEDIATE: it takes the write lock before its first read. A deferred one read
 * first and asked for the lock at its first insert, and SQLite answers that upgrade with an
 * immediate SQLITE_BUSY, without waiting the busy timeout, whenever another connection (a forecast
 * run, an alert, a sync round) committed or was writing meanwhile: a large import then failed
 * after its whole read whenever the app wrote anything. Waiting for the lock up front is what the
 * busy timeout covers.
 */
export function commitImport(ic: ImportContext, req: ImportRequest): CsvImportResult {
  const stamp = { now: ic.now, device: ic.device };
  const parsed = parseFile(req);
  const write = ic.db.transaction((): CsvImportResult => {
    // Locations the user agreed to create come first, in the same transaction as the rows.
    let locationsCreated = 0;
    if (req.createLocations?.length && (req.kind === 'movements' || req.kind === 'sales')) {
      const known = new Set(locationNames(ic.db).map((l) => l.name.trim().toLowerCase()));
      for (const l of req.createLocations) {
        const key = l.name.trim().toLowerCase();
        if (!key || known.has(key)) continue;
        insertLocation(ic.db, { id: newId(), name: l.name, kind: l.kind, boothId: null }, stamp);
        known.add(key);
        locationsCreated++;
      }
    }
    const r = resolve(ic.db, req, parsed);
    const problems = summarizeProblems(r);
    if (problems.badRowCount > 0) throw new AppError('invalid_input', refusal(r, problems), problems);
    if (r.table.rows.length === 0) throw new AppError('invalid_input', 'The file has no data rows');
    // Warnings need the person's yes (the preview shows them); without it nothing is written.
    // Duplicate clients are answered either way: created anyway (confirmWarnings) or left out (skipDuplicates).
    const w = r.clients ? clientWarnings(r.clients) : importWarnings(ic.db, r.movements, ic.now);
    if (w.warningCount > 0 && !req.confirmWarnings && !(r.clients && req.skipDuplicates))
      throw new AppError(
        'conflict',
        `${w.warningCount} warning(s) need a confirmation; nothing was imported. First, ${warningText(w.warnings[0]!)}`,
        { needsConfirmation: true, ...w },
      );
    const total = r.records.length;
    let created = 0;
    let updated = 0;
    let skippedDuplicates = r.ledgerEchoes;
    if (r.clients) {
      const counts = writeClients(ic.db, r.clients, {
        skipDuplicates: !!req.skipDuplicates,
        stamp: { now: ic.now, device: ic.device, userId: ic.userId },
      });
      created = counts.created;
      skippedDuplicates = counts.skippedDuplicates;
    } else if (req.kind === 'products') {
      const skus = productIdsBySku(ic.db);
      // Updates only touch mapped columns, so a file with just SKU and price changes only prices.
      const mappedKeys = Object.entries(r.mapping)
        .filter(([, idx]) => idx !== null)
        .map(([k]) => k);
      r.records.forEach((rec, i) => {
        if (rec.kind !== 'products') return;
        const { active, ...fields } = rec.value;
        const existing = skus.get(fields.sku);
        if (existing) {
          const patch = Object.fromEntries(Object.entries(fields).filter(([k]) => mappedKeys.includes(k)));
          updateProduct(ic.db, existing, patch, ic.now);
          if (active !== undefined) setProductActive(ic.db, existing, active, ic.now);
          updated++;
        } else {
          const id = newId();
          insertProduct(ic.db, id, fields as Parameters<typeof insertProduct>[2], stamp);
          if (active === false) setProductActive(ic.db, id, false, ic.now);
          skus.set(fields.sku, id);
          created++;
        }
        if ((i + 1) % PROGRESS_EVERY === 0) ic.progress?.(i + 1, total);
      });
    } else if (req.kind === 'services') {
      const titles = serviceIdsByTitle(ic.db);
      const mappedKeys = Object.entries(r.mapping)
        .filter(([, idx]) => idx !== null)
        .map(([k]) => k);
      for (const rec of r.records) {
        if (rec.kind !== 'services') continue;
        const existing = titles.get(rec.value.title.toLowerCase());
        if (existing) {
          updateService(ic.db, existing, Object.fromEntries(Object.entries(rec.value).filter(([k]) => mappedKeys.includes(k))), ic.now);
          updated++;
        } else {
          const id = newId();
          insertService(ic.db, id, rec.value as Parameters<typeof insertService>[2], stamp);
          titles.set(rec.value.title.toLowerCase(), id);
          created++;
        }
      }
    } else {
      const insert = prepareMovementInsert(ic.db);
      r.movements.forEach((m, i) => {
        const ok = insert({
          id: newId(),
          productId: m.productId,
          locationId: m.locationId,
          toLocationId: m.toLocationId,
          type: m.type,
          quantity: m.quantity,
          direction: m.direction,
          reason: m.reason,
          occurredAt: m.occurredAt,
          source: 'csv',
          userId: ic.userId,
          idempotencyKey: m.idempotencyKey,
          now: ic.now,
          device: ic.device,
        });
        if (ok) created++;
        else skippedDuplicates++;
        if ((i + 1) % PROGRESS_EVERY === 0) ic.progress?.(i + 1, r.movements.length);
      });
    }
    ic.progress?.(total, total);
    return {
      kind: req.kind,
      created,
      updated,
      skippedDuplicates,
      ...(locationsCreated ? { locationsCreated } : {}),
      ...(w.warningCount && !(r.clients && req.skipDuplicates) ? { warningsConfirmed: w.warningCount } : {}),
    };
  });
  return write.immediate();
}

export interface ImportProblems {
  /** Rows with at least one problem (each row counted once, so never more than the file's rows). */
  badRowCount: number;
  /** The first MAX_LISTED_ERRORS problems by line; unknown locations are in unknownLocations instead. */
  errors: CsvRowError[];
  /** Problems not listed in errors. */
  moreErrors: number;
  unknownLocations: Array<{ name: string; rows: number }>;
}

function summarizeProblems(r: Resolved): ImportProblems {
  const bad = new Set(r.errors.map((e) => e.line));
  for (const u of r.unknownLocations.values()) for (const line of u.rows) bad.add(line);
  return {
    badRowCount: bad.size,
    errors: r.errors.slice(0, MAX_LISTED_ERRORS),
    moreErrors: Math.max(0, r.errors.length - MAX_LISTED_ERRORS),
    unknownLocations: [...r.unknownLocations.values()].map((u) => ({ name: u.name, rows: u.rows.size })),
  };
}

/** "3 bad row(s) out of 120 row(s); nothing was imported. Line 7: …" (or the unknown locations, once each). */
export function refusal(r: { table: CsvTable }, p: ImportProblems): string {
  const head = `${p.badRowCount} bad row(s) out of ${r.table.rows.length} row(s); nothing was imported.`;
  if (p.errors.length) return `${head} Line ${p.errors[0]!.line}: ${p.errors[0]!.message}`;
  return `${head} ${unknownLocationsText(p.unknownLocations)}`;
}

export function unknownLocationsText(list: Array<{ name: string; rows: number }>): string {
  return `${list.length} unknown location(s): ${list.map((u) => `${u.name} (${u.rows} row(s))`).join(', ')}`;
}
