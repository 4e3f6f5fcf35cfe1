import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { installNotionService, type Pacer } from '@core/modules/notion/index.js';
import { checkMapping, proposeMapping } from '@core/modules/notion/mapping.js';
import { insertBooth } from '@core/db/repos/booths.js';
import { recordTrigger } from '@core/modules/booths/counters.js';
import { filesOf } from '@core/db/repos/notion.js';
import { NotionDouble, v, DEMO_IDS, DEMO_BOOTH_NAMES } from '../fixtures/notion-double.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

/**
 * Against the Notion double, in virtual time: the core's clock, the gateway's pacer (rate limiter
 * sleeps, Retry-After, backoff) and the double's request log share one clock that a sleep moves
 * forward at once. So "≤ 3 requests/s measured by the double" is measured on the same timeline
 * the limiter paces, and 10,000 pages per data source take seconds, not an hour.
 */

const TOKEN = 'ntn_test_token_0123456789';
let core: TestCore;
let double: NotionDouble;

async function setup(opts: { seed?: 'demo' | false } = {}) {
  core = createTestCore({ start: Date.UTC(2026, 11, 5, 17, 0, 0) });
  const clock = core.clock;
  const pacer: Pacer = {
    now: () => clock.now(),
    sleep: async (ms) => {
      clock.advance(Math.max(0, Math.ceil(ms)));
      await new Promise((r) => setImmediate(r));
    },
  };
  double = new NotionDouble({ clock, seed: opts.seed ?? 'demo' });
  await double.listen(0);
  const svc = installNotionService(core.ctx, { pacer });
  const stamp = { now: clock.now(), device: core.ctx.deviceId };
  for (const name of DEMO_BOOTH_NAMES) insertBooth(core.ctx.db, { name }, stamp);
  return { svc, pacer };
}

const call = <T = unknown>(ch: string, input: unknown): Promise<T> =>
  (core.router.call as (c: string, i: unknown) => Promise<T>)(ch, input);

async function connectAndMapDemo() {
  await call('notion.connect', { token: TOKEN, baseUrl: double.url });
  for (const [entity, id] of [
    ['events', DEMO_IDS.events],
    ['products', DEMO_IDS.products],
    ['services', DEMO_IDS.services],
  ] as const) {
    const p = await call<{ mapping: Record<string, string | null>; options: unknown }>('notion.propose', { entity, dataSourceId: id });
    await call('notion.saveSource', { entity, dataSourceId: id, mapping: p.mapping, ...(p.options ? { options: p.options } : {}) });
  }
}

const rows = (sql: string, ...args: unknown[]) => core.ctx.db.prepare(sql).all(...args) as Array<Record<string, unknown>>;
const one = (sql: string, ...args: unknown[]) => core.ctx.db.prepare(sql).get(...args) as Record<string, unknown>;

afterEach(async () => {
  await double?.close();
  core?.dispose();
});

