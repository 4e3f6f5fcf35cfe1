import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGlobalSetting } from '@core/db/repos/settings.js';
import { MAX_MOVEMENT_QUANTITY } from '@shared/model/stock.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { dbFingerprint } from '../fixtures/dbSnapshot.js';

// Issue 11: locations with intent (the main warehouse), and stock entry that cannot corrupt stock.
const AUDIT_TRAIL = ['audit_log', 'outbox', 'sync_row_versions'];
let core: TestCore;
beforeEach(() => {
  core = createTestCore();
});
afterEach(() => core.dispose());

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const product = (sku: string) =>
  core.router.call('catalog.products.create', { sku, name: `Produit ${sku}`, unit: 'u', cost: 2, supplier: 'Fournisseur' });

describe('main warehouse', () => {
  it('is the first warehouse created, kept in a synced business-wide setting, and changed in Settings by an admin', async () => {
    expect(await core.router.call('stock.mainWarehouse.get', {})).toBeNull();
    // The business stocks in Lyon; the van comes second but sorts first alphabetically.
    const lyon = await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });
    const van = await core.router.call('stock.locations.create', { name: 'Camionnette', kind: 'warehouse' });
    expect(await core.router.call('stock.mainWarehouse.get', {})).toEqual({ locationId: lyon.id, name: 'Entrepôt Lyon', configured: true });
    expect(readGlobalSetting(core.ctx.db, 'stock.mainWarehouseId')).toBe(lyon.id);
    // The global setting row is queued for the hub like every synced row.
    const queued = core.ctx.db
      .prepare(
        "SELECT count(*) FROM outbox o JOIN settings s ON s.id = o.row_id WHERE o.table_name = 'settings' AND s.key = 'stock.mainWarehouseId'",
      )
      .pluck()
      .get();
    expect(queued).toBeGreaterThan(0);

    expect(await core.router.call('stock.mainWarehouse.set', { locationId: van.id })).toMatchObject({
      locationId: van.id,
      name: 'Camionnette',
    });
    expect((await core.router.call('stock.mainWarehouse.get', {}))!.locationId).toBe(van.id);
    const audit = await core.router.call('audit.list', { action: 'stock.mainWarehouse.set' });
    expect(audit.items[0]).toMatchObject({ outcome: 'ok' });
  });

  it('refuses a booth as main warehouse', async () => {
    await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });
    const booth = await core.router.call('booths.create', { name: 'Borne Houle', mac: '00:11:22:33:44:55' });
    const res = await core.router.request({ channel: 'stock.mainWarehouse.set', input: { locationId: booth.id } });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'The main warehouse must be an active warehouse' } });
  });

  it('purchase orders go to the main warehouse, show their destination, and are received where the person says', async () => {
    const lyon = await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });
    const van = await core.router.call('stock.locations.create', { name: 'Camionnette', kind: 'warehouse' });
    const p = await product('CON-0002');
    const po = await core.router.call('purchaseOrders.create', {
      productId: p.id,
      quantity: 10,
      expectedAt: core.clock.now() + 86_400_000,
    });
    expect(po).toMatchObject({ locationId: lyon.id, locationName: 'Entrepôt Lyon' });
    expect((await core.router.call('purchaseOrders.list', {}))[0]).toMatchObject({ locationName: 'Entrepôt Lyon' });
    // Received in the van instead (the person chose it on receipt).
    const r = await core.router.call('purchaseOrders.receive', { id: po.id, locationId: van.id });
    expect(r.movement).toMatchObject({ locationId: van.id, quantity: 10, type: 'in' });
    // Default receipt: where the order said.
    const po2 = await core.router.call('purchaseOrders.create', { productId: p.id, quantity: 4, expectedAt: core.clock.now() });
    expect((await core.router.call('purchaseOrders.receive', { id: po2.id })).movement.locationId).toBe(lyon.id);
  });
});

