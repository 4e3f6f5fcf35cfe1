import type { Client, Stage } from '@shared/model/crm.js';
import { newId } from '../ids.js';
import { foldText } from '../fold.js';
import type { Db } from '../connection.js';

interface Row {
  id: string;
  kind: Client['kind'];
  name: string;
  company_id: string | null;
  company_name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  notes: string | null;
  tags: string;
  source: string | null;
  stage: Stage;
  lost_reason: string | null;
  next_action: string | null;
  next_action_at: number | null;
  created_at: number;
  updated_at: number;
}

export const toClient = (r: Row): Client => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  companyId: r.company_id,
  companyName: r.company_name,
  email: r.email,
  phone: r.phone,
  address: r.address,
  notes: r.notes,
  tags: JSON.parse(r.tags) as string[],
  source: r.source,
  stage: r.stage,
  lostReason: r.lost_reason,
  nextAction: r.next_action,
  nextActionAt: r.next_action_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const SELECT = 'SELECT c.*, co.name AS company_name FROM clients c LEFT JOIN clients co ON co.id = c.company_id';

/** The comparable form of a phone number: digits only, a French +33 / 0033 prefix as a leading 0. */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let d = phone.replace(/\D/g, '');
  if (d.startsWith('0033')) d = `0${d.slice(4)}`;
  else if (phone.trim().startsWith('+33')) d = `0${d.slice(2)}`;
  return d.length >= 6 ? d : null;
}
export const emailKey = (email: string | null | undefined): string | null => (email ? email.trim().toLowerCase() || null : null);

export function listClients(
  db: Db,
  q: {
    search?: string;
    stage?: Stage;
    limit: number;
    /** Only these clients and the contacts of these companies. */ only?: ReadonlySet<string>;
  },
): Array<Client & { quotes: number; openQuotesTtc: string; events: number; orders: number }> {
  // Accent- and case-blind ("societe" finds "Société"): fold() on both sides (see db/fold.ts).
  const like = q.search ? `%${foldText(q.search.trim())}%` : null;
  const only = q.only ? JSON.stringify([...q.only]) : null;
  const rows = db
    .prepare(
      `${SELECT} WHERE c.deleted_at IS NULL AND (@stage IS NULL OR c.stage = @stage)
         AND (@only IS NULL OR c.id IN (SELECT value FROM json_each(@only)) OR c.company_id IN (SELECT value FROM json_each(@only)))
         AND (@like IS NULL OR fold(c.name) LIKE @like OR fold(coalesce(c.email, '')) LIKE @like OR coalesce(c.phone, '') LIKE @like
              OR fold(coalesce(co.name, '')) LIKE @like OR fold(c.tags) LIKE @like)
       ORDER BY c.updated_at DESC LIMIT @limit`,
    )
    .all({ stage: q.stage ?? null, like, only, limit: q.limit }) as Row[];
  const counts = db.prepare(
    `SELECT (SELECT count(*) FROM quotes WHERE client_id = @id) AS quotes,
            (SELECT group_concat(total_ttc, ' ') FROM quotes WHERE client_id = @id AND status IN ('draft', 'sent')) AS open_ttc,
            (SELECT count(*) FROM events WHERE client_id = @id AND deleted_at IS NULL) AS events,
            (SELECT count(*) FROM customer_orders WHERE client_id = @id) AS orders`,
  );
  return rows.map((r) => {
    const c = counts.get({ id: r.id }) as { quotes: number; open_ttc: string | null; events: number; orders: number };
    return { ...toClient(r), quotes: c.quotes, openQuotesTtc: c.open_ttc ?? '', events: c.events, orders: c.orders };
  });
}

export function getClient(db: Db, id: string): Client | null {
  const r = db.prepare(`${SELECT} WHERE c.id = ? AND c.deleted_at IS NULL`).get(id) as Row | undefined;
  return r ? toClient(r) : null;
}