describe('notion mapping', () => {
  it('proposes the obvious mapping from French names and types, and checks types', async () => {
    await setup();
    await call('notion.connect', { token: TOKEN, baseUrl: double.url });
    const sources = await call<Array<{ id: string; name: string }>>('notion.dataSources', {});
    expect(sources.map((s) => s.name)).toEqual(['Bornes', 'Photomatons', 'Produits', 'Services']);
    const ev = await call<{
      mapping: Record<string, string | null>;
      options: { liveValues: string[]; doneValues: string[]; cancelledValues: string[] };
      check: { ok: boolean };
    }>('notion.propose', { entity: 'events', dataSourceId: DEMO_IDS.events });
    expect(ev.mapping).toMatchObject({
      clientName: 'Client',
      date: 'Date',
      status: 'Statut',
      booth: 'Photomaton',
      eventType: 'Type',
      albumName: 'Album',
      sessions: 'Sessions',
      prints: 'Impressions',
      digital: 'Numérique',
      gifs: 'GIFs',
    });
    expect(ev.options).toEqual({ liveValues: ['En cours'], doneValues: ['Terminé'], cancelledValues: ['Annulé'] });
    expect(ev.check.ok).toBe(true);
    const pr = await call<{ mapping: Record<string, string | null> }>('notion.propose', {
      entity: 'products',
      dataSourceId: DEMO_IDS.products,
    });
    expect(pr.mapping).toMatchObject({
      name: 'Nom',
      sku: 'Référence',
      price: 'Prix',
      category: 'Catégorie',
      description: 'Description',
      images: 'Images',
      active: 'Actif',
      supplier: 'Fournisseur',
    });
    const sv = await call<{ mapping: Record<string, string | null> }>('notion.propose', {
      entity: 'services',
      dataSourceId: DEMO_IDS.services,
    });
    expect(sv.mapping).toMatchObject({
      title: 'Nom',
      durationMin: 'Durée (min)',
      price: 'Prix',
      benefits: 'Avantages',
      description: 'Description',
    });
    // English names work too.
    const en = proposeMapping('products', [
      { name: 'Name', type: 'title', options: [] },
      { name: 'Price', type: 'number', options: [] },
      { name: 'Category', type: 'select', options: [] },
      { name: 'Photos', type: 'files', options: [] },
    ]);
    expect(en).toMatchObject({ name: 'Name', price: 'Price', category: 'Category', images: 'Photos' });
    // Type check: a number field on a text property, a files field on a number, a missing required field.
    const bad = checkMapping('products', { name: null, price: 'Catégorie', images: 'Prix' }, [
      { name: 'Catégorie', type: 'select', options: [] },
      { name: 'Prix', type: 'number', options: [] },
    ]);
    expect(bad.problems).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'required', property: null, type: null },
        { field: 'price', code: 'wrong_type', property: 'Catégorie', type: 'select' },
        { field: 'images', code: 'wrong_type', property: 'Prix', type: 'number' },
      ]),
    );
    await expect(
      call('notion.saveSource', { entity: 'products', dataSourceId: DEMO_IDS.products, mapping: { name: 'Nom', price: 'Catégorie' } }),
    ).rejects.toThrow(/does not fit/);
  });

  it('previews 5 real pages as they would be imported, writing nothing', async () => {
    await setup();
    await call('notion.connect', { token: TOKEN, baseUrl: double.url });
    const p = await call<{ mapping: Record<string, string | null>; options: object }>('notion.propose', {
      entity: 'events',
      dataSourceId: DEMO_IDS.events,
    });
    const prev = await call<{ rows: Array<{ title: string; values: Record<string, unknown>; error: string | null }> }>('notion.preview', {
      entity: 'events',
      dataSourceId: DEMO_IDS.events,
      mapping: p.mapping,
      options: p.options,
    });
    expect(prev.rows).toHaveLength(5);
    const undated = prev.rows.find((r) => r.title.startsWith('Fête de la musique'));
    expect(undated?.error).toMatch(/Date: no date/);
    expect(prev.rows.filter((r) => !r.error).every((r) => typeof r.values.startsAt === 'number')).toBe(true);
    expect(one('SELECT count(*) AS n FROM events').n).toBe(0);
  });
});

