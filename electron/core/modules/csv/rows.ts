import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  ProductInput,
  ServiceInput,
  type ProductInput as ProductInputT,
  type ServiceInput as ServiceInputT,
} from '@shared/model/product.js';
import { MAX_MOVEMENT_QUANTITY, type MovementType } from '@shared/model/stock.js';
import { ClientFields, type Stage } from '@shared/model/crm.js';
import { missingRequired, normalizeHeader } from './headers.js';
import { MOVEMENT_DAY_HOUR, parseBoolean, parseDate, parseDecimal, parseInteger, parseList, parseRatio } from './values.js';
import type { CsvKind, CsvMapping } from './headers.js';
import type { CsvTable } from './read.js';

/** One rejected row: the file line it starts on, the column (field key) at fault, a readable reason. */
export interface CsvRowError {
  line: number;
  field: string | null;
  code: string;
  message: string;
}

export interface ProductRow extends Omit<ProductInputT, never> {
  active?: boolean;
}

/** A movement as read from a file: products and locations are still names/SKUs, resolved at commit. */
export interface MovementRow {
  idempotencyKey: string;
  /** The file's own id for the row (movement id, invoice number), if it has one. */
  reference: string | null;
  occurredAt: number;
  sku: string;
  type: MovementType;
  quantity: number;
  direction: 1 | -1;
  location: string | null;
  toLocation: string | null;
  reason: string;
}

/** A client or contact as read from a file: its company is still a name, resolved at commit. */
export interface ClientRow {
  kind: 'company' | 'person';
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  notes: string | null;
  tags: string[];
  source: string | null;
  stage: Stage | null;
  lostReason: string | null;
  nextAction: string | null;
  nextActionAt: number | null;
}

export type CsvRecord =
  | { kind: 'clients'; line: number; value: ClientRow }
  | { kind: 'products'; line: number; value: ProductRow }
  | { kind: 'services'; line: number; value: ServiceInputT }
  | { kind: 'movements' | 'sales'; line: number; value: MovementRow };

export interface CsvRows {
  records: CsvRecord[];
  errors: CsvRowError[];
}

const TYPE_WORDS: Record<string, MovementType> = {
  in: 'in',
  entree: 'in',
  entrée: 'in',
  reception: 'in',
  réception: 'in',
  achat: 'in',
  receipt: 'in',
  '+': 'in',
  out: 'out',
  sortie: 'out',
  vente: 'out',
  sale: 'out',
  consommation: 'out',
  '-': 'out',
  adjust: 'adjust',
  ajustement: 'adjust',
  inventaire: 'adjust',
  correction: 'adjust',
  adjustment: 'adjust',
  regul: 'adjust',
  régul: 'adjust',
  regularisation: 'adjust',
  régularisation: 'adjust',
  transfer: 'transfer',
  transfert: 'transfer',
};

class RowErrors {
  list: CsvRowError[] = [];
  constructor(private line: number) {}
  add(field: string | null, code: string, message: string): void {
    this.list.push({ line: this.line, field, code, message });
  }
}

