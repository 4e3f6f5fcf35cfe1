import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '@core/db/repos/users.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { dbFingerprint } from '../fixtures/dbSnapshot.js';

// Refusals are audited (and the audit row queued for sync); everything else must stay untouched.
const AUDIT_TRAIL = ['audit_log', 'outbox', 'sync_row_versions'];
let core: TestCore;
let warehouse: string;
let van: string;
beforeEach(async () => {
  core = createTestCore();
  warehouse = (await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' })).id;
  van = (await core.router.call('stock.locations.create', { name: 'Camionnette', kind: 'warehouse' })).id;
});
afterEach(() => core.dispose());

const paper = {
  sku: 'DNP-6X4',
  name: 'Papier DNP 6x4 (2 rouleaux)',
  unit: 'carton',
  cost: 89.5,
  price: 120,
  moq: 2,
  packSize: 2,
  leadTimeDays: 5,
  reorderPoint: 4,
  ecoScore: 42,
  ecoDetails: ['Carton recyclable'],
};

async function asRole(role: 'viewer' | 'installer') {
  const u = insertUser(
    core.ctx.db,
    { email: `${role}@x.test`, displayName: role, role },
    { now: core.clock.now(), device: core.ctx.deviceId },
  );
  core.ctx.session.set(u.id);
  return u;
}

describe('catalog', () => {
  it('creates, edits, archives and restores a product, and lists it with server-side search and sort', async () => {
    const p = await core.router.call('catalog.products.create', paper);
    expect(p).toMatchObject({ sku: 'DNP-6X4', onHand: 0, active: true, ecoDetails: ['Carton recyclable'], serviceLevel: 0.95 });
    await core.router.call('catalog.products.create', { sku: 'ENC-01', name: 'Encre noire', cost: 3 });
    await core.router.call('catalog.products.create', { sku: 'ACC-50%', name: 'Accessoire promo 50%', cost: 1 });
    const edited = await core.router.call('catalog.products.update', { id: p.id, patch: { price: 125, supplier: 'DNP France' } });
    expect(edited).toMatchObject({ price: 125, supplier: 'DNP France' });
    expect((await core.router.call('catalog.products.list', { q: 'papier' })).items.map((x) => x.sku)).toEqual(['DNP-6X4']);
    expect((await core.router.call('catalog.products.list', { q: '50%' })).items.map((x) => x.sku)).toEqual(['ACC-50%']);
    expect((await core.router.call('catalog.products.list', { sort: 'cost', dir: 'desc' })).items.map((x) => x.sku)).toEqual([
      'DNP-6X4',
      'ENC-01',
      'ACC-50%',
    ]);
    await core.router.call('catalog.products.archive', { id: p.id, archived: true });
    expect((await core.router.call('catalog.products.list', {})).total).toBe(2);
    expect((await core.router.call('catalog.products.list', { status: 'archived' })).items[0]!.id).toBe(p.id);
    await core.router.call('catalog.products.archive', { id: p.id, archived: false });
    expect((await core.router.call('catalog.products.list', {})).total).toBe(3);
  });

  it('refuses invalid or duplicate products with clear errors and writes nothing', async () => {
    await core.router.call('catalog.products.create', paper);
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    const dup = await core.router.request({ channel: 'catalog.products.create', input: { ...paper, name: 'Autre' } });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict', message: 'SKU DNP-6X4 already exists' } });
    const bad = await core.router.request({
      channel: 'catalog.products.create',
      input: { sku: ' ', name: 'X', ecoScore: 140, serviceLevel: 1.2, moq: 0 },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_input');
      const paths = (bad.error.details as Array<{ path: string[] }>).map((d) => d.path.join('.'));
      expect(paths).toEqual(expect.arrayContaining(['sku', 'ecoScore', 'serviceLevel', 'moq']));
    }
    // The audit log records the refusals; nothing else changed.
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
  });

  it('the database itself refuses values the contract would refuse (CHECK constraints)', () => {
    const db = core.ctx.db;
    const base = `INSERT INTO products (id, sku, name, created_at, updated_at, origin_device`;
    expect(() => db.prepare(`${base}, eco_score) VALUES ('x', 'S', 'N', 1, 1, 'd', 101)`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`${base}, moq) VALUES ('x', 'S', 'N', 1, 1, 'd', 0)`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`${base}, service_level) VALUES ('x', 'S', 'N', 1, 1, 'd', 1)`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`${base}, eco_details) VALUES ('x', 'S', 'N', 1, 1, 'd', '{}')`).run()).toThrow(/CHECK/);
  });
});

describe('stock ledger', () => {
  it('keeps balances per product and location in step with every movement type', async () => {
    const p = await core.router.call('catalog.products.create', paper);
    await core.router.call('stock.record', { productId: p.id, locationId: warehouse, type: 'in', quantity: 10, reason: 'Livraison' });
    await core.router.call('stock.record', { productId: p.id, locationId: warehouse, type: 'out', quantity: 3 });
    await core.router.call('stock.record', { productId: p.id, locationId: warehouse, type: 'transfer', toLocationId: van, quantity: 2 });
    await core.router.call('stock.record', {
      productId: p.id,
      locationId: van,
      type: 'adjust',
      direction: -1,
      quantity: 0.5,
      reason: 'Carton abîmé',
    });
    const balances = await core.router.call('stock.balances', { productId: p.id });
    expect(Object.fromEntries(balances.map((b) => [b.locationName, b.onHand]))).toEqual({ 'Entrepôt Lyon': 5, Camionnette: 1.5 });
    expect((await core.router.call('catalog.products.get', { id: p.id })).onHand).toBe(6.5);
    const recomputed = core.ctx.db
      .prepare("SELECT SUM(delta) FROM stock_movements WHERE product_id = ? AND type <> 'transfer'")
      .pluck()
      .get(p.id);
    expect(recomputed).toBe(6.5);
    const history = await core.router.call('stock.movements.list', { productId: p.id });
    expect(history.items.map((m) => m.type)).toEqual(['adjust', 'transfer', 'out', 'in']);
  });

  it('is append-only and refuses impossible movements with nothing written', async () => {
    const p = await core.router.call('catalog.products.create', paper);
    await core.router.call('stock.record', { productId: p.id, locationId: warehouse, type: 'in', quantity: 1 });
    expect(() => core.ctx.db.prepare('UPDATE stock_movements SET quantity = 99').run()).toThrow(/append-only/);
    expect(() => core.ctx.db.prepare('DELETE FROM stock_movements').run()).toThrow(/append-only/);
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    for (const input of [
      { productId: p.id, locationId: warehouse, type: 'in', quantity: 0 },
      { productId: p.id, locationId: warehouse, type: 'in', quantity: -4 },
      { productId: p.id, locationId: warehouse, type: 'transfer', quantity: 1 },
      { productId: p.id, locationId: warehouse, type: 'transfer', toLocationId: warehouse, quantity: 1 },
      { productId: p.id, locationId: warehouse, type: 'adjust', quantity: 1 },
      { productId: 'nope', locationId: warehouse, type: 'in', quantity: 1 },
    ]) {
      const res = await core.router.request({ channel: 'stock.record', input });
      expect(res.ok, JSON.stringify(input)).toBe(false);
    }
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
  });

  it('records a batch in one transaction: one bad line and nothing is written', async () => {
    const p = await core.router.call('catalog.products.create', paper);
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    const res = await core.router.request({
      channel: 'stock.recordBatch',
      input: {
        movements: [
          { productId: p.id, locationId: warehouse, type: 'in', quantity: 5 },
          { productId: 'ghost', locationId: warehouse, type: 'in', quantity: 5 },
        ],
      },
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Unknown product (line 2)' } });
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
  });

  it('skips a movement whose idempotency key was already recorded', async () => {
    const p = await core.router.call('catalog.products.create', paper);
    const line = { productId: p.id, locationId: warehouse, type: 'in' as const, quantity: 5, idempotencyKey: 'bl-2026-118:1' };
    expect(await core.router.call('stock.recordBatch', { movements: [line] })).toEqual({ recorded: 1, duplicates: 0, confirmed: [] });
    expect(await core.router.call('stock.recordBatch', { movements: [line, { ...line, idempotencyKey: 'bl-2026-118:2' }] })).toEqual({
      recorded: 1,
      duplicates: 1,
      confirmed: [],
    });
    expect((await core.router.call('catalog.products.get', { id: p.id })).onHand).toBe(10);
  });

  it('lists low stock and stock-outs, values stock at cost, and rebuilds on-hand per day', async () => {
    const p = await core.router.call('catalog.products.create', paper);
    const q = await core.router.call('catalog.products.create', { sku: 'ENC-01', name: 'Encre', cost: 3, reorderPoint: 2 });
    const DAY = 86_400_000;
    await core.router.call('stock.record', {
      productId: p.id,
      locationId: warehouse,
      type: 'in',
      quantity: 10,
      occurredAt: core.clock.now() - 3 * DAY,
    });
    await core.router.call('stock.record', {
      productId: p.id,
      locationId: warehouse,
      type: 'out',
      quantity: 7,
      occurredAt: core.clock.now() - DAY,
    });
    expect((await core.router.call('stock.lowStock', {})).map((r) => r.sku)).toEqual(['DNP-6X4']);
    expect((await core.router.call('stock.stockOuts', {})).map((r) => r.sku)).toEqual([q.sku]);
    const summary = await core.router.call('stock.summary', {});
    expect(summary).toMatchObject({ stockValue: 3 * 89.5, lowStockCount: 1, stockOutCount: 1 });
    const hist = await core.router.call('stock.onHandHistory', { productId: p.id, days: 7 });
    expect(hist).toHaveLength(7);
    expect(hist.map((h) => h.onHand)).toEqual([0, 0, 0, 10, 10, 3, 3]);
  });

  it('receives a purchase order as an in movement, once', async () => {
    const p = await core.router.call('catalog.products.create', paper);
    const po = await core.router.call('purchaseOrders.create', {
      productId: p.id,
      locationId: warehouse,
      quantity: 6,
      expectedAt: core.clock.now() + 86_400_000,
    });
    expect(po).toMatchObject({ status: 'open', supplier: '' });
    const { order, movement } = await core.router.call('purchaseOrders.receive', { id: po.id });
    expect(order.status).toBe('received');
    expect(movement).toMatchObject({ type: 'in', quantity: 6, source: 'purchase_order' });
    expect(await core.router.request({ channel: 'purchaseOrders.receive', input: { id: po.id } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect((await core.router.call('catalog.products.get', { id: p.id })).onHand).toBe(6);
  });
});

describe('roles', () => {
  it('a viewer reads but cannot write; each attempt is audited as refused and nothing changes', async () => {
    const p = await core.router.call('catalog.products.create', paper);
    await asRole('viewer');
    expect((await core.router.call('catalog.products.list', {})).total).toBe(1);
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    for (const [channel, input] of [
      ['catalog.products.update', { id: p.id, patch: { price: 1 } }],
      ['stock.record', { productId: p.id, locationId: warehouse, type: 'in', quantity: 1 }],
      ['catalog.products.create', { sku: 'X', name: 'X' }],
    ] as const) {
      expect(await core.router.request({ channel, input })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
    const refused = (await core.router.call('audit.list', { limit: 10 })).items.filter((a) => a.outcome === 'refused').map((a) => a.action);
    expect(refused.sort()).toEqual(['catalog.products.create', 'catalog.products.update', 'stock.record']);
  });

  it('an installer records movements but does not edit the catalog', async () => {
    const p = await core.router.call('catalog.products.create', paper);
    await asRole('installer');
    expect(
      await core.router.request({ channel: 'stock.record', input: { productId: p.id, locationId: warehouse, type: 'in', quantity: 1 } }),
    ).toMatchObject({ ok: true });
    expect(await core.router.request({ channel: 'catalog.products.update', input: { id: p.id, patch: { price: 1 } } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('partial updates', () => {
  it('change only the named fields (defaults never reset the others)', async () => {
    const p = await core.router.call('catalog.products.create', paper);
    const after = await core.router.call('catalog.products.update', { id: p.id, patch: { name: 'Papier DNP 6x4' } });
    expect(after).toMatchObject({
      name: 'Papier DNP 6x4',
      cost: 89.5,
      moq: 2,
      packSize: 2,
      leadTimeDays: 5,
      reorderPoint: 4,
      ecoScore: 42,
      ecoDetails: ['Carton recyclable'],
    });
    const s = await core.router.call('catalog.services.create', {
      title: 'Formule Mariage',
      durationMin: 300,
      price: 890,
      benefits: ['Impressions illimitées'],
    });
    const s2 = await core.router.call('catalog.services.update', { id: s.id, patch: { price: 950 } });
    expect(s2).toMatchObject({ title: 'Formule Mariage', durationMin: 300, price: 950, benefits: ['Impressions illimitées'] });
  });
});
