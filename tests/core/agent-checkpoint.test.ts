import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@core/db/connection.js';
import { startIdleCheckpoints } from '@core/modules/agent/checkpoint.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let db: Db;
let dir: string;
afterEach(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Frames in the WAL not yet copied into the database file (a PASSIVE checkpoint of 0 frames reads it). */
function pending(d: Db): number {
  const [r] = d.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
  return r!.log - r!.checkpointed;
}

describe('agent WAL checkpoints', () => {
  it('no commit pays for a checkpoint; an idle tick checkpoints everything written during a burst', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-ckpt-'));
    db = openDatabase(path.join(dir, 'a.db'));
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const stop = startIdleCheckpoints(db, { everyMs: 100 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // A burst longer than a tick: 3000 single-row commits would cross the automatic 1000 pages.
    const observer = openDatabase(path.join(dir, 'a.db'));
    const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
    const started = Date.now();
    let maxBacklog = 0;
    for (let i = 0; i < 3000; i++) {
      ins.run('x'.repeat(2000));
      if (i % 200 === 0) await sleep(0);
    }
    maxBacklog = fs.statSync(path.join(dir, 'a.db-wal')).size;
    expect(Date.now() - started).toBeGreaterThan(0);
    // Nothing was checkpointed inside the burst: the WAL holds every page written.
    expect(maxBacklog).toBeGreaterThan(1000 * 4096);
    await sleep(350);
    expect(pending(observer)).toBe(0);
    observer.close();
    stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  }, 30_000);
});
