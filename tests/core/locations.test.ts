import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { dbFingerprint } from '../fixtures/dbSnapshot.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const AUDIT_TRAIL = ['audit_log', 'outbox', 'sync_row_versions'];

let core: TestCore;
beforeEach(async () => {
  core = createTestCore();
  await core.router.call('csv.importCatalog', {
    kind: 'products',
    contentBase64: b64('sku;name\nDNP-6X4;Papier DNP\nCADRE-A5;Cadre A5\n'),
  });
});
afterEach(() => core.dispose());

const names = async () =>
  (await core.router.call('stock.locations.list', {})).map((l) => `${l.name}:${l.kind}:${l.active ? 'on' : 'archived'}`);
const outboxFor = (id: string) =>
  core.ctx.db.prepare("SELECT COUNT(*) FROM outbox WHERE table_name = 'locations' AND row_id = ?").pluck().get(id) as number;

describe('locations', () => {
  it('creates warehouses and vans, refuses a second place with the same name, renames and changes kind', async () => {
    const lyon = await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });
    const van = await core.router.call('stock.locations.create', { name: 'Camion 1', kind: 'van' });
    expect(van).toMatchObject({ kind: 'van', active: true, onHand: 0, products: 0, boothId: null });
    const dup = await core.router.request({ channel: 'stock.locations.create', input: { name: 'entrepôt Lyon ', kind: 'van' } });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict', message: 'A location named Entrepôt Lyon already exists' } });
    expect(await core.router.call('stock.locations.update', { id: van.id, name: 'Camion Nord', kind: 'warehouse' })).toMatchObject({
      name: 'Camion Nord',
      kind: 'warehouse',
    });
    const clash = await core.router.request({ channel: 'stock.locations.update', input: { id: van.id, name: 'ENTREPÔT LYON' } });
    expect(clash.ok).toBe(false);
    // Warehouses and vans travel through the hub: each write queues its row.
    expect(outboxFor(lyon.id)).toBe(1);
    expect(outboxFor(van.id)).toBe(2);
    expect(await names()).toEqual(['Camion Nord:warehouse:on', 'Entrepôt Lyon:warehouse:on']);
  });

  it('archives only an empty location; a location holding stock is refused until its stock leaves', async () => {
    const lyon = await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });
    const van = await core.router.call('stock.locations.create', { name: 'Camion 1', kind: 'van' });
    const products = (await core.router.call('catalog.products.list', {})).items;
    const dnp = products.find((p) => p.sku === 'DNP-6X4')!;
    await core.router.call('stock.record', { productId: dnp.id, locationId: van.id, type: 'in', quantity: 4 });
    expect((await core.router.call('stock.locations.list', {})).find((l) => l.id === van.id)).toMatchObject({ onHand: 4, products: 1 });
    const refused = await core.router.request({ channel: 'stock.locations.archive', input: { id: van.id } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', details: { products: 1, onHand: 4 } } });
    await core.router.call('stock.record', { productId: dnp.id, locationId: van.id, toLocationId: lyon.id, type: 'transfer', quantity: 4 });
    expect(await core.router.call('stock.locations.archive', { id: van.id })).toMatchObject({ active: false, onHand: 0 });
    expect(await names()).toEqual(['Entrepôt Lyon:warehouse:on', 'Camion 1:van:archived']);
    expect(await core.router.call('stock.locations.update', { id: van.id, active: true })).toMatchObject({ active: true });
  });

  it("leaves a booth's own location to its booth", async () => {
    const booth = await core.router.call('booths.create', { name: 'Borne Aurore' });
    const loc = (await core.router.call('stock.locations.list', {})).find((l) => l.boothId === booth.id)!;
    expect(loc).toMatchObject({ kind: 'booth', name: 'Borne Aurore' });
    for (const req of [
      { channel: 'stock.locations.archive', input: { id: loc.id } },
      { channel: 'stock.locations.update', input: { id: loc.id, name: 'X' } },
    ] as const) {
      expect(await core.router.request(req)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(outboxFor(loc.id)).toBe(0);
  });

  it('is written by admins only', async () => {
    const { insertUser } = await import('@core/db/repos/users.js');
    const u = insertUser(
      core.ctx.db,
      { email: 'i@x.test', displayName: 'Inès', role: 'installer' },
      { now: core.clock.now(), device: core.ctx.deviceId },
    );
    core.ctx.session.set(u.id);
    expect(await core.router.request({ channel: 'stock.locations.create', input: { name: 'Dépôt', kind: 'warehouse' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('movements import naming unknown locations', () => {
  const rows = (n: number, location: string, start = 0) =>
    Array.from({ length: n }, (_, i) => `0${1 + ((start + i) % 9)}/11/2026;DNP-6X4;entrée;${i + 1};${location};;Stock initial`).join('\n');
  const file = (body: string) => `Date;Référence;Type;Quantité;Emplacement;Destination;Motif\n${body}\n`;

  it('lists each unknown location once with its row count, counts bad rows not errors, and creates them on request in the same transaction', async () => {
    await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });
    const text = file([rows(3, 'Entrepôt Lyon'), rows(58, 'Entrepôt Paris', 3), rows(4, 'Camion 2', 61)].join('\n'));
    const preview = await core.router.call('csv.preview', { kind: 'movements', contentBase64: b64(text) });
    expect(preview).toMatchObject({ rowCount: 65, validCount: 3, badRowCount: 62, errors: [], moreErrors: 0 });
    expect(preview.unknownLocations).toEqual([
      { name: 'Entrepôt Paris', rows: 58 },
      { name: 'Camion 2', rows: 4 },
    ]);
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    const refused = await core.router.request({ channel: 'csv.importMovements', input: { kind: 'movements', contentBase64: b64(text) } });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message:
          '62 bad row(s) out of 65 row(s); nothing was imported. 2 unknown location(s): Entrepôt Paris (58 row(s)), Camion 2 (4 row(s))',
      },
    });
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
    const res = await core.router.call('csv.importMovements', {
      kind: 'movements',
      contentBase64: b64(text),
      createLocations: [
        { name: 'Entrepôt Paris', kind: 'warehouse' },
        { name: 'Camion 2', kind: 'van' },
      ],
    });
    expect(res).toMatchObject({ created: 65, locationsCreated: 2 });
    expect(await names()).toEqual(['Entrepôt Lyon:warehouse:on', 'Entrepôt Paris:warehouse:on', 'Camion 2:van:on']);
    const byLoc = Object.fromEntries((await core.router.call('stock.locations.list', {})).map((l) => [l.name, l.onHand]));
    expect(byLoc).toEqual({ 'Entrepôt Lyon': 6, 'Entrepôt Paris': (58 * 59) / 2, 'Camion 2': 10 });
  });

  it('rolls back the locations it was asked to create when another row is bad', async () => {
    const text = file([rows(2, 'Dépôt Nord'), '05/11/2026;INCONNU;entrée;1;Dépôt Nord;;'].join('\n'));
    const res = await core.router.request({
      channel: 'csv.importMovements',
      input: { kind: 'movements', contentBase64: b64(text), createLocations: [{ name: 'Dépôt Nord', kind: 'warehouse' }] },
    });
    expect(res).toMatchObject({ ok: false, error: { details: { badRowCount: 1, errors: [{ line: 4, code: 'csv.unknownSku' }] } } });
    expect(await names()).toEqual([]);
  });

  it('lists at most the first 50 problems and counts the rest; a row with two problems counts once', async () => {
    // No warehouse yet: 70 rows, each with an unknown SKU AND no location: 140 problems, 70 bad rows.
    const body = Array.from({ length: 70 }, (_, i) => `01/11/2026;NOPE-${i};entrée;1;;;`).join('\n');
    const preview = await core.router.call('csv.preview', { kind: 'movements', contentBase64: b64(file(body)) });
    expect(preview.rowCount).toBe(70);
    expect(preview.badRowCount).toBe(70);
    expect(preview.errors).toHaveLength(50);
    expect(preview.moreErrors).toBe(90);
    expect(preview.errors[0]!.line).toBe(2);
  });
});
