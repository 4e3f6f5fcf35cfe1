import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createTestCore, type TestCore } from '../fixtures/core.js';

// Issue 12, CSV: a movement that drives stock below zero or is dated more than a year ahead is a
// warning in the dry run (preview) and needs an explicit confirmation; nothing is written without it.

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const NOW = Date.UTC(2026, 11, 7, 9);

let core: TestCore;
beforeEach(async () => {
  core = createTestCore({ start: NOW });
  await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' });
  await core.router.call('catalog.products.create', { sku: 'DNP-6X4', name: 'Papier DNP 6x4' });
  await core.router.call('catalog.products.create', { sku: 'CUP', name: 'Gobelet' });
  await core.router.call('csv.importMovements', {
    kind: 'movements',
    contentBase64: b64('date;sku;type;qty;reason\n01/11/2026;DNP-6X4;in;5;Stock initial\n01/11/2026;CUP;in;40;Stock initial\n'),
  });
});
afterEach(() => core.dispose());

const ledgerCount = () => core.ctx.db.prepare('SELECT COUNT(*) FROM stock_movements').pluck().get() as number;
const importMovements = (file: string, extra: Record<string, unknown> = {}) =>
  core.router.request({ channel: 'csv.importMovements', input: { kind: 'movements', contentBase64: b64(file), ...extra } });

describe('CSV import warnings', () => {
  it('stock left below zero: listed in the preview with before/after, refused without confirmation, imported with it', async () => {
    const file = 'date;sku;type;qty;reason\n02/11/2026;DNP-6X4;out;3;Vente\n03/11/2026;CUP;out;10;Vente\n04/11/2026;DNP-6X4;out;5;Vente\n';
    const p = await core.router.call('csv.preview', { kind: 'movements', contentBase64: b64(file) });
    expect(p).toMatchObject({ validCount: 3, errors: [], warningCount: 1, moreWarnings: 0 });
    expect(p.warnings).toEqual([
      { kind: 'negativeStock', line: 2, sku: 'DNP-6X4', location: 'Entrepôt', stockBefore: 5, stockAfter: -3, rows: 2 },
    ]);
    const before = ledgerCount();
    const refused = await importMovements(file);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('conflict');
    expect(refused.error.message).toMatch(/1 warning\(s\) need a confirmation; nothing was imported/);
    expect(refused.error.details).toMatchObject({ needsConfirmation: true, warningCount: 1 });
    expect(ledgerCount()).toBe(before);
    const done = await importMovements(file, { confirmWarnings: true });
    expect(done).toMatchObject({ ok: true, data: { created: 3, warningsConfirmed: 1 } });
    const onHand = core.ctx.db
      .prepare("SELECT b.on_hand FROM stock_balances b JOIN products p ON p.id = b.product_id WHERE p.sku = 'DNP-6X4'")
      .pluck()
      .get();
    expect(onHand).toBe(-3);
  });

  it("the issue's cases: a sale of 1,000,000 (stock to -999,956-like depths) and a row dated 01/01/9999", async () => {
    const file = 'date;sku;qty\n05/11/2026;CUP;1000000\n01/01/9999;DNP-6X4;1\n';
    const p = await core.router.call('csv.preview', { kind: 'sales', contentBase64: b64(file) });
    expect(p.warningCount).toBe(2);
    expect(p.warnings.map((w) => [w.kind, w.line, w.sku])).toEqual([
      ['negativeStock', 2, 'CUP'],
      ['farFuture', 3, 'DNP-6X4'],
    ]);
    expect(p.warnings[0]).toMatchObject({ stockBefore: 40, stockAfter: -999_960 });
    expect(p.warnings[1]!.date).toBe(Date.UTC(9999, 0, 1, 12));
    const refused = await core.router.request({ channel: 'csv.importMovements', input: { kind: 'sales', contentBase64: b64(file) } });
    expect(refused.ok).toBe(false);
    expect(ledgerCount()).toBe(2);
  });

  it('no warning: dates within a year, a file that raises a stock already negative, rows already imported, decimal dust', async () => {
    const ahead = new Date(NOW + 300 * 86_400_000);
    const d = `${String(ahead.getUTCDate()).padStart(2, '0')}/${String(ahead.getUTCMonth() + 1).padStart(2, '0')}/${ahead.getUTCFullYear()}`;
    const file = `date;sku;type;qty;reason\n${d};CUP;in;1;Commande\n06/11/2026;DNP-6X4;out;0,1;Test\n06/11/2026;DNP-6X4;out;4,9;Test\n`;
    const p = await core.router.call('csv.preview', { kind: 'movements', contentBase64: b64(file) });
    expect(p).toMatchObject({ warningCount: 0, warnings: [] });
    expect(await importMovements(file)).toMatchObject({ ok: true, data: { created: 3 } });
    // Stock now exactly 0; driven negative with a confirmation, then raised (still negative) by a later file.
    expect(await importMovements('date;sku;type;qty;reason\n07/11/2026;DNP-6X4;out;10;Casse\n', { confirmWarnings: true })).toMatchObject({
      ok: true,
    });
    const raise = await core.router.call('csv.preview', {
      kind: 'movements',
      contentBase64: b64('date;sku;type;qty;reason\n08/11/2026;DNP-6X4;in;4;Retour\n'),
    });
    expect(raise.warningCount).toBe(0);
    // The same file again: every row already imported, nothing to warn about.
    const again = await core.router.call('csv.preview', {
      kind: 'movements',
      contentBase64: b64('date;sku;type;qty;reason\n07/11/2026;DNP-6X4;out;10;Casse\n'),
    });
    expect(again).toMatchObject({ alreadyImported: 1, warningCount: 0 });
  });

  it('on a device on Paris time, a date more than a year ahead is named as the file wrote it, not as its UTC day', async () => {
    // A day alone was read as local midnight: on Paris time 01/12/2028 was 2028-11-30 23:00 UTC,
    // which the warning named "2028-11-30" (and the import screen "30/11/2028"). It is now noon
    // where the office is (csv/values.ts MOVEMENT_DAY_HOUR), on the written day in UTC too.
    const tz = process.env.TZ;
    process.env.TZ = 'Europe/Paris';
    try {
      const file = 'date;sku;type;qty;reason\n01/12/2028;CUP;in;1;Plus tard\n';
      const p = await core.router.call('csv.preview', { kind: 'movements', contentBase64: b64(file) });
      expect(p.warnings).toMatchObject([{ kind: 'farFuture', line: 2, date: Date.UTC(2028, 11, 1, 11) }]);
      const refused = await importMovements(file);
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error.message).toContain('line 2: CUP is dated 2028-12-01, more than a year ahead');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('lists 50 warnings by line and counts the rest', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `01/01/${2030 + i};CUP;in;1;Plus tard ${i}`);
    const p = await core.router.call('csv.preview', {
      kind: 'movements',
      contentBase64: b64(`date;sku;type;qty;reason\n${rows.join('\n')}\n`),
    });
    expect(p).toMatchObject({ warningCount: 60, moreWarnings: 10 });
    expect(p.warnings).toHaveLength(50);
    expect(p.warnings[0]).toMatchObject({ kind: 'farFuture', line: 2 });
  });
});