describe('stock entry guards', () => {
  let lyon: string;
  beforeEach(async () => {
    lyon = (await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' })).id;
  });

  it('bounds every movement absolutely, whatever the channel', async () => {
    const p = await product('CON-0002');
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    const huge = MAX_MOVEMENT_QUANTITY + 1;
    for (const [channel, input] of [
      ['stock.record', { productId: p.id, locationId: lyon, type: 'in', quantity: 1_000_000_000 }],
      ['stock.recordBatch', { movements: [{ productId: p.id, locationId: lyon, type: 'in', quantity: huge }], confirm: true }],
      ['purchaseOrders.create', { productId: p.id, quantity: huge, expectedAt: core.clock.now() }],
    ] as const) {
      const res = await core.router.request({ channel, input });
      expect(res, channel).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const csv = await core.router.request({
      channel: 'csv.importMovements',
      input: {
        kind: 'movements',
        contentBase64: b64(`Date;Référence;Type;Quantité;Emplacement\n02/11/2026;CON-0002;entrée;1000000000;Entrepôt Lyon\n`),
      },
    });
    expect(csv.ok).toBe(false);
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
  });

  it('the batch-switch scenario: each line keeps its own type, and the negative and unusual lines wait for a confirmation', async () => {
    const p = await product('CON-0002');
    await core.router.call('stock.record', { productId: p.id, locationId: lyon, type: 'in', quantity: 46 });
    const lines = [
      { productId: p.id, locationId: lyon, type: 'in' as const, quantity: 1_000_000 },
      { productId: p.id, locationId: lyon, type: 'out' as const, quantity: 99_999 },
    ];
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    const refused = await core.router.request({ channel: 'stock.recordBatch', input: { movements: lines } });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('conflict');
    const warnings = (refused.error.details as { warnings: Array<{ index: number; kind: string }> }).warnings;
    // Line 1 (+1,000,000 against a usual 46) is unusual; line 2 (−99,999) is unusual too, but leaves
    // 1,000,046 − 99,999 on hand: not negative.
    expect(warnings.map((w) => `${w.index}:${w.kind}`)).toEqual(['0:unusual', '1:unusual']);
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);

    const ok = await core.router.call('stock.recordBatch', { movements: lines, confirm: true });
    expect(ok).toMatchObject({ recorded: 2 });
    const moves = (await core.router.call('stock.movements.list', { productId: p.id })).items;
    expect(moves.map((m) => `${m.type} ${m.delta}`).sort()).toEqual(['in 1000000', 'in 46', 'out -99999']);
    expect((await core.router.call('catalog.products.get', { id: p.id })).onHand).toBe(46 + 1_000_000 - 99_999);
    // The confirmation is in the audit trail, naming the product.
    const audit = await core.router.call('audit.list', { action: 'stock.confirmWarnings' });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ target: 'Produit CON-0002', outcome: 'ok' });
    expect(JSON.stringify(audit.items[0]!.details)).toContain('unusual');
  });

  it('a line that leaves a location below zero needs a confirmation; earlier lines of the batch count', async () => {
    const p = await product('CAD-0049');
    await core.router.call('stock.record', { productId: p.id, locationId: lyon, type: 'in', quantity: 5 });
    // 5 − 3 − 3 = −1: only the second out goes negative.
    const res = await core.router.request({
      channel: 'stock.recordBatch',
      input: {
        movements: [
          { productId: p.id, locationId: lyon, type: 'out', quantity: 3 },
          { productId: p.id, locationId: lyon, type: 'out', quantity: 3 },
        ],
      },
    });
    expect(res.ok).toBe(false);
    if (!res.ok)
      expect((res.error.details as { warnings: unknown[] }).warnings).toEqual([
        expect.objectContaining({ index: 1, kind: 'negative', reference: -1, locationName: 'Entrepôt Lyon' }),
      ]);
    // An ordinary delivery goes through without a question.
    expect(
      await core.router.call('stock.recordBatch', { movements: [{ productId: p.id, locationId: lyon, type: 'in', quantity: 20 }] }),
    ).toEqual({ recorded: 1, duplicates: 0, confirmed: [] });
  });
});