/** Turns a read table into typed records, collecting every bad row (never stopping at the first). */
export function toRecords(kind: CsvKind, table: CsvTable, mapping: CsvMapping): CsvRows {
  const errors: CsvRowError[] = table.problems.map((p) => ({ line: p.line, field: null, code: 'csv.quotes', message: p.message }));
  const missing = missingRequired(kind, mapping);
  if (missing.length > 0) {
    errors.push({
      line: 1,
      field: missing[0]!,
      code: 'csv.missingColumn',
      message: `No column for required field(s): ${missing.join(', ')}`,
    });
    return { records: [], errors };
  }
  const records: CsvRecord[] = [];
  // Identical rows in one file are distinct facts (two sales of the same item on one day): the Nth copy gets #N.
  const seen = new Map<string, number>();
  const seenSku = new Map<string, number>();
  for (const row of table.rows) {
    const cell = (key: string): string => {
      const idx = mapping[key];
      return idx === null || idx === undefined ? '' : unneutralize((row.cells[idx] ?? '').trim());
    };
    const errs = new RowErrors(row.line);
    if (kind === 'products') {
      const value = productRow(cell, mapping, errs);
      if (value) {
        const prev = seenSku.get(value.sku.toLowerCase());
        if (prev !== undefined) errs.add('sku', 'csv.duplicateSku', `SKU ${value.sku} already appears on line ${prev}`);
        else seenSku.set(value.sku.toLowerCase(), row.line);
      }
      if (value && errs.list.length === 0) records.push({ kind, line: row.line, value });
    } else if (kind === 'clients') {
      const value = clientRow(cell, errs);
      if (value && errs.list.length === 0) records.push({ kind, line: row.line, value });
    } else if (kind === 'services') {
      const value = serviceRow(cell, errs);
      if (value && errs.list.length === 0) records.push({ kind, line: row.line, value });
    } else {
      const value = movementRow(kind, cell, errs);
      if (value && errs.list.length === 0) {
        const n = (seen.get(value.idempotencyKey) ?? 0) + 1;
        seen.set(value.idempotencyKey, n);
        value.idempotencyKey = `${value.idempotencyKey}#${n}`;
        records.push({ kind, line: row.line, value });
      }
    }
    errors.push(...errs.list);
  }
  return { records, errors };
}

type Cell = (key: string) => string;

/**
 * Our exports put an apostrophe before a cell that starts like a formula (=, +, -, @) so a
 * spreadsheet never runs it; reading such a file back takes it off ("'+33 6…" is the phone "+33 6…").
 */
export function unneutralize(v: string): string {
  return /^'[=+\-@]/.test(v) ? v.slice(1) : v;
}

const STAGE_WORDS: Record<string, Stage> = {
  lead: 'lead',
  prospect: 'lead',
  piste: 'lead',
  nouveau: 'lead',
  new: 'lead',
  contacted: 'contacted',
  contacte: 'contacted',
  'en contact': 'contacted',
  quoted: 'quoted',
  devis: 'quoted',
  'devis envoye': 'quoted',
  booked: 'booked',
  reserve: 'booked',
  gagne: 'booked',
  won: 'booked',
  done: 'done',
  termine: 'done',
  fini: 'done',
  lost: 'lost',
  perdu: 'lost',
};
const CLIENT_KIND_WORDS: Record<string, 'company' | 'person'> = {
  company: 'company',
  entreprise: 'company',
  societe: 'company',
  pro: 'company',
  professionnel: 'company',
  organisation: 'company',
  association: 'company',
  person: 'person',
  personne: 'person',
  particulier: 'person',
  contact: 'person',
  individual: 'person',
};
const ClientInput = z.object(ClientFields);