describe('opsdeck import --confirm-warnings', () => {
  const run = promisify(execFile);
  const BIN = path.resolve('bin/opsdeck.mjs');
  const opsdeck = async (dir: string, args: string[]) => {
    try {
      const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, OPSDECK_DATA_DIR: dir } });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it('the dry run shows the warnings; the import refuses without the flag and writes nothing; with it, imports', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-csvwarn-'));
    try {
      const db = path.join(dir, 'w.db');
      const products = path.join(dir, 'products.csv');
      fs.writeFileSync(products, 'sku;name\nDNP-6X4;Papier DNP\n');
      expect((await opsdeck(dir, ['import', 'products', products, '--db', db])).code).toBe(0);
      const moves = path.join(dir, 'moves.csv');
      fs.writeFileSync(moves, 'date;sku;type;qty;location;reason\n02/11/2026;DNP-6X4;out;7;Entrepôt;Vente\n');
      const dry = await opsdeck(dir, ['import', 'movements', moves, '--db', db, '--create-locations', '--dry-run']);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('1 warning(s):');
      expect(dry.stdout).toContain('line 2: stock of DNP-6X4 at Entrepôt would end at -7 (now 0; 1 row(s) of the file)');
      expect(dry.stdout).toContain('Importing needs --confirm-warnings.');
      const refused = await opsdeck(dir, ['import', 'movements', moves, '--db', db, '--create-locations']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/nothing was imported: 1 warning\(s\)/);
      expect(refused.stderr).toContain('--confirm-warnings');
      const count = () => {
        const conn = new Database(db, { readonly: true });
        try {
          return conn.prepare('SELECT COUNT(*) FROM stock_movements').pluck().get();
        } finally {
          conn.close();
        }
      };
      expect(count()).toBe(0);
      const ok = await opsdeck(dir, ['import', 'movements', moves, '--db', db, '--create-locations', '--confirm-warnings']);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/1 created.*1 warning\(s\) confirmed/);
      expect(count()).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