describe('notion import', () => {
  it('imports the demo workspace: live events tied to booths, skipped pages with reasons, tombstones, images kept locally', async () => {
    await setup();
    await connectAndMapDemo();
    const run = await call<{ ok: boolean; counts: Record<string, number>; error: string | null }>('notion.syncNow', {});
    expect(run.error).toBeNull();
    expect(run.ok).toBe(true);
    const events = rows(
      'SELECT e.client_name, e.status, b.name AS booth, e.snapshot FROM events e LEFT JOIN booths b ON b.id = e.booth_id WHERE e.deleted_at IS NULL ORDER BY e.starts_at',
    );
    expect(events).toHaveLength(8);
    const live = events.filter((e) => e.status === 'active').map((e) => `${e.client_name} @ ${e.booth}`);
    expect(live.sort()).toEqual(['Eurexpo @ Borne Cèdre', 'Famille Dupont @ Borne Aurore', 'Lumière SA @ Borne Brume']);
    expect(events.find((e) => e.client_name === 'Nexa')?.status).toBe('completed');
    expect(events.find((e) => e.client_name === 'Veloce')?.status).toBe('archived');
    expect(JSON.parse(String(events[0]!.snapshot)).properties.Nom.title[0].plain_text).toBeTruthy();
    // The booth path sees the imported live event.
    const aurore = one("SELECT id FROM booths WHERE name = 'Borne Aurore'").id as string;
    const current = await call<{ clientName: string } | null>('bookings.list', { boothId: aurore, status: 'active' });
    expect(current).toEqual(expect.arrayContaining([expect.objectContaining({ clientName: 'Famille Dupont' })]));
    // Skipped with reasons: the undated event, the product whose price is text.
    const skipped = await call<{ items: Array<{ title: string; reason: string; url: string }> }>('notion.skipped', {});
    expect(skipped.items.map((s) => [s.title, s.reason])).toEqual(
      expect.arrayContaining([
        ['Fête de la musique – date à confirmer', 'Date: no date'],
        ['Prix manquant (à compléter)', 'Prix: "environ 10 €" is not a number'],
      ]),
    );
    expect(skipped.items.every((s) => s.url.startsWith('https://www.notion.so/'))).toBe(true);
    expect(one('SELECT count(*) AS n FROM products WHERE notion_page_id IS NOT NULL').n).toBe(7);
    expect(one("SELECT price, category, sku FROM products WHERE name = 'Savon solide lavande'")).toEqual({
      price: 6.5,
      category: 'Cosmétique',
      sku: 'NTN-COS-LAV',
    });
    expect(JSON.parse(String(one("SELECT benefits FROM services WHERE title = 'Formule Prestige'").benefits))).toContain('GIF animés');
    // Hosted images were downloaded (their URLs expire); the bytes are on disk.
    const savon = one("SELECT notion_page_id FROM products WHERE name = 'Savon solide lavande'").notion_page_id as string;
    const files = filesOf(core.ctx.db, savon);
    expect(files).toHaveLength(1);
    expect(fs.readFileSync(files[0]!.path).subarray(1, 4).toString()).toBe('PNG');
    // Imported rows are ordinary synced rows: queued in the outbox like any local write.
    expect(one("SELECT count(*) AS n FROM outbox WHERE table_name = 'events'").n).toBeGreaterThanOrEqual(8);
    // Trash: the page trashed in Notion never became a live row; trashing a live one tombstones it.
    const dupont = one("SELECT notion_page_id FROM events WHERE client_name = 'Famille Dupont'").notion_page_id as string;
    core.clock.advance(5 * 60_000);
    double.trashPage(dupont);
    const r2 = await call<{ counts: Record<string, number> }>('notion.syncNow', {});
    expect(r2.counts.deleted).toBe(1);
    expect(one('SELECT deleted_at FROM events WHERE notion_page_id = ?', dupont).deleted_at).toBe(core.clock.now());
    // Restored from the trash: alive again, same row.
    core.clock.advance(5 * 60_000);
    double.trashPage(dupont, false);
    await call('notion.syncNow', {});
    expect(rows('SELECT deleted_at FROM events WHERE notion_page_id = ?', dupont)).toEqual([{ deleted_at: null }]);
  });

  it('is incremental: a page edited in the overlap minute is imported once, and a quiet round costs one request per data source', async () => {
    const { svc } = await setup();
    await connectAndMapDemo();
    await svc.syncNow('schedule'); // first scheduled round (also sweeps the trash)
    const before = double.requests.length;
    const quiet = await svc.syncNow('schedule');
    expect(quiet.counts.created + quiet.counts.updated).toBe(0);
    expect(double.requests.length - before).toBe(3);
    expect(quiet.requests).toBe(3);
    // An edit stamped in the very minute of the high-water mark, after the last round read that
    // minute (Notion rounds last_edited_time down to the minute): only the overlap re-read sees it.
    const hw = Date.parse(String(one("SELECT high_water FROM notion_sources WHERE entity = 'events'").high_water));
    const gala = double
      .pagesOf(DEMO_IDS.events)
      .find((p) => (p.properties.Client as { rich_text: Array<{ plain_text: string }> }).rich_text[0]?.plain_text === 'Lumière SA')!;
    Object.assign(gala.properties, { Album: v.text('Gala Lumière – galerie') });
    gala.lastEditedTime = hw;
    const changed: unknown[] = [];
    const off = core.ctx.events.subscribe((e) => e.event === 'data.changed' && changed.push(e.payload));
    const r = await svc.syncNow('schedule');
    off();
    expect(r.counts.updated).toBe(1);
    // A scheduled round (no router call) still announces what it wrote on the change feed.
    expect(changed).toEqual([
      expect.objectContaining({ tables: ['events'], ids: [one('SELECT id FROM events WHERE notion_page_id = ?', gala.id).id] }),
    ]);
    expect(rows('SELECT album_name FROM events WHERE notion_page_id = ?', gala.id)).toEqual([{ album_name: 'Gala Lumière – galerie' }]);
    // Read again in the overlap window next round, but deduplicated: nothing more is written.
    const again = await svc.syncNow('schedule');
    expect(again.counts.updated + again.counts.created).toBe(0);
    expect(again.counts.unchanged).toBeGreaterThanOrEqual(1);
    expect(one('SELECT count(*) AS n FROM events').n).toBe(8);
  });

  it('imports 10,000 pages per data source completely under a 429 storm and 5xx bursts, at ≤ 3 requests/s measured by the double', async () => {
    const { svc } = await setup({ seed: false });
    const N = 10_000;
    const t0 = core.clock.now() - 30 * 86_400_000;
    const ev = double.addDataSource('Planning', {
      Nom: { type: 'title' },
      Date: { type: 'date' },
      Statut: { type: 'status', options: ['En cours', 'Terminé'] },
    });
    const pr = double.addDataSource('Produits', { Nom: { type: 'title' }, Référence: { type: 'rich_text' }, Prix: { type: 'number' } });
    const sv = double.addDataSource('Services', { Nom: { type: 'title' }, 'Durée (min)': { type: 'number' } });
    for (let i = 0; i < N; i++) {
      const at = t0 + Math.floor(i / 3) * 60_000; // three pages share each minute
      double.addPage(
        ev.id,
        { Nom: v.title(`Évènement ${i}`), Date: v.date('2026-12-10T18:00:00.000+01:00'), Statut: v.status('Terminé') },
        { createdTime: at, lastEditedTime: at },
      );
      double.addPage(
        pr.id,
        { Nom: v.title(`Produit ${i}`), Référence: v.text(`BULK-${i}`), Prix: v.number(i % 50) },
        { createdTime: at, lastEditedTime: at },
      );
      double.addPage(sv.id, { Nom: v.title(`Service ${i}`), 'Durée (min)': v.number(60) }, { createdTime: at, lastEditedTime: at });
    }
    await call('notion.connect', { token: TOKEN, baseUrl: double.url });
    for (const [entity, id] of [
      ['events', ev.id],
      ['products', pr.id],
      ['services', sv.id],
    ] as const) {
      const p = await call<{ mapping: Record<string, string | null>; options: unknown }>('notion.propose', { entity, dataSourceId: id });
      await call('notion.saveSource', { entity, dataSourceId: id, mapping: p.mapping, ...(p.options ? { options: p.options } : {}) });
    }
    double.requests.length = 0;
    double.faults.rate429 = 0.15;
    double.faults.retryAfterS = 2;
    double.faults.rate5xx = 0.05;
    double.faults.queued.push(500, 502, 503, 504, 529);
    const run = await svc.syncNow('manual');
    expect(run.error).toBeNull();
    expect(run.counts.created).toBe(3 * N);
    expect(one('SELECT count(*) AS n FROM events').n).toBe(N);
    expect(one('SELECT count(DISTINCT sku) AS n FROM products').n).toBe(N);
    expect(one('SELECT count(*) AS n FROM services').n).toBe(N);
    const limited = double.requests.filter((r) => r.status === 429).length;
    const failed = double.requests.filter((r) => r.status >= 500).length;
    expect(limited).toBeGreaterThan(20);
    expect(failed).toBeGreaterThan(5);
    expect(double.maxRequestsInWindow(TOKEN, 1000)).toBeLessThanOrEqual(3);
  }, 240_000);

  it('resumes a run killed mid-import without duplicates or gaps', async () => {
    let kill = 0;
    core = createTestCore({ start: Date.UTC(2026, 11, 5, 17, 0, 0) });
    const clock = core.clock;
    const pacer: Pacer = {
      now: () => clock.now(),
      sleep: async (ms) => (clock.advance(Math.ceil(ms)), new Promise((r) => setImmediate(r))),
    };
    double = new NotionDouble({ clock, seed: false });
    await double.listen(0);
    const svc = installNotionService(core.ctx, {
      pacer,
      afterBatch: (_e, batch) => {
        if (kill && batch === kill) throw new Error('killed');
      },
    });
    const pr = double.addDataSource('Produits', { Nom: { type: 'title' }, Référence: { type: 'rich_text' } });
    const t0 = clock.now() - 86_400_000;
    for (let i = 0; i < 950; i++)
      double.addPage(
        pr.id,
        { Nom: v.title(`P${i}`), Référence: v.text(`R-${i}`) },
        { createdTime: t0, lastEditedTime: t0 + Math.floor(i / 7) * 60_000 },
      );
    await call('notion.connect', { token: TOKEN, baseUrl: double.url });
    const p = await call<{ mapping: Record<string, string | null> }>('notion.propose', { entity: 'products', dataSourceId: pr.id });
    await call('notion.saveSource', { entity: 'products', dataSourceId: pr.id, mapping: p.mapping });
    kill = 4;
    const dead = await svc.syncNow('manual');
    expect(dead.ok).toBe(false);
    expect(one('SELECT count(*) AS n FROM products').n).toBe(400);
    // Meanwhile in Notion: an old page is edited, new pages arrive.
    clock.advance(60_000);
    double.editPage([...double.pages.values()][3]!.id, { Nom: v.title('P3 renamed') });
    for (let i = 950; i < 1000; i++) double.addPage(pr.id, { Nom: v.title(`P${i}`), Référence: v.text(`R-${i}`) });
    kill = 0;
    const resumed = await svc.syncNow('manual');
    expect(resumed.ok).toBe(true);
    expect(one('SELECT count(*) AS n, count(DISTINCT notion_page_id) AS d FROM products')).toEqual({ n: 1000, d: 1000 });
    expect(rows("SELECT name FROM products WHERE sku = 'R-3'")).toEqual([{ name: 'P3 renamed' }]);
    // Resumed from the high-water mark, not from the start.
    expect(resumed.counts.read).toBeLessThan(700);
  });
});

