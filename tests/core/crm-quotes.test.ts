import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWorker } from '@core/workers/startWorker.js';
import { dailyOut } from '@core/db/repos/demandHistory.js';
import { insertUser } from '@core/db/repos/users.js';
import { expireQuotes } from '@core/modules/crm/index.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const WEDDING = Date.UTC(2027, 5, 12, 14, 0, 0);
let core: TestCore;
let booth: string;
beforeEach(async () => {
  core = createTestCore({ start: T0 });
  booth = (await core.router.call('booths.create', { name: 'Borne 1' })).id;
});
afterEach(() => core.dispose());

const client = (name = 'Mariage Durand', email = 'durand@example.fr', phone: string | null = '06 12 34 56 78') =>
  core.router.call('clients.create', { name, email, phone, source: 'Salon du mariage' });
const warehouse = () => core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });

const quoteFor = (clientId: string, over: Record<string, unknown> = {}) =>
  core.router.call('quotes.create', {
    clientId,
    eventType: 'Mariage',
    eventStartsAt: WEDDING,
    eventEndsAt: WEDDING + 8 * H,
    place: 'Château de Vaux, 77950 Maincy',
    boothId: booth,
    lines: [
      { label: 'Forfait borne photo soirée', quantity: '1', unitPrice: '890', vatRate: '20' },
      { label: 'Tirages supplémentaires', quantity: '3', unitPrice: '4.20', vatRate: '5.5' },
      { label: 'Livre d’or', quantity: '1', unitPrice: '45', vatRate: '10', discountPct: '10' },
    ],
    ...over,
  });

