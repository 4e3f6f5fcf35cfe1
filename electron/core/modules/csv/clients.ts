import type { Db } from '@core/db/connection.js';
import { companyIdsByName, contactKeys, emailKey, insertClient, phoneKey, setStage } from '@core/db/repos/clients.js';
import type { CsvWarning } from '@shared/contract/csv.js';
import type { ClientRow, CsvRecord } from './rows.js';

type ClientRecord = Extract<CsvRecord, { kind: 'clients' }>;

/** A row whose e-mail or phone is already on file (a client, or an earlier row of the same file). */
interface Duplicate {
  line: number;
  field: 'email' | 'phone';
  /** The client on file it matches, or null when it matches an earlier row. */
  clientId: string | null;
  clientKind: 'company' | 'person' | null;
}

export interface ClientPlan {
  rows: ClientRecord[];
  /** Companies named in the company column that neither exist nor are rows of the file: created first. */
  newCompanies: string[];
  duplicates: Map<number, Duplicate>;
  /** Every duplicate in words, by line (the preview lists the first 50). */
  warnings: CsvWarning[];
}

/**
 * Checks a clients file against the clients on file with the client form's rules: the same e-mail
 * (any case) or the same phone (any notation: "+33 6 12 34 56 78" = "06.12.34.56.78") is a
 * duplicate, as is a row repeating an earlier row of the file. Writes nothing.
 */
export function planClients(db: Db, records: CsvRecord[]): ClientPlan {
  const rows = records.filter((r): r is ClientRecord => r.kind === 'clients');
  const { byEmail, byPhone } = contactKeys(db);
  const fileEmail = new Map<string, ClientRecord>();
  const filePhone = new Map<string, ClientRecord>();
  const duplicates = new Map<number, Duplicate>();
  const warnings: CsvWarning[] = [];
  for (const r of rows) {
    const v = r.value;
    const ek = emailKey(v.email);
    const pk = phoneKey(v.phone);
    const found =
      (ek && byEmail.get(ek) && { field: 'email' as const, client: byEmail.get(ek)! }) ||
      (pk && byPhone.get(pk) && { field: 'phone' as const, client: byPhone.get(pk)! }) ||
      (ek && fileEmail.get(ek) && { field: 'email' as const, row: fileEmail.get(ek)! }) ||
      (pk && filePhone.get(pk) && { field: 'phone' as const, row: filePhone.get(pk)! }) ||
      null;
    if (found) {
      const client = 'client' in found ? found.client : null;
      const row = 'row' in found ? found.row : null;
      duplicates.set(r.line, { line: r.line, field: found.field, clientId: client?.id ?? null, clientKind: client?.kind ?? null });
      warnings.push({
        kind: 'duplicate',
        line: r.line,
        name: v.name,
        field: found.field,
        value: found.field === 'email' ? (v.email ?? '') : (v.phone ?? ''),
        ...(client ? { duplicateOf: client.name } : { duplicateOf: row!.value.name, duplicateLine: row!.line }),
      });
    }
    // A skipped duplicate never becomes the original of a later row: the first spelling stays the reference.
    if (ek && !fileEmail.has(ek)) fileEmail.set(ek, r);
    if (pk && !filePhone.has(pk)) filePhone.set(pk, r);
  }
  const known = companyIdsByName(db);
  const inFile = new Set(rows.filter((r) => r.value.kind === 'company').map((r) => r.value.name.trim().toLowerCase()));
  const newCompanies = new Map<string, string>();
  for (const r of rows) {
    const c = r.value.company?.trim();
    if (!c) continue;
    const k = c.toLowerCase();
    if (!known.has(k) && !inFile.has(k) && !newCompanies.has(k)) newCompanies.set(k, c);
  }
  return { rows, newCompanies: [...newCompanies.values()], duplicates, warnings };
}

export interface ClientImportCounts {
  created: number;
  skippedDuplicates: number;
}

/**
 * Writes a planned clients file in the caller's transaction: company rows first, then the companies
 * only named by a contact, then the people. With `skipDuplicates` a duplicate row is left out (a
 * skipped company row stands for the company on file it matches); without, it is created, as the
 * client form's "create anyway" does, and the duplicates screen can merge it later.
 */
export function writeClients(
  db: Db,
  plan: ClientPlan,
  opts: { skipDuplicates: boolean; stamp: { now: number; device: string; userId: string | null } },
): ClientImportCounts {
  const { stamp } = opts;
  const companies = companyIdsByName(db);
  let created = 0;
  let skippedDuplicates = 0;
  const insert = (v: ClientRow, companyId: string | null) => {
    const id = insertClient(
      db,
      {
        kind: v.kind,
        name: v.name,
        companyId,
        email: v.email,
        phone: v.phone,
        address: v.address,
        notes: v.notes,
        tags: v.tags,
        source: v.source,
        nextAction: v.nextAction,
        nextActionAt: v.nextActionAt,
      },
      stamp,
    );
    setStage(db, id, 'lead', null, stamp, true);
    if (v.stage && v.stage !== 'lead') setStage(db, id, v.stage, v.lostReason, stamp);
    created++;
    return id;
  };
  const ordered = [...plan.rows.filter((r) => r.value.kind === 'company'), ...plan.rows.filter((r) => r.value.kind === 'person')];
  let companiesDone = false;
  for (const r of ordered) {
    if (r.value.kind === 'person' && !companiesDone) {
      for (const name of plan.newCompanies) {
        const k = name.toLowerCase();
        if (!companies.has(k)) companies.set(k, insert(emptyCompany(name), null));
      }
      companiesDone = true;
    }
    const dup = plan.duplicates.get(r.line);
    const key = r.value.name.trim().toLowerCase();
    if (dup && opts.skipDuplicates) {
      skippedDuplicates++;
      if (r.value.kind === 'company' && dup.clientId && dup.clientKind === 'company' && !companies.has(key))
        companies.set(key, dup.clientId);
      continue;
    }
    const companyId = r.value.company ? (companies.get(r.value.company.trim().toLowerCase()) ?? null) : null;
    const id = insert(r.value, companyId);
    if (r.value.kind === 'company' && !companies.has(key)) companies.set(key, id);
  }
  if (!companiesDone)
    for (const name of plan.newCompanies)
      if (!companies.has(name.toLowerCase())) companies.set(name.toLowerCase(), insert(emptyCompany(name), null));
  return { created, skippedDuplicates };
}

const emptyCompany = (name: string): ClientRow => ({
  kind: 'company',
  name,
  company: null,
  email: null,
  phone: null,
  address: null,
  notes: null,
  tags: [],
  source: null,
  stage: null,
  lostReason: null,
  nextAction: null,
  nextActionAt: null,
});

/** "line 7: Alice Martin has the e-mail alice@x.fr of Martin SARL (on file)" — the CLI's and the refusal's words. */
export function duplicateText(w: CsvWarning): string {
  const what = w.field === 'email' ? `the e-mail ${w.value}` : `the phone number ${w.value}`;
  return w.duplicateLine
    ? `line ${w.line}: ${w.name} has ${what} of line ${w.duplicateLine} (${w.duplicateOf})`
    : `line ${w.line}: ${w.name} has ${what} of ${w.duplicateOf}, already on file`;
}