describe('notion booth by relation', () => {
  it('names the booth through a relation to the booths data source, fetching each booth page once', async () => {
    const { svc } = await setup();
    await call('notion.connect', { token: TOKEN, baseUrl: double.url });
    const p = await call<{ mapping: Record<string, string | null>; options: unknown; properties: Array<{ name: string; type: string }> }>(
      'notion.propose',
      { entity: 'events', dataSourceId: DEMO_IDS.events },
    );
    expect(p.properties.find((x) => x.name === 'Fiche borne')?.type).toBe('relation');
    const prev = await call<{ rows: Array<{ title: string; values: Record<string, unknown> }> }>('notion.preview', {
      entity: 'events',
      dataSourceId: DEMO_IDS.events,
      mapping: { ...p.mapping, booth: 'Fiche borne' },
      options: p.options,
    });
    expect(prev.rows.find((r) => r.title === 'Soirée Nexa')?.values.booth).toBe('Borne Aurore');
    await call('notion.saveSource', {
      entity: 'events',
      dataSourceId: DEMO_IDS.events,
      mapping: { ...p.mapping, booth: 'Fiche borne' },
      options: p.options,
    });
    const retrieves = () => double.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/pages/')).length;
    await svc.syncNow('manual');
    const live = rows(
      "SELECT e.client_name, b.name AS booth FROM events e JOIN booths b ON b.id = e.booth_id WHERE e.status = 'active' ORDER BY e.client_name",
    );
    expect(live).toEqual([
      { client_name: 'Eurexpo', booth: 'Borne Cèdre' },
      { client_name: 'Famille Dupont', booth: 'Borne Aurore' },
      { client_name: 'Lumière SA', booth: 'Borne Brume' },
    ]);
    const fetched = retrieves();
    expect(fetched).toBeGreaterThan(0);
    expect(fetched).toBeLessThanOrEqual(7); // one per distinct booth page
    core.clock.advance(5 * 60_000);
    for (const pg of double.pagesOf(DEMO_IDS.events)) double.editPage(pg.id, { Album: v.text(`${pg.id} bis`) });
    await svc.syncNow('manual');
    expect(retrieves()).toBe(fetched);
  });
});

