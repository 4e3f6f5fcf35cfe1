import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '@core/db/repos/users.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { dbFingerprint } from '../fixtures/dbSnapshot.js';

const AUDIT_TRAIL = ['audit_log', 'outbox', 'sync_row_versions'];
const b64 = (s: string | Uint8Array) => Buffer.from(typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64');
const BOM = '\ufeff';

let core: TestCore;
beforeEach(async () => {
  core = createTestCore();
  await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });
  await core.router.call('stock.locations.create', { name: 'Camionnette', kind: 'warehouse' });
});
afterEach(() => core.dispose());

async function asRole(role: 'viewer' | 'installer') {
  const u = insertUser(
    core.ctx.db,
    { email: `${role}@x.test`, displayName: role, role },
    { now: core.clock.now(), device: core.ctx.deviceId },
  );
  core.ctx.session.set(u.id);
}

const PRODUCTS_FR =
  BOM +
  "Référence;Désignation;Catégorie;Prix de vente;Prix d'achat;Fournisseur;Délai (j);Qté min;Colisage;Taux de service;Éco-score;Détails éco\r\n" +
  'DNP-6X4;"Papier DNP 6x4; 2 rouleaux";Consommables;120,00;89,50;DNP France;5;2;2;95 %;42;Carton recyclable | Fabriqué au Japon\r\n' +
  'CADRE-A5;Cadre photo A5 "bois";Accessoires;1 234,5;3,2;Bois & Co;14;10;10;0,9;81;\r\n';

async function importProducts(text = PRODUCTS_FR) {
  return core.router.call('csv.importCatalog', { kind: 'products', contentBase64: b64(text) });
}

