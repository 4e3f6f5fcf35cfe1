import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '@core/db/repos/users.js';
import { productOnHand, onHandAt } from '@core/db/repos/balances.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { dbFingerprint } from '../fixtures/dbSnapshot.js';

const AUDIT_TRAIL = ['audit_log', 'outbox', 'sync_row_versions'];
let core: TestCore;
let warehouse: string;
let van: string;
let product: string;

beforeEach(async () => {
  core = createTestCore();
  warehouse = (await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' })).id;
  van = (await core.router.call('stock.locations.create', { name: 'Camionnette', kind: 'van' })).id;
  product = (await core.router.call('catalog.products.create', { sku: 'DNP-6X4', name: 'Papier DNP 6x4 (2 rouleaux)', unit: 'carton' })).id;
  await core.router.call('stock.record', { productId: product, locationId: warehouse, type: 'in', quantity: 10 });
  await core.router.call('stock.record', { productId: product, locationId: van, type: 'in', quantity: 3 });
});
afterEach(() => core.dispose());

describe('paper is stock', () => {
  it('without a paper product a reload books nothing (and says so)', async () => {
    await core.router.call('booths.create', { name: 'Borne 1', remainingPrints: 100 });
    const r = await core.router.call('booths.reloadPaper', { booth: 'Borne 1' });
    expect(r).toMatchObject({ remainingPrints: 700, booked: null });
    expect(productOnHand(core.ctx.db, product)).toBe(13);
  });

  it('a reload books its rolls out of the paper product at the main warehouse, in the same transaction', async () => {
    expect(await core.router.call('booths.paperStock.set', { productId: product, rollsPerUnit: 2 })).toMatchObject({
      sku: 'DNP-6X4',
      rollsPerUnit: 2,
      onHand: 13,
    });
    await core.router.call('booths.create', { name: 'Borne 1', remainingPrints: 40 });
    const r = await core.router.call('booths.reloadPaper', { booth: 'Borne 1', rolls: 2 });
    expect(r.remainingPrints).toBe(700);
    expect(r.booked).toMatchObject({ locationId: warehouse, rolls: 2, quantity: 1, onHandAfter: 9 });
    expect(onHandAt(core.ctx.db, product, warehouse)).toBe(9);
    // One roll from the van: half a carton.
    const r2 = await core.router.call('booths.reloadPaper', { booth: 'Borne 1', fromLocationId: van });
    expect(r2.booked).toMatchObject({ locationName: 'Camionnette', quantity: 0.5, onHandAfter: 2.5 });
    const mv = core.ctx.db
      .prepare("SELECT type, quantity, source, reason FROM stock_movements WHERE product_id = ? AND source = 'booth' ORDER BY rowid")
      .all(product);
    expect(mv).toEqual([
      { type: 'out', quantity: 1, source: 'booth', reason: 'Paper reload: Borne 1 (2 rolls)' },
      { type: 'out', quantity: 0.5, source: 'booth', reason: 'Paper reload: Borne 1 (1 roll)' },
    ]);
  });

  it('a refused stock booking rolls the whole reload back: the booth keeps its paper', async () => {
    await core.router.call('booths.paperStock.set', { productId: product, rollsPerUnit: 2 });
    await core.router.call('booths.create', { name: 'Borne 1', remainingPrints: 40 });
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    const bad = await core.router.request({ channel: 'booths.reloadPaper', input: { booth: 'Borne 1', fromLocationId: 'nowhere' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
    expect(await core.router.request({ channel: 'booths.reloadPaper', input: { booth: 'Borne 1', rolls: 1.5 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('installers reload and book stock; only admins choose the paper product', async () => {
    await core.router.call('booths.paperStock.set', { productId: product, rollsPerUnit: 1 });
    await core.router.call('booths.create', { name: 'Borne 1', remainingPrints: 40 });
    const u = insertUser(core.ctx.db, { email: 'i@x.test', displayName: 'Inès', role: 'installer' }, { now: 1, device: core.ctx.deviceId });
    core.ctx.session.set(u.id);
    expect((await core.router.call('booths.reloadPaper', { booth: 'Borne 1' })).booked?.onHandAfter).toBe(9);
    expect(await core.router.request({ channel: 'booths.paperStock.set', input: { productId: null, rollsPerUnit: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('a strip booth holds whole strips: 700 sheets = 1400 strips', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne Strips', printsPerCopy: 0.5, remainingPrints: 512.5 });
    const { paperLeft } = await import('../../electron/cli/commands/booths.js');
    expect(paperLeft(b)).toBe('1025 strips');
    expect(paperLeft({ ...b, remainingPrints: 700 })).toBe('1400 strips');
    expect(paperLeft({ ...b, printsPerCopy: 1, remainingPrints: 512.5 })).toBe('512 prints');
  });
});
