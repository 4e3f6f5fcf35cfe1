import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport } from '@core/modules/csv/importer.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

/**
 * Atomicity of a CSV import, tested where the pre-check cannot help: every row of the file is
 * valid, and the database itself refuses the second row half-way through the commit (as a full
 * disk or a busy database would). The fault is a trigger in the database file, so it fires on the
 * worker thread's own connection as well as on the core's.
 */
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const FILE =
  'date;sku;type;qty;reason\n02/11/2026;DNP-6X4;in;10;Livraison BL 1\n03/11/2026;DNP-6X4;in;5;PANNE\n04/11/2026;DNP-6X4;out;2;Vente\n';

let core: TestCore;
beforeEach(async () => {
  core = createTestCore();
  await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' });
  await core.router.call('catalog.products.create', { sku: 'DNP-6X4', name: 'Papier DNP 6x4' });
  // Seed one earlier movement so "untouched" means an existing balance kept, not just "empty".
  await core.router.call('csv.importMovements', {
    kind: 'movements',
    contentBase64: b64('date;sku;type;qty;reason\n01/11/2026;DNP-6X4;in;3;Stock initial\n'),
  });
  core.ctx.db.exec(`CREATE TRIGGER test_fault_injection BEFORE INSERT ON stock_movements WHEN NEW.reason = 'PANNE'
    BEGIN SELECT RAISE(ABORT, 'injected fault: database or disk is full'); END;`);
});
afterEach(() => core.dispose());

const ledger = () => core.ctx.db.prepare('SELECT reason, delta FROM stock_movements ORDER BY occurred_at').all();
const balances = () => core.ctx.db.prepare('SELECT product_id, location_id, on_hand, last_movement_at FROM stock_balances').all();

describe('a CSV import that fails inside its transaction', () => {
  it('through the router (worker thread): the file is refused and the ledger and balances are untouched', async () => {
    const before = { ledger: ledger(), balances: balances() };
    expect(before.ledger).toEqual([{ reason: 'Stock initial', delta: 3 }]);
    const preview = await core.router.call('csv.preview', { kind: 'movements', contentBase64: b64(FILE) });
    // The pre-check finds nothing wrong: only the commit can fail.
    expect(preview).toMatchObject({ rowCount: 3, validCount: 3, errors: [] });
    const res = await core.router.request({ channel: 'csv.importMovements', input: { kind: 'movements', contentBase64: b64(FILE) } });
    expect(res.ok).toBe(false);
    expect(ledger()).toEqual(before.ledger);
    expect(balances()).toEqual(before.balances);
    expect((await core.router.call('stock.balances', {})).map((b) => b.onHand)).toEqual([3]);
  });

  it('inline commit: the first row is rolled back with the failing second one', () => {
    const before = { ledger: ledger(), balances: balances() };
    expect(() =>
      commitImport(
        { db: core.ctx.db, now: core.clock.now(), device: core.ctx.deviceId, userId: null },
        { kind: 'movements', bytes: Buffer.from(FILE, 'utf8') },
      ),
    ).toThrow(/injected fault/);
    expect(ledger()).toEqual(before.ledger);
    expect(balances()).toEqual(before.balances);
    // Once the fault is gone the same file lands whole: 3 + 10 + 5 − 2.
    core.ctx.db.exec('DROP TRIGGER test_fault_injection');
    expect(
      commitImport(
        { db: core.ctx.db, now: core.clock.now(), device: core.ctx.deviceId, userId: null },
        { kind: 'movements', bytes: Buffer.from(FILE, 'utf8') },
      ),
    ).toEqual({
      kind: 'movements',
      created: 3,
      updated: 0,
      skippedDuplicates: 0,
    });
    expect(balances()).toMatchObject([{ on_hand: 16 }]);
  });
});