/** A client row, checked by the same rules as the client form (its words for a bad e-mail or phone). */
function clientRow(cell: Cell, errs: RowErrors): ClientRow | null {
  const company = cell('company') || null;
  let kind: 'company' | 'person' = company ? 'person' : 'company';
  if (cell('kind') !== '') {
    const k = CLIENT_KIND_WORDS[normalizeHeader(cell('kind'))];
    if (!k) errs.add('kind', 'csv.badClientKind', `"${cell('kind')}" is not a client type (entreprise/company, particulier/person)`);
    else kind = k;
  }
  if (kind === 'company' && company) errs.add('company', 'csv.companyOfCompany', 'Only a person belongs to a company');
  let nextActionAt: number | null = null;
  if (cell('nextActionAt') !== '') {
    nextActionAt = parseDate(cell('nextActionAt'));
    if (nextActionAt === null)
      errs.add('nextActionAt', 'csv.notDate', `"${cell('nextActionAt')}" is not a date (dd/mm/yyyy or yyyy-mm-dd)`);
  }
  let stage: Stage | null = null;
  if (cell('stage') !== '') {
    stage = STAGE_WORDS[normalizeHeader(cell('stage'))] ?? null;
    if (!stage)
      errs.add(
        'stage',
        'csv.badStage',
        `"${cell('stage')}" is not a stage (prospect/lead, contacté/contacted, devis envoyé/quoted, réservé/booked, terminé/done, perdu/lost)`,
      );
  }
  const lostReason = cell('lostReason') || null;
  if (stage === 'lost' && !lostReason) errs.add('lostReason', 'csv.required', 'Say why it was lost');
  if (lostReason && lostReason.length > 500) errs.add('lostReason', 'csv.tooLong', 'Lost reason: 500 characters at most');
  const parsed = ClientInput.safeParse({
    kind,
    name: cell('name'),
    email: cell('email') || null,
    phone: cell('phone') || null,
    address: cell('address') || null,
    notes: cell('notes') || null,
    tags: [...new Set(parseList(cell('tags').replace(/[,;]/g, '|')))],
    source: cell('source') || null,
    nextAction: cell('nextAction') || null,
    nextActionAt,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errs.add(String(issue.path[0] ?? ''), 'csv.invalid', issue.message);
    return null;
  }
  if (errs.list.length > 0) return null;
  const v = parsed.data;
  return {
    kind,
    name: v.name,
    company,
    email: v.email || null,
    phone: v.phone || null,
    address: v.address ?? null,
    notes: v.notes ?? null,
    tags: v.tags,
    source: v.source ?? null,
    stage,
    lostReason: stage === 'lost' ? lostReason : null,
    nextAction: v.nextAction ?? null,
    nextActionAt,
  };
}

function num(cell: Cell, key: string, errs: RowErrors, opts: { integer?: boolean; ratio?: boolean } = {}): number | undefined {
  const raw = cell(key);
  if (raw === '') return undefined;
  const v = opts.ratio ? parseRatio(raw) : opts.integer ? parseInteger(raw) : parseDecimal(raw.replace(/[€$£]/g, ''));
  if (v === null) {
    errs.add(key, opts.integer ? 'csv.notInteger' : 'csv.notNumber', `"${raw}" is not ${opts.integer ? 'a whole number' : 'a number'}`);
    return undefined;
  }
  return v;
}

function productRow(cell: Cell, mapping: CsvMapping, errs: RowErrors): ProductRow | null {
  const candidate: Record<string, unknown> = {
    sku: cell('sku'),
    // Without a name column the row can only update prices etc. of an existing SKU (checked at resolve);
    // the SKU stands in so the shared rules still validate every other field.
    name: cell('name') || (mapping.name === null || mapping.name === undefined ? cell('sku') : ''),
    description: cell('description'),
    category: cell('category'),
    supplier: cell('supplier'),
    ecoDetails: parseList(cell('ecoDetails')),
  };
  if (cell('unit') !== '') candidate.unit = cell('unit');
  for (const [key, opts] of [
    ['price', {}],
    ['cost', {}],
    ['leadTimeDays', { integer: true }],
    ['moq', {}],
    ['packSize', {}],
    ['serviceLevel', { ratio: true }],
    ['reorderPoint', {}],
    ['ecoScore', { integer: true }],
  ] as const) {
    const v = num(cell, key, errs, opts);
    if (v !== undefined) candidate[key] = v;
  }
  let active: boolean | undefined;
  if (cell('active') !== '') {
    const b = parseBoolean(cell('active'));
    if (b === null) errs.add('active', 'csv.notBoolean', `"${cell('active')}" is not yes/no (oui/non)`);
    else active = b;
  }
  const parsed = ProductInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errs.add(String(issue.path[0] ?? ''), 'csv.invalid', issue.message);
    return null;
  }
  return active === undefined ? parsed.data : { ...parsed.data, active };
}

