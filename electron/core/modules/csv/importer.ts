import type { Db } from '../../db/connection.js';
import { newId } from '../../db/ids.js';
import { AppError } from '../../../../shared/errors.js';
import type { CsvImportResult, CsvPreview } from '../../../../shared/contract/csv.js';
import { insertProduct, productIdsBySku, setProductActive, updateProduct } from '../../db/repos/products.js';
import { insertService, serviceIdsByTitle, updateService } from '../../db/repos/services.js';
import { listLocations, mainWarehouseId } from '../../db/repos/locations.js';
import { countExistingKeys, movementExists, prepareMovementInsert } from '../../db/repos/stockMovements.js';
import { CSV_FIELDS, guessMapping, type CsvKind, type CsvMapping } from './headers.js';
import { readCsv, type CsvSeparator, type CsvTable } from './read.js';
import { toRecords, type CsvRecord, type CsvRowError, type MovementRow } from './rows.js';

export interface ImportRequest {
  kind: CsvKind;
  bytes: Uint8Array;
  separator?: CsvSeparator;
  mapping?: CsvMapping;
}

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
  /** Movements with product and location ids, ready for the ledger. */
  movements: Array<MovementRow & { productId: string; locationId: string; toLocationId: string | null }>;
  creates: number;
  updates: number;
  ledgerEchoes: number;
}

/** Reads, validates and resolves SKUs/locations against the database. Writes nothing. */
function resolve(db: Db, req: ImportRequest): Resolved {
  const table = readCsv(req.bytes, { separator: req.separator });
  if (table.headers.length === 0) throw new AppError('invalid_input', 'The file has no header line');
  const mapping = { ...guessMapping(req.kind, table.headers), ...(req.mapping ?? {}) };
  for (const [key, idx] of Object.entries(mapping)) {
    if (!CSV_FIELDS[req.kind].some((f) => f.key === key)) throw new AppError('invalid_input', `Unknown field in the mapping: ${key}`, { field: key });
    if (idx !== null && idx >= table.headers.length) throw new AppError('invalid_input', `Column ${idx + 1} does not exist in this file`, { field: key });
  }
  const { records, errors } = toRecords(req.kind, table, mapping);
  const movements: Resolved['movements'] = [];
  let creates = 0;
  let updates = 0;
  // Rows of an OpsDeck export whose id is already in this ledger: skipped, never doubled.
  let ledgerEchoes = 0;
  if (req.kind === 'products') {
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
    for (const r of records) if (r.kind === 'services') titles.has(r.value.title.toLowerCase()) ? updates++ : creates++;
  } else {
    const skus = productIdsBySku(db);
    const skusCi = new Map([...skus].map(([s, id]) => [s.toLowerCase(), id]));
    const locations = listLocations(db);
    const byName = new Map(locations.map((l) => [l.name.toLowerCase(), l.id]));
    // Rows without a location go to the main warehouse: what an office means when it leaves it blank.
    const warehouse = mainWarehouseId(db);
    for (const r of records) {
      if (r.kind !== 'movements' && r.kind !== 'sales') continue;
      const m = r.value;
      const rowErrs: CsvRowError[] = [];
      const productId = skus.get(m.sku) ?? skusCi.get(m.sku.toLowerCase());
      if (!productId) rowErrs.push({ line: r.line, field: 'sku', code: 'csv.unknownSku', message: `Unknown SKU ${m.sku}` });
      const locationId = m.location ? byName.get(m.location.toLowerCase()) : warehouse;
      if (!locationId) {
        rowErrs.push(
          m.location
            ? { line: r.line, field: 'location', code: 'csv.unknownLocation', message: `Unknown location ${m.location}` }
            : { line: r.line, field: 'location', code: 'csv.noWarehouse', message: 'No location given and no warehouse exists' },
        );
      }
      const toLocationId = m.toLocation ? byName.get(m.toLocation.toLowerCase()) ?? null : null;
      if (m.toLocation && !toLocationId) rowErrs.push({ line: r.line, field: 'toLocation', code: 'csv.unknownLocation', message: `Unknown location ${m.toLocation}` });
      if (toLocationId && toLocationId === locationId) rowErrs.push({ line: r.line, field: 'toLocation', code: 'csv.sameLocation', message: 'Destination must differ from the source' });
      if (rowErrs.length) errors.push(...rowErrs);
      else if (r.kind === 'movements' && m.reference && movementExists(db, m.reference)) ledgerEchoes++;
      else movements.push({ ...m, productId: productId!, locationId: locationId!, toLocationId });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { table, mapping, records, errors, movements, creates, updates, ledgerEchoes };
}

export function previewImport(db: Db, req: ImportRequest): CsvPreview {
  const r = resolve(db, req);
  const alreadyImported = r.ledgerEchoes + (r.movements.length ? countExistingKeys(db, r.movements.map((m) => m.idempotencyKey)) : 0);
  const badLines = new Set(r.errors.map((e) => e.line));
  return {
    kind: req.kind,
    encoding: r.table.encoding,
    separator: r.table.separator,
    headers: r.table.headers,
    fields: CSV_FIELDS[req.kind].map((f) => ({ key: f.key, required: f.required })),
    mapping: r.mapping,
    rowCount: r.table.rows.length,
    validCount: r.table.rows.filter((row) => !badLines.has(row.line)).length,
    alreadyImported,
    creates: req.kind === 'movements' || req.kind === 'sales' ? r.movements.length + r.ledgerEchoes - alreadyImported : r.creates,
    updates: r.updates,
    errors: r.errors,
    sample: r.table.rows.slice(0, 20),
  };
}

const PROGRESS_EVERY = 10_000;

/**
 * Imports a whole file in ONE transaction, or nothing: any bad row refuses the file with every
 * error listed by line. Movements carry a per-row idempotency key, so importing the same file
 * again adds nothing.
 */
export function commitImport(ic: ImportContext, req: ImportRequest): CsvImportResult {
  const r = resolve(ic.db, req);
  if (r.errors.length > 0) {
    const first = r.errors[0]!;
    throw new AppError('invalid_input', `${r.errors.length} bad row(s); nothing was imported. Line ${first.line}: ${first.message}`, { errors: r.errors });
  }
  if (r.table.rows.length === 0) throw new AppError('invalid_input', 'The file has no data rows');
  const stamp = { now: ic.now, device: ic.device };
  const total = r.records.length;
  return ic.db.transaction((): CsvImportResult => {
    let created = 0;
    let updated = 0;
    let skippedDuplicates = r.ledgerEchoes;
    if (req.kind === 'products') {
      const skus = productIdsBySku(ic.db);
      // Updates only touch mapped columns, so a file with just SKU and price changes only prices.
      const mappedKeys = Object.entries(r.mapping).filter(([, idx]) => idx !== null).map(([k]) => k);
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
      const mappedKeys = Object.entries(r.mapping).filter(([, idx]) => idx !== null).map(([k]) => k);
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
    return { kind: req.kind, created, updated, skippedDuplicates };
  })();
}
