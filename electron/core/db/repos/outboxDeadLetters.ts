import { newId } from '../ids.js';
import type { Db } from '../connection.js';

export interface DeadLetterRow {
  id: string;
  direction: 'push' | 'pull';
  tableName: string;
  rowId: string;
  mutationId: number | null;
  code: string;
  message: string;
  row: unknown;
  failedAt: number;
}

/** Records (or refreshes) the dead letter of one record; one per direction and record. */
export function recordDeadLetter(
  db: Db,
  d: {
    direction: 'push' | 'pull';
    tableName: string;
    rowId: string;
    mutationId: number | null;
    code: string;
    message: string;
    row: unknown;
    failedAt: number;
  },
): void {
  db.prepare(
    `INSERT INTO dead_letters (id, direction, table_name, row_id, mutation_id, code, message, row_json, failed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (direction, table_name, row_id) DO UPDATE SET mutation_id = excluded.mutation_id, code = excluded.code,
       message = excluded.message, row_json = excluded.row_json, failed_at = excluded.failed_at`,
  ).run(
    newId(),
    d.direction,
    d.tableName,
    d.rowId,
    d.mutationId,
    d.code,
    d.message.slice(0, 2000),
    JSON.stringify(d.row ?? null),
    d.failedAt,
  );
}

type Raw = {
  id: string;
  direction: 'push' | 'pull';
  table_name: string;
  row_id: string;
  mutation_id: number | null;
  code: string;
  message: string;
  row_json: string;
  failed_at: number;
};
const toRow = (r: Raw): DeadLetterRow => ({
  id: r.id,
  direction: r.direction,
  tableName: r.table_name,
  rowId: r.row_id,
  mutationId: r.mutation_id,
  code: r.code,
  message: r.message,
  row: JSON.parse(r.row_json),
  failedAt: r.failed_at,
});

export function listDeadLetters(db: Db, limit = 200): DeadLetterRow[] {
  return (db.prepare('SELECT * FROM dead_letters ORDER BY failed_at DESC, id DESC LIMIT ?').all(limit) as Raw[]).map(toRow);
}

export function getDeadLetter(db: Db, id: string): DeadLetterRow | null {
  const r = db.prepare('SELECT * FROM dead_letters WHERE id = ?').get(id) as Raw | undefined;
  return r ? toRow(r) : null;
}

export function deleteDeadLetter(db: Db, id: string): void {
  db.prepare('DELETE FROM dead_letters WHERE id = ?').run(id);
}

export function deadLetterCount(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM dead_letters').get() as { n: number }).n;
}