function serviceRow(cell: Cell, errs: RowErrors): ServiceInputT | null {
  const candidate: Record<string, unknown> = {
    title: cell('title'),
    description: cell('description'),
    benefits: parseList(cell('benefits')),
  };
  const duration = num(cell, 'durationMin', errs, { integer: true });
  if (duration !== undefined) candidate.durationMin = duration;
  const price = num(cell, 'price', errs);
  if (price !== undefined) candidate.price = price;
  if (errs.list.length > 0) return null;
  const parsed = ServiceInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errs.add(String(issue.path[0] ?? ''), 'csv.invalid', issue.message);
    return null;
  }
  return parsed.data;
}

function movementRow(kind: 'movements' | 'sales', cell: Cell, errs: RowErrors): MovementRow | null {
  const sku = cell('sku');
  if (sku === '') errs.add('sku', 'csv.required', 'SKU is required');
  const rawDate = cell('date');
  const occurredAt = parseDate(rawDate, MOVEMENT_DAY_HOUR);
  if (rawDate === '') errs.add('date', 'csv.required', 'Date is required');
  else if (occurredAt === null) errs.add('date', 'csv.notDate', `"${rawDate}" is not a date (dd/mm/yyyy or yyyy-mm-dd)`);
  let type: MovementType = 'out';
  if (kind === 'movements') {
    const word = cell('type').toLowerCase();
    const t = TYPE_WORDS[word];
    if (word === '') errs.add('type', 'csv.required', 'Type is required (in, out, adjust, transfer)');
    else if (!t)
      errs.add(
        'type',
        'csv.badType',
        `"${cell('type')}" is not a movement type (in/entrée, out/sortie, adjust/ajustement, transfer/transfert)`,
      );
    else type = t;
  }
  const rawQty = cell('quantity');
  let quantity = parseDecimal(rawQty);
  let direction: 1 | -1 = type === 'in' ? 1 : -1;
  if (rawQty === '') errs.add('quantity', 'csv.required', 'Quantity is required');
  else if (quantity === null) errs.add('quantity', 'csv.notNumber', `"${rawQty}" is not a number`);
  else if (type === 'adjust' && quantity !== 0) {
    // An inventory correction carries its sign in the quantity: "-2" lost, "3" found.
    direction = quantity < 0 ? -1 : 1;
    quantity = Math.abs(quantity);
  } else if (quantity <= 0) errs.add('quantity', 'csv.notPositive', 'Quantity must be more than 0');
  // (A zero is refused once, above: every type reaches `quantity <= 0`.)
  if (quantity !== null && quantity > MAX_MOVEMENT_QUANTITY) errs.add('quantity', 'csv.tooLarge', 'Quantity is too large');
  const location = cell('location') || null;
  const toLocation = cell('toLocation') || null;
  if (type === 'transfer' && !toLocation) errs.add('toLocation', 'csv.required', 'A transfer needs a destination');
  if (type !== 'transfer' && toLocation) errs.add('toLocation', 'csv.unexpected', 'Only transfers have a destination');
  if (type === 'transfer' && toLocation && location && toLocation.toLowerCase() === location.toLowerCase()) {
    errs.add('toLocation', 'csv.sameLocation', 'Destination must differ from the source');
  }
  let reason = cell('reason');
  if (kind === 'sales') {
    const price = cell('unitPrice');
    if (price !== '' && parseDecimal(price.replace(/[€$£]/g, '')) === null)
      errs.add('unitPrice', 'csv.notNumber', `"${price}" is not a number`);
    reason = cell('reference') ? `Vente ${cell('reference')}` : 'Vente';
  }
  if (reason.length > 500) errs.add('reason', 'csv.tooLong', 'Reason: 500 characters at most');
  if (errs.list.length > 0 || quantity === null || occurredAt === null) return null;
  const ref = cell('reference');
  const identity =
    ref !== '' ? [kind, 'ref', ref, sku] : [kind, occurredAt, sku, type, direction, quantity, location ?? '', toLocation ?? '', reason];
  const idempotencyKey = `csv:${kind}:${createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32)}`;
  return { idempotencyKey, reference: ref || null, occurredAt, sku, type, quantity, direction, location, toLocation, reason };
}