describe('quotes', () => {
  it('stores exact totals and numbers quotes DEV-YYYY-NNNN per year', async () => {
    const c = await client();
    const q = await quoteFor(c.id);
    expect(q).toMatchObject({ number: 'DEV-2026-0001', status: 'draft', totalHt: '943.10', totalTva: '182.74', totalTtc: '1125.84' });
    expect(q.vat).toEqual([
      { rate: '20', base: '890.00', vat: '178.00' },
      { rate: '10', base: '40.50', vat: '4.05' },
      { rate: '5.5', base: '12.60', vat: '0.69' },
    ]);
    expect((await quoteFor(c.id)).number).toBe('DEV-2026-0002');
    // A new year starts again at 0001.
    core.clock.set(Date.UTC(2027, 0, 2, 10));
    expect((await quoteFor(c.id)).number).toBe('DEV-2027-0001');
    // Creating a quote moves the lead to "quoted".
    expect((await core.router.call('clients.get', { id: c.id })).client.stage).toBe('quoted');
  });

  it('recomputes totals when lines change; a refused quote can no longer change', async () => {
    const c = await client();
    const q = await quoteFor(c.id);
    const u = await core.router.call('quotes.update', {
      id: q.id,
      patch: {
        lines: [
          { label: 'Forfait', quantity: '1', unitPrice: '0.13', vatRate: '20' },
          { label: 'Option', quantity: '1', unitPrice: '0.13', vatRate: '20' },
        ],
        vatRounding: 'per_line',
      },
    });
    expect(u).toMatchObject({ totalHt: '0.26', totalTva: '0.06', totalTtc: '0.32' });
    await core.router.call('quotes.setStatus', { id: q.id, status: 'refused' });
    await expect(core.router.call('quotes.update', { id: q.id, patch: { notes: 'x' } })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('numbers stay gapless and unique when 4 writers create quotes at once on the same database', async () => {
    const c = await client();
    await core.router.call('quotes.list', {}); // the file is migrated before the writers open it
    const gate = new SharedArrayBuffer(4);
    const workers = Array.from({ length: 4 }, () =>
      startWorker(new URL('../fixtures/crm-numbering-worker.ts', import.meta.url), {
        workerData: { dbPath: core.ctx.dbPath, clientId: c.id, count: 15, gate, kind: 'quotes' },
      }),
    );
    const results = workers.map(
      (w) =>
        new Promise<string[]>((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
        }),
    );
    await new Promise((r) => setTimeout(r, 1500)); // every worker is waiting at the gate
    Atomics.store(new Int32Array(gate), 0, 1);
    Atomics.notify(new Int32Array(gate), 0);
    const numbers = (await Promise.all(results)).flat();
    expect(numbers).toHaveLength(60);
    expect(new Set(numbers).size).toBe(60);
    const year = new Date().getFullYear();
    expect([...numbers].sort()).toEqual(Array.from({ length: 60 }, (_, i) => `DEV-${year}-${String(i + 1).padStart(4, '0')}`));
  }, 60_000);

  it('accepting books the event with its date, place, client and booth, and moves the client to booked', async () => {
    const c = await client();
    const q = await quoteFor(c.id);
    await core.router.call('quotes.setStatus', { id: q.id, status: 'sent' });
    const { quote, event } = await core.router.call('quotes.accept', { id: q.id });
    expect(quote).toMatchObject({ status: 'accepted', eventId: event.id });
    expect(event).toMatchObject({
      clientId: c.id,
      clientName: 'Mariage Durand',
      boothId: booth,
      boothName: 'Borne 1',
      place: 'Château de Vaux, 77950 Maincy',
      eventType: 'Mariage',
      startsAt: WEDDING,
      endsAt: WEDDING + 8 * H,
      status: 'active',
    });
    // Its checklist (issue 16) is on it, as for an event created on the calendar.
    const checklist = await core.router.call('checklists.forEvent', { eventId: event.id });
    expect(checklist.items.length).toBeGreaterThan(0);
    const cal = await core.router.call('bookings.list', { from: WEDDING - DAY, to: WEDDING + DAY });
    expect(cal.map((e) => e.id)).toEqual([event.id]);
    const page = await core.router.call('clients.get', { id: c.id });
    expect(page.client.stage).toBe('booked');
    expect(page.events.map((e) => e.id)).toEqual([event.id]);
    expect(page.stages.map((s) => s.to)).toEqual(['lead', 'quoted', 'booked']);
    await expect(core.router.call('quotes.accept', { id: q.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses to accept when the booth is already booked, naming the clash, and changes nothing', async () => {
    const other = await core.router.call('bookings.create', {
      boothId: booth,
      clientName: 'Gala Lefèvre',
      startsAt: WEDDING + 6 * H,
      endsAt: WEDDING + 12 * H,
    });
    const c = await client();
    const q = await quoteFor(c.id);
    const err = await core.router.call('quotes.accept', { id: q.id }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'conflict', details: { eventId: other.id, clientName: 'Gala Lefèvre' } });
    expect((err as Error).message).toContain('Gala Lefèvre');
    expect((await core.router.call('quotes.get', { id: q.id })).status).toBe('draft');
    expect(await core.router.call('bookings.list', {})).toHaveLength(1);
    expect((await core.router.call('clients.get', { id: c.id })).client.stage).toBe('quoted');
  });

  it('refuses to accept an expired quote, one without a date, and a refused one', async () => {
    const c = await client();
    const noDate = await quoteFor(c.id, { eventStartsAt: null, eventEndsAt: null });
    await expect(core.router.call('quotes.accept', { id: noDate.id })).rejects.toMatchObject({ code: 'invalid_input' });
    const late = await quoteFor(c.id, { validUntil: T0 + DAY });
    core.clock.set(T0 + 2 * DAY);
    await expect(core.router.call('quotes.accept', { id: late.id })).rejects.toMatchObject({
      code: 'conflict',
      details: { status: 'expired' },
    });
    const refused = await quoteFor(c.id);
    await core.router.call('quotes.setStatus', { id: refused.id, status: 'refused' });
    await expect(core.router.call('quotes.accept', { id: refused.id })).rejects.toMatchObject({ code: 'conflict' });
    expect(await core.router.call('bookings.list', {})).toHaveLength(0);
  });
});

describe('quote expiry', () => {
  it('a sent quote past its validity date expires; a draft does not; an expired one cannot be accepted', async () => {
    const c = await client();
    const sent = await quoteFor(c.id, { validUntil: T0 + DAY });
    const draft = await quoteFor(c.id, { validUntil: T0 + DAY });
    await core.router.call('quotes.setStatus', { id: sent.id, status: 'sent' });
    expect(expireQuotes(core.ctx)).toEqual([]);
    core.clock.set(T0 + 2 * DAY);
    expect(expireQuotes(core.ctx)).toEqual([sent.id]);
    expect((await core.router.call('quotes.get', { id: sent.id })).status).toBe('expired');
    expect((await core.router.call('quotes.get', { id: draft.id })).status).toBe('draft');
    await expect(core.router.call('quotes.accept', { id: sent.id })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('clients', () => {
  it('refuses a duplicate e-mail or phone (any notation) unless asked, and lists duplicate groups', async () => {
    const a = await client();
    const byMail = await core.router.call('clients.create', { name: 'M. Durand', email: 'DURAND@example.fr ' }).catch((e: unknown) => e);
    expect(byMail).toMatchObject({ code: 'conflict', details: { field: 'email', duplicateOf: a.id } });
    const byPhone = await core.router.call('clients.create', { name: 'Durand bis', phone: '+33 6 12 34 56 78' }).catch((e: unknown) => e);
    expect(byPhone).toMatchObject({ code: 'conflict', details: { field: 'phone', duplicateOf: a.id } });
    const b = await core.router.call('clients.create', { name: 'Durand bis', phone: '+33612345678', allowDuplicate: true });
    const groups = await core.router.call('clients.duplicates', {});
    expect(groups).toEqual([
      expect.objectContaining({ reason: 'phone', clients: [expect.objectContaining({ id: a.id }), expect.objectContaining({ id: b.id })] }),
    ]);
  });

  it('merging keeps every linked record: quotes, events, orders, registrations, contacts, messages, stage history, and fills empty fields', async () => {
    const keep = await core.router.call('clients.create', { name: 'Durand SARL', email: 'contact@durand.fr', tags: ['vip'] });
    const gone = await core.router.call('clients.create', {
      name: 'Durand',
      phone: '0612345678',
      address: '3 rue des Lilas, Lyon',
      tags: ['mariage'],
      notes: 'Appelé au salon',
    });
    const contact = await core.router.call('clients.create', { kind: 'person', name: 'Julie Durand', companyId: gone.id });
    const q = await quoteFor(gone.id);
    const { event } = await core.router.call('quotes.accept', { id: q.id });
    const p = await core.router.call('catalog.products.create', { sku: 'ALB-1', name: 'Album', price: 30, cost: 10 });
    const o = await core.router.call('orders.create', { clientId: gone.id, lines: [{ productId: p.id, quantity: 2 }] });
    const r = await core.router.call('registrations.create', { eventId: event.id, name: 'Julie', clientId: gone.id });
    const msg = await core.router.call('clients.messages.save', { clientId: gone.id, text: 'Relance après le salon' });

    const res = await core.router.call('clients.merge', { keepId: keep.id, mergeId: gone.id });
    expect(res.moved).toEqual({ quotes: 1, orders: 1, events: 1, registrations: 1, contacts: 1, messages: 1 });
    expect(res.client).toMatchObject({
      email: 'contact@durand.fr',
      phone: '0612345678',
      address: '3 rue des Lilas, Lyon',
      notes: 'Appelé au salon',
    });
    expect([...res.client.tags].sort()).toEqual(['mariage', 'vip']);
    const page = await core.router.call('clients.get', { id: keep.id });
    expect(page.quotes.map((x) => x.id)).toEqual([q.id]);
    expect(page.events.map((x) => x.id)).toEqual([event.id]);
    // The booked event reads under the kept client's name on the calendar, not the retired one's.
    expect(page.events[0]!.clientName).toBe('Durand SARL');
    expect(page.orders.map((x) => x.id)).toEqual([o.id]);
    expect(page.contacts.map((x) => x.id)).toEqual([contact.id]);
    expect(page.messages.map((x) => x.id)).toEqual([msg.id]);
    expect((await core.router.call('registrations.list', { eventId: event.id })).registrations[0]).toMatchObject({
      id: r.id,
      clientId: keep.id,
    });
    // The kept lead took the merged client's booking: it stands booked on the pipeline.
    expect(res.client.stage).toBe('booked');
    // The merged client's pipeline history (an append-only ledger, not re-pointed) reads on the kept one's page.
    expect(page.stages.map((s) => s.to)).toEqual(['lead', 'lead', 'quoted', 'booked', 'booked']);
    // …and the conversion figures still count that booking, once, for the kept client.
    const stats = await core.router.call('pipeline.stats', { months: 3 });
    expect(stats).toEqual([{ month: '2026-11', source: '', leads: 1, booked: 1, lost: 0 }]);
    await expect(core.router.call('clients.get', { id: gone.id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await core.router.call('clients.list', {})).map((c) => c.id).sort()).toEqual([keep.id, contact.id].sort());
  });

  it('editing a client to another client’s e-mail or phone is refused as at creation, unless allowed; its other fields still save', async () => {
    const a = await client('Mariage Durand', 'durand@example.fr', '06 12 34 56 78');
    const b = await client('Gala Lefèvre', 'gala@example.fr', null);
    await expect(core.router.call('clients.update', { id: b.id, patch: { phone: '+33 6 12 34 56 78' } })).rejects.toMatchObject({
      code: 'conflict',
      details: { field: 'phone', duplicateOf: a.id, duplicateName: 'Mariage Durand' },
    });
    expect((await core.router.call('clients.get', { id: b.id })).client.phone).toBeNull();
    await core.router.call('clients.update', { id: b.id, patch: { phone: '+33 6 12 34 56 78' }, allowDuplicate: true });
    // Already sharing it, B saves its other fields with the form's whole patch (the phone unchanged).
    const u = await core.router.call('clients.update', {
      id: b.id,
      patch: { name: 'Gala Lefèvre', email: 'gala@example.fr', phone: '+33 6 12 34 56 78', notes: 'Rappeler' },
    });
    expect(u.notes).toBe('Rappeler');
  });

  it('renaming a client renames its events that showed its name (a quote’s booking), not an event named otherwise', async () => {
    const c = await client('Mariage Durnad', 'durand@example.fr', null);
    const { event } = await core.router.call('quotes.accept', { id: (await quoteFor(c.id)).id });
    const other = await core.router.call('bookings.create', {
      clientName: 'Soirée des Lilas',
      clientId: c.id,
      startsAt: WEDDING + 30 * DAY,
      endsAt: WEDDING + 30 * DAY + 4 * H,
    });
    await core.router.call('clients.update', { id: c.id, patch: { name: 'Mariage Durand' } });
    const events = await core.router.call('bookings.list', {});
    expect(events.find((e) => e.id === event.id)?.clientName).toBe('Mariage Durand');
    expect(events.find((e) => e.id === other.id)?.clientName).toBe('Soirée des Lilas');
  });

  it('merging a company into one of its own contacts (they share the switchboard number) keeps its quotes and other contacts', async () => {
    const company = await core.router.call('clients.create', { name: 'Durand SARL', phone: '04 78 00 00 01', address: '3 rue des Lilas' });
    const jean = await core.router.call('clients.create', {
      kind: 'person',
      name: 'Jean Durand',
      companyId: company.id,
      phone: '04 78 00 00 01',
      allowDuplicate: true,
    });
    const julie = await core.router.call('clients.create', { kind: 'person', name: 'Julie Durand', companyId: company.id });
    const q = await quoteFor(company.id);
    // The merge screen offers the pair; the user keeps the person.
    const groups = await core.router.call('clients.duplicates', {});
    expect(groups.map((g) => g.clients.map((c) => c.id).sort())).toEqual([[company.id, jean.id].sort()]);
    const res = await core.router.call('clients.merge', { keepId: jean.id, mergeId: company.id });
    expect(res.moved).toMatchObject({ quotes: 1, contacts: 1 });
    // Jean is no longer a contact of the retired company (nor of itself), and takes its empty fields.
    expect(res.client).toMatchObject({ id: jean.id, companyId: null, address: '3 rue des Lilas' });
    const page = await core.router.call('clients.get', { id: jean.id });
    expect(page.quotes.map((x) => x.id)).toEqual([q.id]);
    expect(page.contacts.map((x) => x.id)).toEqual([julie.id]);
    expect(await core.router.call('clients.duplicates', {})).toEqual([]);
  });

  it('moves leads through the pipeline; lost needs a reason; due next actions and monthly conversion', async () => {
    const a = await client('A', 'a@x.fr', null);
    const b = await core.router.call('clients.create', { name: 'B', source: 'Site web', nextAction: 'Rappeler', nextActionAt: T0 + 2 * H });
    await core.router.call('clients.create', { name: 'C', source: 'Site web', nextActionAt: T0 + 3 * DAY });
    await expect(core.router.call('pipeline.move', { id: b.id, stage: 'lost' })).rejects.toMatchObject({ code: 'invalid_input' });
    await core.router.call('pipeline.move', { id: b.id, stage: 'lost', lostReason: 'Budget' });
    await core.router.call('pipeline.move', { id: a.id, stage: 'booked' });
    const due = await core.router.call('pipeline.due', { until: T0 + DAY });
    expect(due.map((c) => c.name)).toEqual([]); // B is lost: its next action no longer counts
    await core.router.call('pipeline.move', { id: b.id, stage: 'contacted' });
    expect((await core.router.call('pipeline.due', { until: T0 + DAY })).map((c) => c.name)).toEqual(['B']);
    const stats = await core.router.call('pipeline.stats', { months: 3 });
    expect(stats).toEqual([
      { month: '2026-11', source: 'Salon du mariage', leads: 1, booked: 1, lost: 0 },
      { month: '2026-11', source: 'Site web', leads: 2, booked: 0, lost: 0 },
    ]);
  });

  it('an installer reads only the clients of the events they work; a viewer cannot write', async () => {
    const booked = await client('Booked', 'b@x.fr', null);
    await client('Lead only', 'l@x.fr', null);
    const { event } = await core.router.call('quotes.accept', { id: (await quoteFor(booked.id)).id });
    const stampNow = { now: core.clock.now(), device: core.ctx.deviceId };
    const inst = insertUser(core.ctx.db, { email: 'ines@x.test', displayName: 'Ines', role: 'installer' }, stampNow);
    core.ctx.session.set(inst.id);
    // Not on the booked event yet: no client at all (tests/core/staffing.test.ts has the rest).
    expect(await core.router.call('clients.list', {})).toEqual([]);
    core.ctx.session.clear();
    await core.router.call('staffing.assign', { eventId: event.id, userId: inst.id });
    core.ctx.session.set(inst.id);
    const asInstaller = await core.router.call('clients.list', {});
    expect((await core.router.call('clients.get', { id: booked.id })).quotes).toEqual([]);
    await expect(core.router.call('quotes.list', {})).rejects.toMatchObject({ code: 'forbidden' });
    expect(asInstaller.map((c) => c.name)).toEqual(['Booked']);
    const v = insertUser(core.ctx.db, { email: 'v@x.test', displayName: 'V', role: 'viewer' }, stampNow);
    core.ctx.session.set(v.id);
    expect(await core.router.call('clients.list', {})).toHaveLength(2);
    await expect(core.router.call('clients.create', { name: 'X' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(core.router.call('quotes.accept', { id: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('customer orders', () => {
  it('fulfilment books the stock out once (retries change nothing) and the forecast sees it as sales', async () => {
    const c = await client();
    const p = await core.router.call('catalog.products.create', { sku: 'CAD-1', name: 'Cadre photo', price: 19.99, cost: 6 });
    const wh = await warehouse();
    await core.router.call('stock.record', { productId: p.id, locationId: wh.id, type: 'in', quantity: 10 });
    const o = await core.router.call('orders.create', { clientId: c.id, lines: [{ productId: p.id, quantity: 3 }] });
    expect(o).toMatchObject({ number: 'CMD-2026-0001', status: 'pending', totalHt: '59.97', totalTva: '11.99', totalTtc: '71.96' });
    await core.router.call('orders.setStatus', { id: o.id, status: 'confirmed' });
    const first = await core.router.call('orders.fulfil', { id: o.id, locationId: wh.id });
    expect(first).toMatchObject({ movements: 1, alreadyFulfilled: false, order: { status: 'fulfilled', locationId: wh.id } });
    const again = await core.router.call('orders.fulfil', { id: o.id, locationId: wh.id });
    expect(again).toMatchObject({ movements: 0, alreadyFulfilled: true });
    const bal = await core.router.call('stock.balances', { productId: p.id });
    expect(bal.find((b) => b.locationId === wh.id)?.onHand).toBe(7);
    expect(dailyOut(core.ctx.db, p.id, T0 - DAY, T0 + DAY)).toEqual([{ day: Math.floor(T0 / DAY) * DAY, quantity: 3 }]);
    await expect(core.router.call('orders.setStatus', { id: o.id, status: 'cancelled' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('numbers stay gapless and unique in the device’s series when 4 writers create orders at once on the same database', async () => {
    const c = await client();
    const p = await core.router.call('catalog.products.create', { sku: 'CAD-2', name: 'Cadre A4', price: 9, cost: 3 });
    // This device numbers in its own series (Settings, shared with its quotes): CMD-YYYY-B-NNNN.
    await core.router.call('settings.set', { quoteSeries: 'B' });
    const gate = new SharedArrayBuffer(4);
    const workers = Array.from({ length: 4 }, () =>
      startWorker(new URL('../fixtures/crm-numbering-worker.ts', import.meta.url), {
        workerData: { dbPath: core.ctx.dbPath, clientId: c.id, count: 15, gate, kind: 'orders', productId: p.id },
      }),
    );
    const results = workers.map(
      (w) =>
        new Promise<string[]>((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
        }),
    );
    await new Promise((r) => setTimeout(r, 1500)); // every worker is waiting at the gate
    Atomics.store(new Int32Array(gate), 0, 1);
    Atomics.notify(new Int32Array(gate), 0);
    const numbers = (await Promise.all(results)).flat();
    expect(numbers).toHaveLength(60);
    const year = new Date().getFullYear();
    expect([...numbers].sort()).toEqual(Array.from({ length: 60 }, (_, i) => `CMD-${year}-B-${String(i + 1).padStart(4, '0')}`));
    const rows = core.ctx.db.prepare('SELECT series, seq FROM customer_orders WHERE year = ? ORDER BY seq').all(year) as Array<{
      series: string;
      seq: number;
    }>;
    expect(rows).toEqual(Array.from({ length: 60 }, (_, i) => ({ series: 'B', seq: i + 1 })));
  }, 60_000);

  it('refuses to fulfil more than the location holds, and changes nothing', async () => {
    const c = await client();
    const p = await core.router.call('catalog.products.create', { sku: 'CAD-2', name: 'Cadre', price: 10, cost: 3 });
    const wh = await warehouse();
    await core.router.call('stock.record', { productId: p.id, locationId: wh.id, type: 'in', quantity: 2 });
    const o = await core.router.call('orders.create', { clientId: c.id, lines: [{ productId: p.id, quantity: 3 }] });
    await expect(core.router.call('orders.fulfil', { id: o.id, locationId: wh.id })).rejects.toMatchObject({
      code: 'conflict',
      details: { onHand: 2, needed: 3 },
    });
    expect((await core.router.call('orders.get', { id: o.id })).status).toBe('pending');
  });
});

describe('event registrations', () => {
  it('fills up to the capacity, then waits in line; a cancellation promotes the first waiting', async () => {
    const e = await core.router.call('bookings.create', { clientName: 'Atelier photo', startsAt: WEDDING, endsAt: WEDDING + 2 * H });
    await core.router.call('registrations.setCapacity', { eventId: e.id, capacity: 3 });
    const a = await core.router.call('registrations.create', { eventId: e.id, name: 'Ana', seats: 2 });
    const b = await core.router.call('registrations.create', { eventId: e.id, name: 'Bo', seats: 1 });
    const c = await core.router.call('registrations.create', { eventId: e.id, name: 'Cy', seats: 1 });
    expect([a.status, b.status, c.status]).toEqual(['pending', 'pending', 'waitlisted']);
    await expect(core.router.call('registrations.setStatus', { id: c.id, status: 'confirmed' })).rejects.toMatchObject({
      code: 'conflict',
    });
    await core.router.call('registrations.setStatus', { id: a.id, status: 'confirmed' });
    const cancel = await core.router.call('registrations.setStatus', { id: b.id, status: 'cancelled' });
    expect(cancel.promoted).toEqual([c.id]);
    const list = await core.router.call('registrations.list', { eventId: e.id });
    expect(list).toMatchObject({ capacity: 3, confirmedSeats: 2 });
    expect(list.registrations.map((r) => [r.name, r.status])).toEqual([
      ['Ana', 'confirmed'],
      ['Bo', 'cancelled'],
      ['Cy', 'pending'],
    ]);
  });
});