describe('CSV import of products', () => {
  it('imports a French Excel file (BOM, ";", decimal comma, quoted separator) and updates by SKU on re-import', async () => {
    const preview = await core.router.call('csv.preview', { kind: 'products', contentBase64: b64(PRODUCTS_FR) });
    expect(preview).toMatchObject({
      encoding: 'utf-8-bom',
      separator: ';',
      rowCount: 2,
      validCount: 2,
      creates: 2,
      updates: 0,
      errors: [],
    });
    expect(await importProducts()).toEqual({ kind: 'products', created: 2, updated: 0, skippedDuplicates: 0 });
    const list = (await core.router.call('catalog.products.list', { sort: 'sku' })).items;
    expect(list.map((p) => [p.sku, p.name, p.price, p.cost, p.serviceLevel, p.ecoScore])).toEqual([
      ['CADRE-A5', 'Cadre photo A5 "bois"', 1234.5, 3.2, 0.9, 81],
      ['DNP-6X4', 'Papier DNP 6x4; 2 rouleaux', 120, 89.5, 0.95, 42],
    ]);
    expect(list[1]!.ecoDetails).toEqual(['Carton recyclable', 'Fabriqué au Japon']);
    // A price-only file changes prices and nothing else.
    expect(await importProducts('sku,price\nDNP-6X4,125.5\n')).toMatchObject({ created: 0, updated: 1 });
    const dnp = (await core.router.call('catalog.products.list', { q: 'DNP' })).items[0]!;
    expect(dnp).toMatchObject({ price: 125.5, cost: 89.5, supplier: 'DNP France' });
  });

  it('reads Windows-1252 files', async () => {
    const bytes = Uint8Array.from(
      [...'sku;nom;prix\nTHE-01;Th'].map((c) => c.charCodeAt(0)).concat([0xe9, ...[...' vert 5'].map((c) => c.charCodeAt(0)), 0x80, 0x0a]),
    );
    const preview = await core.router.call('csv.preview', { kind: 'products', contentBase64: b64(bytes) });
    expect(preview.encoding).toBe('windows-1252');
    await core.router.call('csv.importCatalog', { kind: 'products', contentBase64: b64(bytes) });
    expect((await core.router.call('catalog.products.list', {})).items[0]!.name).toBe('Thé vert 5€');
  });

  it('refuses a file with bad rows whole, listing each by line, and writes nothing', async () => {
    const bad = PRODUCTS_FR + 'X-1;;Divers;1;1;;1;1;1;0,9;50;\r\nX-2;Nom;Divers;abc;1;;1;1;1;0,9;150;\r\n';
    const preview = await core.router.call('csv.preview', { kind: 'products', contentBase64: b64(bad) });
    expect(preview.validCount).toBe(2);
    expect(preview.errors.map((e) => [e.line, e.field])).toEqual([
      [4, 'name'],
      [5, 'price'],
      [5, 'ecoScore'],
    ]);
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    const res = await core.router.request({ channel: 'csv.importCatalog', input: { kind: 'products', contentBase64: b64(bad) } });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!res.ok) expect(res.error.message).toContain('2 bad row(s) out of 4 row(s); nothing was imported. Line 4');
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
  });

  it('lets the user fix the mapping in the preview: an unknown header mapped by hand', async () => {
    const text = 'Code interne;Libellé\nA-1;Bâche\n';
    const auto = await core.router.call('csv.preview', { kind: 'products', contentBase64: b64(text) });
    expect(auto.errors[0]).toMatchObject({ code: 'csv.missingColumn', field: 'sku' });
    const fixed = await core.router.call('csv.preview', { kind: 'products', contentBase64: b64(text), mapping: { sku: 0 } });
    expect(fixed.errors).toEqual([]);
    const bad = await core.router.request({
      channel: 'csv.preview',
      input: { kind: 'products', contentBase64: b64(text), mapping: { sku: 9 } },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

const MOVES_FR =
  'Date;Référence;Type;Quantité;Emplacement;Destination;Motif\n' +
  '02/11/2026;DNP-6X4;entrée;10;Entrepôt Lyon;;Livraison BL 4711\n' +
  '03/11/2026;DNP-6X4;sortie;2,5;Entrepôt Lyon;;Événement Dupont\n' +
  '03/11/2026;DNP-6X4;sortie;2,5;Entrepôt Lyon;;Événement Dupont\n' +
  '04/11/2026;DNP-6X4;transfert;3;Entrepôt Lyon;Camionnette;\n' +
  '05/11/2026;DNP-6X4;ajustement;-1;Camionnette;;Inventaire\n';

describe('CSV import of movements and sales', () => {
  beforeEach(async () => {
    await importProducts();
  });

  const balances = async () =>
    Object.fromEntries((await core.router.call('stock.balances', {})).map((b) => [`${b.sku}@${b.locationName}`, b.onHand]));

  it('imports a French ledger file in one go and a re-import adds nothing', async () => {
    const first = await core.router.call('csv.importMovements', { kind: 'movements', contentBase64: b64(MOVES_FR) });
    // The two identical "sortie" lines are two facts, both kept.
    expect(first).toEqual({ kind: 'movements', created: 5, updated: 0, skippedDuplicates: 0 });
    expect(await balances()).toEqual({ 'DNP-6X4@Entrepôt Lyon': 2, 'DNP-6X4@Camionnette': 2 });
    const again = await core.router.call('csv.preview', { kind: 'movements', contentBase64: b64(MOVES_FR) });
    expect(again).toMatchObject({ alreadyImported: 5, creates: 0 });
    expect(await core.router.call('csv.importMovements', { kind: 'movements', contentBase64: b64(MOVES_FR) })).toMatchObject({
      created: 0,
      skippedDuplicates: 5,
    });
    expect(await balances()).toEqual({ 'DNP-6X4@Entrepôt Lyon': 2, 'DNP-6X4@Camionnette': 2 });
    const hist = await core.router.call('stock.movements.list', { limit: 50 });
    expect(hist.items).toHaveLength(5);
    expect(hist.items.every((m) => m.source === 'csv')).toBe(true);
  });

  it('one bad row (unknown SKU) rejects the whole file; fixed, it imports', async () => {
    const bad = MOVES_FR + '06/11/2026;INCONNU;sortie;1;Entrepôt Lyon;;\n';
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    const res = await core.router.request({ channel: 'csv.importMovements', input: { kind: 'movements', contentBase64: b64(bad) } });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { errors: [{ line: 7, field: 'sku', code: 'csv.unknownSku' }] } },
    });
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
    const fixed = bad.replace('INCONNU', 'CADRE-A5').replace(';sortie;1;', ';entrée;1;');
    expect(await core.router.call('csv.importMovements', { kind: 'movements', contentBase64: b64(fixed) })).toMatchObject({ created: 6 });
  });

  it('imports English sales (",", ISO dates) as out movements from the warehouse', async () => {
    await core.router.call('csv.importMovements', { kind: 'movements', contentBase64: b64(MOVES_FR) });
    const sales = 'date,sku,qty,invoice\n2026-11-06,DNP-6X4,1,F-100\n2026-11-06T15:00:00Z,DNP-6X4,0.5,F-101\n';
    expect(await core.router.call('csv.importMovements', { kind: 'sales', contentBase64: b64(sales) })).toMatchObject({ created: 2 });
    expect((await balances())['DNP-6X4@Entrepôt Lyon']).toBe(0.5);
    const latest = (await core.router.call('stock.movements.list', { limit: 1 })).items[0]!;
    expect(latest).toMatchObject({ type: 'out', delta: -0.5, reason: 'Vente F-101' });
  });

  it('exports every kind in French and English, and an exported ledger re-imports as duplicates only', async () => {
    await core.router.call('csv.importMovements', { kind: 'movements', contentBase64: b64(MOVES_FR) });
    const fr = await core.router.call('csv.export', { kind: 'movements', format: 'fr' });
    expect(fr.rows).toBe(5);
    expect(fr.content.startsWith(BOM + 'Date;Référence;Type;Quantité')).toBe(true);
    expect(fr.content).toContain('03/11/2026;DNP-6X4;sortie;2,5;Entrepôt Lyon');
    const echo = await core.router.call('csv.importMovements', { kind: 'movements', contentBase64: b64(fr.content) });
    expect(echo).toMatchObject({ created: 0, skippedDuplicates: 5 });
    const en = await core.router.call('csv.export', { kind: 'products', format: 'en' });
    expect(en.content.split('\r\n')[0]).toMatch(/^sku,name,description/);
    // Round trip: the English product export re-imports as updates with nothing lost.
    expect(await core.router.call('csv.importCatalog', { kind: 'products', contentBase64: b64(en.content) })).toMatchObject({
      created: 0,
      updated: 2,
    });
    const bal = await core.router.call('csv.export', { kind: 'balances', format: 'fr' });
    // Each balance with its quantity and last movement: Lyon 10 − 2.5 − 2.5 − 3 = 2 (last 04/11), van 3 − 1 = 2 (05/11).
    expect(bal.rows).toBe(2);
    expect(bal.content.split('\r\n')).toEqual([
      BOM + 'Référence;Désignation;Emplacement;Stock;Dernier mouvement',
      'DNP-6X4;"Papier DNP 6x4; 2 rouleaux";Camionnette;2;05/11/2026',
      'DNP-6X4;"Papier DNP 6x4; 2 rouleaux";Entrepôt Lyon;2;04/11/2026',
      '',
    ]);
    expect((await core.router.call('csv.export', { kind: 'sales', format: 'en' })).rows).toBe(2);
    expect((await core.router.call('csv.export', { kind: 'services', format: 'fr' })).content.startsWith(BOM + 'Titre')).toBe(true);
  });
});

describe('roles', () => {
  it('an installer imports movements but not the catalog; a viewer neither; refusals are audited and change nothing', async () => {
    await importProducts();
    const viewer = insertUser(
      core.ctx.db,
      { email: 'viewer@x.test', displayName: 'viewer', role: 'viewer' },
      { now: core.clock.now(), device: core.ctx.deviceId },
    );
    await asRole('installer');
    expect(await core.router.call('csv.importMovements', { kind: 'movements', contentBase64: b64(MOVES_FR) })).toMatchObject({
      created: 5,
    });
    const before = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    expect(
      await core.router.request({ channel: 'csv.importCatalog', input: { kind: 'products', contentBase64: b64(PRODUCTS_FR) } }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(before);
    core.ctx.session.set(viewer.id);
    const beforeViewer = dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL });
    expect(
      await core.router.request({
        channel: 'csv.importMovements',
        input: { kind: 'sales', contentBase64: b64('date,sku,qty\n2026-11-06,DNP-6X4,1\n') },
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dbFingerprint(core.ctx.db, { ignore: AUDIT_TRAIL })).toBe(beforeViewer);
    // A viewer may still export.
    expect((await core.router.call('csv.export', { kind: 'balances', format: 'en' })).rows).toBe(2);
    const audit = core.ctx.db
      .prepare("SELECT action, outcome, details FROM audit_log WHERE action LIKE 'csv.%' ORDER BY rowid")
      .all() as Array<{ action: string; outcome: string; details: string }>;
    expect(audit.filter((a) => a.outcome === 'refused').map((a) => a.action)).toEqual(['csv.importCatalog', 'csv.importMovements']);
    // The file content never lands in the audit log.
    expect(audit.every((a) => !String(a.details).includes(b64(MOVES_FR)))).toBe(true);
  });
});
