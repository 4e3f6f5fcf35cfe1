import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';

let core: TestCore;
beforeEach(() => {
  core = createTestCore();
});
afterEach(() => core.dispose());

/**
 * Damages one b-tree page of the `products` table inside an otherwise valid database file: the
 * header, the schema and schema_migrations stay readable, so opening the file and reading its
 * schema version succeed; only PRAGMA integrity_check notices.
 */
function corruptProductsPage(file: string): void {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'products'").pluck().get() as number;
  db.close();
  expect(root).toBeGreaterThan(1);
  const fd = fs.openSync(file, 'r+');
  try {
    const page = Buffer.alloc(pageSize);
    fs.readSync(fd, page, 0, pageSize, (root - 1) * pageSize);
    expect(page[0]).toBe(0x0d); // a table leaf page (the table is small)
    // Cell count and the cell content start pointer: garbage beyond the page.
    page.writeUInt16BE(0xfff0, 3);
    page.writeUInt16BE(0x0007, 5);
    fs.writeSync(fd, page, 0, pageSize, (root - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
}

describe('restore refuses a backup with a corrupted page', () => {
  it('a valid header and schema but a broken b-tree page: refused, nothing staged, no safety copy made', async () => {
    await core.router.call('catalog.products.create', { sku: 'DNP-6X4', name: 'Papier DNP 6x4' });
    await core.router.call('catalog.products.create', { sku: 'CADRE-A5', name: 'Cadre A5' });
    const b = await core.router.call('backup.create', {});
    const file = path.join(core.dir, 'backups', b.file);
    corruptProductsPage(file);

    // The damage is of the kind only integrity_check sees: the file opens and its version reads.
    const probe = new Database(file, { readonly: true, fileMustExist: true });
    expect(probe.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBeGreaterThan(0);
    expect(probe.pragma('integrity_check', { simple: true })).not.toBe('ok');
    probe.close();

    const backupsBefore = fs.readdirSync(path.join(core.dir, 'backups')).sort();
    const res = await core.router.request({ channel: 'backup.restore', input: { file: b.file } });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!res.ok) expect(res.error.message).toMatch(/integrity/i);
    expect(fs.existsSync(`${core.ctx.dbPath}.restore-pending`)).toBe(false);
    expect(fs.readdirSync(path.join(core.dir, 'backups')).sort()).toEqual(backupsBefore);
    // The live database is untouched.
    expect((await core.router.call('catalog.products.list', { sort: 'sku' })).items.map((p) => p.sku)).toEqual(['CADRE-A5', 'DNP-6X4']);
  });

  it('the same backup, undamaged, is accepted and staged (the test above fails for the damage only)', async () => {
    await core.router.call('catalog.products.create', { sku: 'DNP-6X4', name: 'Papier DNP 6x4' });
    const b = await core.router.call('backup.create', {});
    expect(await core.router.call('backup.restore', { file: b.file })).toMatchObject({ restored: b.file, restartRequired: true });
    expect(fs.existsSync(`${core.ctx.dbPath}.restore-pending`)).toBe(true);
  });
});
