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

/**
 * In WAL mode the database file only grows when a checkpoint copies pages into it, so its size,
 * read from the file system, tells what was checkpointed without running a checkpoint ourselves.
 */
const fileBytes = (file: string) => fs.statSync(file).size;
const logicalBytes = (d: Db) => (d.pragma('page_count', { simple: true }) as number) * (d.pragma('page_size', { simple: true }) as number);

describe('agent WAL checkpoints', () => {
  it('no commit pays for a checkpoint; an idle tick checkpoints everything written during a burst', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-ckpt-'));
    const file = path.join(dir, 'a.db');
    db = openDatabase(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const stop = startIdleCheckpoints(db, { everyMs: 100 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = fileBytes(file);
    // A burst longer than a tick: 3000 single-row commits would cross the automatic 1000 pages.
    const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 3000; i++) {
      ins.run('x'.repeat(2000));
      if (i % 200 === 0) await sleep(0);
    }
    // Nothing was checkpointed inside the burst: the WAL holds every page written, the database
    // file has not grown.
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(1000 * 4096);
    expect(fileBytes(file)).toBe(before);
    const written = logicalBytes(db);
    expect(written).toBeGreaterThan(1000 * 4096);
    // The first idle tick copies every page into the database file (no one else checkpoints here).
    for (let waited = 0; fileBytes(file) < written && waited < 20_000; waited += 50) await sleep(50);
    expect(fileBytes(file)).toBe(written);
    stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  }, 30_000);
});