/** Where a merged client went (a link to a merged client follows it). */
export function mergedTarget(db: Db, id: string): string | null {
  return (db.prepare('SELECT merged_into FROM clients WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null;
}

export function contactsOf(db: Db, companyId: string): Client[] {
  return (db.prepare(`${SELECT} WHERE c.company_id = ? AND c.deleted_at IS NULL ORDER BY c.name`).all(companyId) as Row[]).map(toClient);
}

/** Live clients with the same e-mail or phone as given (other than `exceptId`). */
export function findDuplicates(
  db: Db,
  c: { email?: string | null; phone?: string | null },
  exceptId?: string,
): Array<{ client: Client; field: 'email' | 'phone' }> {
  const out: Array<{ client: Client; field: 'email' | 'phone' }> = [];
  const ek = emailKey(c.email);
  if (ek) {
    for (const r of db
      .prepare(`${SELECT} WHERE c.deleted_at IS NULL AND lower(c.email) = ? AND c.id IS NOT ?`)
      .all(ek, exceptId ?? null) as Row[])
      out.push({ client: toClient(r), field: 'email' });
  }
  const pk = phoneKey(c.phone);
  if (pk) {
    for (const r of db
      .prepare(`${SELECT} WHERE c.deleted_at IS NULL AND c.phone IS NOT NULL AND c.id IS NOT ?`)
      .all(exceptId ?? null) as Row[])
      if (phoneKey(r.phone) === pk && !out.some((o) => o.client.id === r.id)) out.push({ client: toClient(r), field: 'phone' });
  }
  return out;
}

/** Every group of live clients sharing an e-mail or a phone number. */
export function duplicateGroups(db: Db): Array<{ reason: 'email' | 'phone'; key: string; clients: Client[] }> {
  const rows = (db.prepare(`${SELECT} WHERE c.deleted_at IS NULL ORDER BY c.created_at`).all() as Row[]).map(toClient);
  const groups = new Map<string, { reason: 'email' | 'phone'; key: string; clients: Client[] }>();
  for (const c of rows) {
    for (const [reason, key] of [
      ['email', emailKey(c.email)],
      ['phone', phoneKey(c.phone)],
    ] as const) {
      if (!key) continue;
      const g = groups.get(`${reason}:${key}`) ?? { reason, key, clients: [] };
      g.clients.push(c);
      groups.set(`${reason}:${key}`, g);
    }
  }
  const seen = new Set<string>();
  return [...groups.values()].filter((g) => {
    if (g.clients.length < 2) return false;
    const sig = g.clients
      .map((c) => c.id)
      .sort()
      .join(',');
    if (seen.has(sig)) return false;
    seen.add(sig);
    return true;
  });
}

export interface ClientWrite {
  kind?: Client['kind'];
  name?: string;
  companyId?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  notes?: string | null;
  tags?: string[];
  source?: string | null;
  nextAction?: string | null;
  nextActionAt?: number | null;
}

const COLUMNS: Record<keyof ClientWrite, string> = {
  kind: 'kind',
  name: 'name',
  companyId: 'company_id',
  email: 'email',
  phone: 'phone',
  address: 'address',
  notes: 'notes',
  tags: 'tags',
  source: 'source',
  nextAction: 'next_action',
  nextActionAt: 'next_action_at',
};
const blankToNull = (k: string, v: unknown) => (k === 'tags' ? JSON.stringify(v) : typeof v === 'string' && v.trim() === '' ? null : v);

export function insertClient(db: Db, c: ClientWrite & { name: string }, stamp: { now: number; device: string }): string {
  const id = newId();
  db.prepare(
    `INSERT INTO clients (id, kind, name, company_id, email, phone, address, notes, tags, source, next_action, next_action_at, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    c.kind ?? 'company',
    c.name,
    c.companyId ?? null,
    blankToNull('email', c.email ?? null),
    blankToNull('phone', c.phone ?? null),
    blankToNull('address', c.address ?? null),
    blankToNull('notes', c.notes ?? null),
    JSON.stringify(c.tags ?? []),
    blankToNull('source', c.source ?? null),
    blankToNull('next_action', c.nextAction ?? null),
    c.nextActionAt ?? null,
    stamp.now,
    stamp.now,
    stamp.device,
  );
  return id;
}

export function updateClient(db: Db, id: string, patch: ClientWrite, now: number): boolean {
  const cols = Object.entries(patch).filter(([k, v]) => k in COLUMNS && v !== undefined);
  return (
    db
      .prepare(
        `UPDATE clients SET ${[...cols.map(([k]) => `${COLUMNS[k as keyof ClientWrite]} = ?`), 'updated_at = max(updated_at, ?)'].join(', ')}
         WHERE id = ? AND deleted_at IS NULL`,
      )
      .run(...cols.map(([k, v]) => blankToNull(k, v)), now, id).changes > 0
  );
}

/**
 * A client renamed: its events that showed the old name (as a quote's booking writes it) show the
 * new one on the calendar and on Today; an event named otherwise ("Soirée Lilas") keeps its name.
 */
export function renameClientEvents(db: Db, id: string, from: string, to: string, now: number): number {
  if (from === to) return 0;
  return db
    .prepare('UPDATE events SET client_name = ?, updated_at = max(updated_at, ?) WHERE client_id = ? AND client_name = ?')
    .run(to, now, id, from).changes;
}

/** Moves the client to a stage and appends it to the stage ledger, in the caller's transaction. */
export function setStage(
  db: Db,
  id: string,
  to: Stage,
  reason: string | null,
  stamp: { now: number; device: string; userId: string | null },
  initial = false,
): void {
  const from = initial ? undefined : (db.prepare('SELECT stage FROM clients WHERE id = ?').pluck().get(id) as Stage | undefined);
  if (from === to && to !== 'lost') return;
  db.prepare('UPDATE clients SET stage = ?, lost_reason = ?, updated_at = max(updated_at, ?) WHERE id = ?').run(
    to,
    to === 'lost' ? reason : null,
    stamp.now,
    id,
  );
  db.prepare(
    `INSERT INTO client_stage_changes (id, client_id, from_stage, to_stage, reason, at, user_id, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(newId(), id, from ?? null, to, reason, stamp.now, stamp.userId, stamp.now, stamp.now, stamp.device);
}

/**
 * A client's stage changes, with those of every client merged into it (the ledger is append-only:
 * a merge cannot re-point its rows, so the kept client reads them through merged_into, at any depth).
 */
export function stageHistory(db: Db, id: string): Array<{ from: Stage | null; to: Stage; reason: string | null; at: number }> {
  return db
    .prepare(
      `WITH RECURSIVE family(id) AS (SELECT ? UNION SELECT c.id FROM clients c JOIN family f ON c.merged_into = f.id)
       SELECT from_stage AS "from", to_stage AS "to", reason, at FROM client_stage_changes WHERE client_id IN (SELECT id FROM family) ORDER BY at, id`,
    )
    .all(id) as Array<{ from: Stage | null; to: Stage; reason: string | null; at: number }>;
}

export function dueClients(db: Db, until: number): Client[] {
  return (
    db
      .prepare(
        `${SELECT} WHERE c.deleted_at IS NULL AND c.next_action_at IS NOT NULL AND c.next_action_at <= ? AND c.stage NOT IN ('done', 'lost')
         ORDER BY c.next_action_at LIMIT 100`,
      )
      .all(until) as Row[]
  ).map(toClient);
}

/**
 * Re-points every record of `mergeId` to `keepId` and retires `mergeId` (tombstone + merged_into),
 * in the caller's transaction. Empty fields of the kept client are filled from the merged one;
 * tags are united. Returns how many records moved per kind.
 */
export function mergeClients(
  db: Db,
  keepId: string,
  mergeId: string,
  now: number,
): { quotes: number; orders: number; events: number; registrations: number; contacts: number; messages: number } {
  const move = (sql: string) => db.prepare(sql).run(keepId, now, mergeId).changes;
  const moved = {
    quotes: move('UPDATE quotes SET client_id = ?, updated_at = max(updated_at, ?) WHERE client_id = ?'),
    orders: move('UPDATE customer_orders SET client_id = ?, updated_at = max(updated_at, ?) WHERE client_id = ?'),
    // An event that showed the merged client's name (as a quote's booking writes it) shows the kept one's.
    events: db
      .prepare(
        `UPDATE events SET client_id = @keep, updated_at = max(updated_at, @now),
           client_name = CASE WHEN client_name = (SELECT name FROM clients WHERE id = @gone) THEN (SELECT name FROM clients WHERE id = @keep) ELSE client_name END
         WHERE client_id = @gone`,
      )
      .run({ keep: keepId, gone: mergeId, now }).changes,
    registrations: move('UPDATE registrations SET client_id = ?, updated_at = max(updated_at, ?) WHERE client_id = ?'),
    // The kept client itself may be a contact of the merged company: it is not its own contact.
    contacts: db
      .prepare('UPDATE clients SET company_id = ?, updated_at = max(updated_at, ?) WHERE company_id = ? AND id <> ?')
      .run(keepId, now, mergeId, keepId).changes,
    messages: move('UPDATE client_messages SET client_id = ?, updated_at = max(updated_at, ?) WHERE client_id = ? AND deleted_at IS NULL'),
  };
  const keep = db.prepare('SELECT * FROM clients WHERE id = ?').get(keepId) as Record<string, unknown>;
  const gone = db.prepare('SELECT * FROM clients WHERE id = ?').get(mergeId) as Record<string, unknown>;
  const fill: Record<string, unknown> = {};
  for (const col of ['email', 'phone', 'address', 'source', 'next_action', 'next_action_at', 'company_id'])
    if ((keep[col] === null || keep[col] === '') && gone[col] !== null && gone[col] !== keepId) fill[col] = gone[col];
  // A contact kept over its own company takes that company's place: it belongs to the company's company, if any.
  if (keep.company_id === mergeId) fill.company_id = gone.company_id === keepId ? null : gone.company_id;
  if (gone.notes && gone.notes !== keep.notes) fill.notes = keep.notes ? `${String(keep.notes)}\n\n${String(gone.notes)}` : gone.notes;
  const tags = [...new Set([...(JSON.parse(keep.tags as string) as string[]), ...(JSON.parse(gone.tags as string) as string[])])];
  fill.tags = JSON.stringify(tags);
  const cols = Object.keys(fill);
  db.prepare(`UPDATE clients SET ${[...cols.map((c) => `${c} = ?`), 'updated_at = max(updated_at, ?)'].join(', ')} WHERE id = ?`).run(
    ...cols.map((c) => fill[c]),
    now,
    keepId,
  );
  // The merged client's own stage ledger stays with it (it is append-only); the kept one keeps its stage.
  db.prepare('UPDATE clients SET merged_into = ?, deleted_at = ?, updated_at = max(updated_at, ?) WHERE id = ?').run(
    keepId,
    now,
    now,
    mergeId,
  );
  return moved;
}

/**
 * Leads created per month (local time, YYYY-MM) and source since `from`, with how many reached booked/done or lost.
 * A client that was booked counts as booked through the ledger of the clients merged into it too.
 */
export function pipelineStats(db: Db, from: number): Array<{ month: string; source: string; leads: number; booked: number; lost: number }> {
  return db
    .prepare(
      `SELECT strftime('%Y-%m', c.created_at / 1000, 'unixepoch', 'localtime') AS month, coalesce(nullif(trim(c.source), ''), '') AS source,
              count(*) AS leads,
              sum(CASE WHEN c.stage IN ('booked', 'done') OR EXISTS (SELECT 1 FROM client_stage_changes s WHERE s.to_stage = 'booked' AND s.client_id IN (
                WITH RECURSIVE family(id) AS (SELECT c.id UNION SELECT m.id FROM clients m JOIN family f ON m.merged_into = f.id) SELECT id FROM family
              )) THEN 1 ELSE 0 END) AS booked,
              sum(CASE WHEN c.stage = 'lost' THEN 1 ELSE 0 END) AS lost
       FROM clients c WHERE c.deleted_at IS NULL AND (c.kind = 'company' OR c.company_id IS NULL)
       GROUP BY month, source HAVING month >= strftime('%Y-%m', ? / 1000, 'unixepoch', 'localtime') ORDER BY month, source`,
    )
    .all(from) as Array<{ month: string; source: string; leads: number; booked: number; lost: number }>;
}

/** Every live client's e-mail and phone keys (as findDuplicates compares them), for checking a whole file at once. */
export function contactKeys(db: Db): { byEmail: Map<string, Client>; byPhone: Map<string, Client> } {
  const byEmail = new Map<string, Client>();
  const byPhone = new Map<string, Client>();
  for (const r of db
    .prepare(`${SELECT} WHERE c.deleted_at IS NULL AND (c.email IS NOT NULL OR c.phone IS NOT NULL) ORDER BY c.created_at`)
    .all() as Row[]) {
    const c = toClient(r);
    const ek = emailKey(c.email);
    const pk = phoneKey(c.phone);
    if (ek && !byEmail.has(ek)) byEmail.set(ek, c);
    if (pk && !byPhone.has(pk)) byPhone.set(pk, c);
  }
  return { byEmail, byPhone };
}

/** Live companies by lower-cased, trimmed name (the oldest wins when two share a name). */
export function companyIdsByName(db: Db): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of db
    .prepare("SELECT id, name FROM clients WHERE deleted_at IS NULL AND kind = 'company' ORDER BY created_at")
    .all() as Array<{ id: string; name: string }>) {
    const k = r.name.trim().toLowerCase();
    if (!m.has(k)) m.set(k, r.id);
  }
  return m;
}

/** Every live client with its company's name, oldest first (the CSV export). */
export function allClients(db: Db): Client[] {
  return (db.prepare(`${SELECT} WHERE c.deleted_at IS NULL ORDER BY c.kind, c.created_at, c.id`).all() as Row[]).map(toClient);
}