describe('notion ownership and write-back', () => {
  it('leaves stock and counters alone, refuses local edits of Notion-owned fields, and writes event totals back debounced', async () => {
    const { svc } = await setup();
    await connectAndMapDemo();
    await svc.syncNow('manual');
    // Stock of an imported product, counters of an imported live event.
    const product = one("SELECT id FROM products WHERE sku = 'NTN-DNP-64'").id as string;
    const warehouse = one("SELECT id FROM locations WHERE kind = 'warehouse' LIMIT 1")?.id as string | undefined;
    const loc =
      warehouse ?? (await call<{ id: string }>('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' }).catch(() => null))?.id;
    if (loc) await call('stock.record', { productId: product, locationId: loc, type: 'in', quantity: 12, reason: 'réception' });
    const aurore = one("SELECT id FROM booths WHERE name = 'Borne Aurore'").id as string;
    for (let i = 0; i < 3; i++) recordTrigger(core.ctx, aurore, { type: 'session_start', params: [] }, 'raw');
    recordTrigger(core.ctx, aurore, { type: 'printing', params: [], copies: 2 }, 'raw');
    const dupont = one("SELECT id, notion_page_id, sessions, prints FROM events WHERE client_name = 'Famille Dupont'");
    expect(dupont).toMatchObject({ sessions: 3, prints: 2 });
    const stockBefore = rows('SELECT * FROM stock_balances ORDER BY product_id, location_id');
    // Notion edits the event and the product; a round leaves totals and stock as they were.
    core.clock.advance(3 * 60_000);
    double.editPage(dupont.notion_page_id as string, { Album: v.text('Album Dupont') });
    double.editPage(double.pagesOf(DEMO_IDS.products)[0]!.id, { Prix: v.number(92) });
    const r = await svc.syncNow('manual');
    expect(r.counts.updated).toBe(2);
    expect(one('SELECT sessions, prints, album_name FROM events WHERE id = ?', dupont.id)).toEqual({
      sessions: 3,
      prints: 2,
      album_name: 'Album Dupont',
    });
    expect(rows('SELECT * FROM stock_balances ORDER BY product_id, location_id')).toEqual(stockBefore);
    expect(one('SELECT price FROM products WHERE id = ?', product).price).toBe(92);
    // Totals reached the page (written in that round).
    const page = () => double.pages.get(dupont.notion_page_id as string)!.properties;
    expect(page().Sessions).toMatchObject({ number: 3 });
    expect(page().Impressions).toMatchObject({ number: 2 });
    // Local edits of Notion-owned fields are refused; OpsDeck's own fields are not.
    await expect(call('catalog.products.update', { id: product, patch: { name: 'Autre nom' } })).rejects.toThrow(/Edit it in Notion/);
    await expect(call('catalog.products.update', { id: product, patch: { cost: 40, leadTimeDays: 12 } })).resolves.toMatchObject({
      cost: 40,
    });
    await expect(call('bookings.update', { id: dupont.id, patch: { albumName: 'x' } })).rejects.toThrow(/Edit it in Notion/);
    await expect(call('bookings.setStatus', { id: dupont.id, status: 'completed' })).rejects.toThrow(/Edit it in Notion/);
    // A form that sends every field as it is changes nothing Notion owns: accepted.
    await expect(
      call('bookings.update', { id: dupont.id, patch: { clientName: 'Famille Dupont', albumName: 'Album Dupont' } }),
    ).resolves.toMatchObject({ clientName: 'Famille Dupont' });
    await expect(call('catalog.products.archive', { id: product, archived: true })).rejects.toThrow(/Edit it in Notion/);
    // Debounce: new prints right away are not written before a minute has passed.
    recordTrigger(core.ctx, aurore, { type: 'printing', params: [], copies: 1 }, 'raw');
    const writes = () => double.requests.filter((q) => q.method === 'PATCH').length;
    const w0 = writes();
    core.clock.advance(10_000);
    expect(await svc.writeBackTick()).toBe(0);
    core.clock.advance(60_000);
    expect(await svc.writeBackTick()).toBe(1);
    expect(writes()).toBe(w0 + 1);
    expect(page().Impressions).toMatchObject({ number: 3 });
    expect(await svc.writeBackTick()).toBe(0);
    // A page deleted in Notion: reported, not retried forever.
    double.deletePage(dupont.notion_page_id as string);
    recordTrigger(core.ctx, aurore, { type: 'session_start', params: [] }, 'raw');
    core.clock.advance(120_000);
    expect(await svc.writeBackTick()).toBe(0);
    const st = await call<{ writeBack: { problems: Array<{ clientName: string; gaveUp: boolean; error: string }> } }>('notion.status', {});
    expect(st.writeBack.problems).toEqual([
      expect.objectContaining({ clientName: 'Famille Dupont', gaveUp: true, error: 'The Notion page no longer exists' }),
    ]);
    const w1 = writes();
    core.clock.advance(3_600_000);
    await svc.writeBackTick();
    expect(writes()).toBe(w1);
  });

  it('keeps the token out of the renderer, the audit log and the database', async () => {
    await setup();
    await call('notion.connect', { token: TOKEN, baseUrl: double.url });
    const st = await call<Record<string, unknown>>('notion.status', {});
    expect(JSON.stringify(st)).not.toContain(TOKEN);
    const dump =
      rows('SELECT * FROM audit_log')
        .map((r) => JSON.stringify(r))
        .join('\n') +
      rows('SELECT * FROM local_state')
        .map((r) => JSON.stringify(r))
        .join('\n');
    expect(dump).not.toContain(TOKEN);
    expect(core.ctx.secrets.get('notion.token')).toBe(TOKEN);
    await expect(call('notion.connect', { token: 'ntn_bad!token!!x', baseUrl: double.url })).rejects.toThrow(/refused this token/);
  });
});
