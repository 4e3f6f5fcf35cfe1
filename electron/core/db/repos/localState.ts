import type { Db } from '../connection.js';

/** Device-local key/values that never sync (device id, current local user, first-run choice). */
export function getLocal(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM local_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setLocal(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO local_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
