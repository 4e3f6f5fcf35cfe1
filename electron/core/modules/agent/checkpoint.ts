import fs from 'node:fs';
import type { Db } from '@core/db/connection.js';

/**
 * WAL checkpoints off the trigger path. SQLite's automatic checkpoint runs inside whichever
 * commit crosses 1000 pages: with synchronous=FULL that commit also copies and fsyncs the
 * database file, and the booth software waits for that 200. The agent turns it off and
 * checkpoints when a tick saw no write (or when the WAL grows past `maxWalBytes` regardless).
 */
export function startIdleCheckpoints(db: Db, opts: { everyMs?: number; maxWalBytes?: number } = {}): () => void {
  if (db.memory) return () => undefined;
  const changes = db.prepare('SELECT total_changes()').pluck();
  const walFile = `${db.name}-wal`;
  const maxWal = opts.maxWalBytes ?? 64 * 1024 * 1024;
  db.pragma('wal_autocheckpoint = 0');
  let last = changes.get() as number;
  const timer = setInterval(() => {
    // The core may close its database before the agent is told to stop.
    if (!db.open) return clearInterval(timer);
    const now = changes.get() as number;
    const busy = now !== last;
    last = now;
    let size = 0;
    try {
      size = fs.statSync(walFile).size;
    } catch {
      return;
    }
    if (size === 0 || (busy && size < maxWal)) return;
    db.pragma('wal_checkpoint(PASSIVE)');
  }, opts.everyMs ?? 2000);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  };
}
