import type { HandlerMap } from '@core/router.js';
import type { HandlerContext as Ctx } from '@core/context.js';
import type { crmChannels } from '@shared/contract/crm.js';
import { AppError } from '@shared/errors.js';
import type { Stage } from '@shared/model/crm.js';
import {
  contactsOf,
  dueClients,
  duplicateGroups,
  findDuplicates,
  getClient,
  insertClient,
  listClients,
  mergeClients,
  pipelineStats,
  renameClientEvents,
  setStage,
  stageHistory,
  updateClient,
} from '@core/db/repos/clients.js';
import {
  getQuote,
  insertQuote,
  listQuotes,
  nextSeq,
  replaceLines,
  setQuoteStatus,
  storeTotals,
  updateQuoteFields,
  type LineWrite,
} from '@core/db/repos/quotes.js';
import { deleteMessage, getMessage, insertMessage, messageFromSource, messagesOf, updateMessage } from '@core/db/repos/clientMessages.js';
import { getCustomerOrder, insertCustomerOrder, listCustomerOrders, setCustomerOrderStatus } from '@core/db/repos/customerOrders.js';
import {
  eventCapacity,
  getRegistration,
  heldSeats,
  insertRegistration,
  listRegistrations,
  setEventCapacity,
  setRegistrationStatus,
} from '@core/db/repos/registrations.js';
import { getEvent, listEvents } from '@core/db/repos/bookings.js';
import { getProduct } from '@core/db/repos/products.js';
import { getService } from '@core/db/repos/services.js';
import { getBooth } from '@core/db/repos/booths.js';
import { getLocation } from '@core/db/repos/locations.js';
import { onHandAt } from '@core/db/repos/balances.js';
import { pdfFile } from '@core/ports/pdf.js';
import { readSettings } from '@core/settings.js';
import { bookEvent } from '../bookings/index.js';
import { clientScope, eventScope, inClientScope } from '../staffing/index.js';
import { recordMovements } from '../stock/index.js';
import { readBusiness } from '../setup/index.js';
import { assertSeriesFree, yearOf } from './numbering.js';

const DAY = 86_400_000;
/** How long a quote stays valid when the user names no date. */
export const DEFAULT_VALIDITY_DAYS = 30;
const STAGE_ORDER: Stage[] = ['lead', 'contacted', 'quoted', 'booked', 'done'];

const stamp = (ctx: Ctx) => ({ now: ctx.clock.now(), device: ctx.deviceId });
const ledgerStamp = (ctx: Ctx) => ({ ...stamp(ctx), userId: ctx.caller.userId });

/** Installers read only the clients of the events they are assigned to (and those companies' contacts): the hub's rule, also on a shared office PC. */
function installerMaySee(ctx: Ctx, clientId: string, companyId: string | null): boolean {
  return inClientScope(clientScope(ctx), clientId, companyId);
}

function mustClient(ctx: Ctx, id: string) {
  const c = getClient(ctx.db, id);
  if (!c || !installerMaySee(ctx, c.id, c.companyId)) throw new AppError('not_found', 'Client not found', { field: 'clientId' });
  return c;
}

function checkCompany(ctx: Ctx, companyId: string | null | undefined, selfId?: string) {
  if (!companyId) return;
  const co = getClient(ctx.db, companyId);
  if (!co || co.kind !== 'company' || co.id === selfId) throw new AppError('invalid_input', 'Pick a company', { field: 'companyId' });
}

/** Refuses an e-mail or phone another live client has (`conflict`, naming it), as the create and edit forms show. */
function assertNoDuplicate(ctx: Ctx, c: { email?: string | null; phone?: string | null }, exceptId?: string) {
  const dup = findDuplicates(ctx.db, c, exceptId)[0];
  if (dup)
    throw new AppError('conflict', `${dup.client.name} already has this ${dup.field === 'email' ? 'e-mail' : 'phone number'}`, {
      field: dup.field,
      duplicateOf: dup.client.id,
      duplicateName: dup.client.name,
    });
}

/** Moves the client forward to `to` only (creating a quote never moves a booked client back to quoted). */
function advanceStage(ctx: Ctx, clientId: string, to: Stage) {
  const c = getClient(ctx.db, clientId)!;
  if (c.stage === 'lost' || STAGE_ORDER.indexOf(c.stage) < STAGE_ORDER.indexOf(to)) setStage(ctx.db, clientId, to, null, ledgerStamp(ctx));
}

function mustQuote(ctx: Ctx, id: string) {
  const q = getQuote(ctx.db, id);
  if (!q) throw new AppError('not_found', 'Quote not found');
  return q;
}

/** Lines from the catalog are checked to exist; a line names a service or a product, not both. */
function checkLines(ctx: Ctx, lines: LineWrite[]) {
  lines.forEach((l, index) => {
    if (l.serviceId && l.productId) throw new AppError('invalid_input', 'A line is a service or a product', { index });
    if (l.serviceId && !getService(ctx.db, l.serviceId))
      throw new AppError('not_found', 'Service not found', { index, field: 'serviceId' });
    if (l.productId && !getProduct(ctx.db, l.productId))
      throw new AppError('not_found', 'Product not found', { index, field: 'productId' });
  });
}

function mustOrder(ctx: Ctx, id: string) {
  const o = getCustomerOrder(ctx.db, id);
  if (!o) throw new AppError('not_found', 'Order not found');
  return o;
}

/** Waiting registrations take the seats that are free, first come first served. */
function promoteWaiting(ctx: Ctx, eventId: string): string[] {
  const capacity = eventCapacity(ctx.db, eventId);
  const promoted: string[] = [];
  for (const r of listRegistrations(ctx.db, eventId).filter((x) => x.status === 'waitlisted')) {
    if (capacity !== null && heldSeats(ctx.db, eventId) + r.seats > capacity) break;
    setRegistrationStatus(ctx.db, r.id, 'pending', ctx.clock.now());
    promoted.push(r.id);
  }
  return promoted;
}

export const crmHandlers: Pick<HandlerMap, keyof typeof crmChannels> = {
  'clients.list': (q, ctx) => {
    const scope = clientScope(ctx);
    if (scope === null) return listClients(ctx.db, q);
    // Quotes and orders are the office's: an installer sees none of them, nor their counts.
    return listClients(ctx.db, { ...q, only: scope }).map((c) => ({ ...c, quotes: 0, openQuotesTtc: '', orders: 0 }));
  },
  'clients.get': ({ id }, ctx) => {
    const client = mustClient(ctx, id);
    const office = ctx.caller.role !== 'installer';
    return {
      client,
      contacts: contactsOf(ctx.db, id),
      quotes: office ? listQuotes(ctx.db, { clientId: id, limit: 500 }) : [],
      events: listEvents(ctx.db, { limit: 1000 }).filter((e) => e.clientId === id),
      orders: office ? listCustomerOrders(ctx.db, { clientId: id, limit: 500 }) : [],
      stages: office ? stageHistory(ctx.db, id) : [],
      messages: office ? messagesOf(ctx.db, id) : [],
    };
  },
  'clients.messages.save': ({ clientId, text, kind, eventId, sourceMessageId }, ctx) =>
    ctx.db.transaction(() => {
      mustClient(ctx, clientId);
      if (eventId) {
        const e = getEvent(ctx.db, eventId);
        if (!e) throw new AppError('not_found', 'Event not found', { field: 'eventId' });
        if (e.clientId && e.clientId !== clientId)
          throw new AppError('invalid_input', 'That event is another client’s', { field: 'eventId' });
      }
      const again = sourceMessageId ? messageFromSource(ctx.db, sourceMessageId) : null;
      if (again) {
        updateMessage(ctx.db, again.id, { clientId, eventId: eventId ?? null, text }, ctx.clock.now());
        return getMessage(ctx.db, again.id)!;
      }
      const id = insertMessage(
        ctx.db,
        { clientId, eventId: eventId ?? null, kind, text, userId: ctx.caller.userId, sourceMessageId: sourceMessageId ?? null },
        stamp(ctx),
      );
      return getMessage(ctx.db, id)!;
    })(),
  'clients.messages.delete': ({ id }, ctx) => {
    if (!deleteMessage(ctx.db, id, ctx.clock.now())) throw new AppError('not_found', 'Message not found');
    return { deleted: true as const };
  },
  'clients.create': ({ allowDuplicate, ...input }, ctx) =>
    ctx.db.transaction(() => {
      checkCompany(ctx, input.companyId);
      if (!allowDuplicate) assertNoDuplicate(ctx, input);
      const id = insertClient(ctx.db, input, stamp(ctx));
      setStage(ctx.db, id, 'lead', null, ledgerStamp(ctx), true);
      return getClient(ctx.db, id)!;
    })(),
  'clients.update': ({ id, patch, allowDuplicate }, ctx) =>
    ctx.db.transaction(() => {
      const before = mustClient(ctx, id);
      checkCompany(ctx, patch.companyId, id);
      // Only what changes is checked: a client that already shared a number keeps saving its other fields.
      const changed = {
        email: patch.email !== undefined && patch.email !== before.email ? patch.email : null,
        phone: patch.phone !== undefined && patch.phone !== before.phone ? patch.phone : null,
      };
      if (!allowDuplicate) assertNoDuplicate(ctx, changed, id);
      updateClient(ctx.db, id, patch, ctx.clock.now());
      const after = getClient(ctx.db, id)!;
      renameClientEvents(ctx.db, id, before.name, after.name, ctx.clock.now());
      return after;
    })(),
  'clients.duplicates': (_i, ctx) => duplicateGroups(ctx.db),
  'clients.merge': ({ keepId, mergeId }, ctx) =>
    ctx.db.transaction(() => {
      mustClient(ctx, keepId);
      const gone = mustClient(ctx, mergeId);
      const moved = mergeClients(ctx.db, keepId, mergeId, ctx.clock.now());
      // The kept client stands as far along the pipeline as the further of the two: a booked
      // duplicate merged into a lead leaves it booked (its quote and event came with it), never lost.
      if (gone.stage !== 'lost') advanceStage(ctx, keepId, gone.stage);
      return { client: getClient(ctx.db, keepId)!, moved };
    })(),
  'pipeline.move': ({ id, stage, lostReason }, ctx) =>
    ctx.db.transaction(() => {
      mustClient(ctx, id);
      setStage(ctx.db, id, stage, stage === 'lost' ? (lostReason ?? null) : null, ledgerStamp(ctx));
      return getClient(ctx.db, id)!;
    })(),
  'pipeline.due': ({ until }, ctx) => {
    const scope = clientScope(ctx);
    return dueClients(ctx.db, until).filter((c) => inClientScope(scope, c.id, c.companyId));
  },
  'pipeline.stats': ({ months }, ctx) => {
    const d = new Date(ctx.clock.now());
    return pipelineStats(ctx.db, new Date(d.getFullYear(), d.getMonth() - months + 1, 1).getTime());
  },

  'quotes.list': (q, ctx) => listQuotes(ctx.db, q),
  'quotes.get': ({ id }, ctx) => mustQuote(ctx, id),
  'quotes.create': ({ lines, ...q }, ctx) => {
    const now = ctx.clock.now();
    const year = yearOf(now);
    // IMMEDIATE: the write lock is taken before the number is read, so two writers (this app and a
    // CLI, two windows) can never take the same number nor leave a gap. Each device numbers in its
    // own series (Settings): two devices quoting offline never take the same number.
    return ctx.db
      .transaction(() => {
        const series = readSettings(ctx).quoteSeries;
        assertSeriesFree(ctx, series, ['quotes']);
        const client = mustClient(ctx, q.clientId);
        if (q.boothId && !getBooth(ctx.db, q.boothId)) throw new AppError('not_found', 'Booth not found', { field: 'boothId' });
        checkLines(ctx, lines);
        const validUntil = q.validUntil ?? now + DEFAULT_VALIDITY_DAYS * DAY;
        if (validUntil < now) throw new AppError('invalid_input', 'The validity date is in the past', { field: 'validUntil' });
        const id = insertQuote(
          ctx.db,
          { ...q, year, series, seq: nextSeq(ctx.db, 'quotes', year, series), issuedAt: now, validUntil },
          stamp(ctx),
        );
        replaceLines(ctx.db, id, lines, stamp(ctx));
        advanceStage(ctx, client.id, 'quoted');
        return getQuote(ctx.db, id)!;
      })
      .immediate();
  },
  'quotes.update': ({ id, patch }, ctx) =>
    ctx.db.transaction(() => {
      const q = mustQuote(ctx, id);
      if (q.status !== 'draft' && q.status !== 'sent')
        throw new AppError('conflict', `Quote ${q.number} is ${q.status}: it can no longer be changed`, { status: q.status });
      const { lines, ...fields } = patch;
      if (fields.boothId && !getBooth(ctx.db, fields.boothId)) throw new AppError('not_found', 'Booth not found', { field: 'boothId' });
      const starts = fields.eventStartsAt !== undefined ? fields.eventStartsAt : q.eventStartsAt;
      const ends = fields.eventEndsAt !== undefined ? fields.eventEndsAt : q.eventEndsAt;
      if (starts && ends && ends < starts)
        throw new AppError('invalid_input', 'The event must end after it starts', { field: 'eventEndsAt' });
      if (fields.validUntil !== undefined && fields.validUntil < q.issuedAt)
        throw new AppError('invalid_input', 'The validity date is before the quote', { field: 'validUntil' });
      if (Object.keys(fields).length) updateQuoteFields(ctx.db, id, fields, ctx.clock.now());
      if (lines) {
        checkLines(ctx, lines);
        replaceLines(ctx.db, id, lines, stamp(ctx));
      } else storeTotals(ctx.db, id, ctx.clock.now());
      return getQuote(ctx.db, id)!;
    })(),
  'quotes.setStatus': ({ id, status }, ctx) =>
    ctx.db.transaction(() => {
      const q = mustQuote(ctx, id);
      if (q.status === 'accepted')
        throw new AppError('conflict', `Quote ${q.number} is accepted: its event is booked`, { status: q.status });
      if (status === 'sent' && q.lines.length === 0)
        throw new AppError('invalid_input', 'A quote without lines cannot be sent', { field: 'lines' });
      setQuoteStatus(ctx.db, id, status, { decidedAt: status === 'refused' ? ctx.clock.now() : null }, ctx.clock.now());
      return getQuote(ctx.db, id)!;
    })(),
  'quotes.accept': ({ id }, ctx) =>
    ctx.db.transaction(() => {
      const q = mustQuote(ctx, id);
      const now = ctx.clock.now();
      if (q.status === 'accepted')
        throw new AppError('conflict', `Quote ${q.number} is already accepted`, { status: q.status, eventId: q.eventId });
      if (q.status === 'refused' || q.status === 'expired')
        throw new AppError('conflict', `Quote ${q.number} is ${q.status}`, { status: q.status });
      if (q.validUntil < now) throw new AppError('conflict', `Quote ${q.number} expired`, { status: 'expired', validUntil: q.validUntil });
      if (!q.eventStartsAt || !q.eventEndsAt)
        throw new AppError('invalid_input', 'Give the event its date before accepting', { field: 'eventStartsAt' });
      const event = bookEvent(ctx, {
        boothId: q.boothId,
        clientName: q.clientName,
        clientId: q.clientId,
        place: q.place,
        eventType: q.eventType,
        startsAt: q.eventStartsAt,
        endsAt: q.eventEndsAt,
      });
      setQuoteStatus(ctx.db, id, 'accepted', { eventId: event.id, decidedAt: now }, now);
      advanceStage(ctx, q.clientId, 'booked');
      return { quote: getQuote(ctx.db, id)!, event };
    })(),

  'quotes.pdf': async ({ id, lang, timeZone }, ctx) => {
    const quote = mustQuote(ctx, id);
    const business = readBusiness(ctx);
    // The quote's letterhead is the business: say where it is entered.
    if (!business) throw new AppError('conflict', 'Enter the business profile (Settings → Business and set-up) before printing a quote');
    const c = getClient(ctx.db, quote.clientId);
    const client = { name: quote.clientName, address: c?.address ?? null, email: c?.email ?? null, phone: c?.phone ?? null };
    const language = lang ?? quote.lang;
    const bytes = await ctx.ports.pdf.render({
      kind: 'quote',
      lang: language,
      data: { business, quote, client, timeZone: timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone },
    });
    return pdfFile(bytes, `${quote.number}.pdf`);
  },

  'orders.list': (q, ctx) => listCustomerOrders(ctx.db, q),
  'orders.get': ({ id }, ctx) => mustOrder(ctx, id),
  'orders.create': (input, ctx) => {
    const now = ctx.clock.now();
    const orderedAt = input.orderedAt ?? now;
    const year = yearOf(orderedAt);
    // IMMEDIATE, as for quotes: the number is read under the write lock. Orders are numbered in the
    // device's series (Settings, shared with its quotes): two devices taking orders offline never
    // take the same number, and each series stays gapless per year.
    return ctx.db
      .transaction(() => {
        const series = readSettings(ctx).quoteSeries;
        assertSeriesFree(ctx, series, ['orders']);
        mustClient(ctx, input.clientId);
        const lines = input.lines.map((l, index) => {
          const p = getProduct(ctx.db, l.productId);
          if (!p) throw new AppError('not_found', 'Product not found', { index, field: 'productId' });
          return { productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice ?? String(p.price), vatRate: l.vatRate };
        });
        const id = insertCustomerOrder(
          ctx.db,
          {
            clientId: input.clientId,
            year,
            series,
            seq: nextSeq(ctx.db, 'customer_orders', year, series),
            orderedAt,
            notes: input.notes || null,
            lines,
          },
          stamp(ctx),
        );
        return getCustomerOrder(ctx.db, id)!;
      })
      .immediate();
  },
  'orders.setStatus': ({ id, status }, ctx) =>
    ctx.db.transaction(() => {
      const o = mustOrder(ctx, id);
      if (o.status === status) return o;
      if (o.status === 'fulfilled' || o.status === 'cancelled')
        throw new AppError('conflict', `Order ${o.number} is ${o.status}`, { status: o.status });
      setCustomerOrderStatus(ctx.db, id, status, {}, ctx.clock.now());
      return getCustomerOrder(ctx.db, id)!;
    })(),
  'orders.fulfil': ({ id, locationId }, ctx) =>
    ctx.db
      .transaction(() => {
        const o = mustOrder(ctx, id);
        if (o.status === 'fulfilled') return { order: o, movements: 0, alreadyFulfilled: true };
        if (o.status === 'cancelled') throw new AppError('conflict', `Order ${o.number} is cancelled`, { status: o.status });
        const loc = getLocation(ctx.db, locationId);
        if (!loc || !loc.active) throw new AppError('not_found', 'Location not found', { field: 'locationId' });
        // What the order takes per product at that location must be there.
        const need = new Map<string, number>();
        for (const l of o.lines) need.set(l.productId, (need.get(l.productId) ?? 0) + l.quantity);
        for (const [productId, quantity] of need) {
          const have = onHandAt(ctx.db, productId, locationId);
          if (have < quantity) {
            const line = o.lines.find((l) => l.productId === productId)!;
            throw new AppError('conflict', `Only ${have} × ${line.productName} at ${loc.name} (the order needs ${quantity})`, {
              field: 'locationId',
              productId,
              productName: line.productName,
              onHand: have,
              needed: quantity,
              location: loc.name,
            });
          }
        }
        const now = ctx.clock.now();
        // One `out` line per order line, keyed by the order line: a retry or a second device's
        // fulfilment of the same order can never book it twice. `out` lines are sales to the forecast.
        const { recorded } = recordMovements(
          { db: ctx.db, now, device: ctx.deviceId, userId: ctx.caller.userId, source: 'manual' },
          o.lines.map((l) => ({
            productId: l.productId,
            locationId,
            type: 'out' as const,
            quantity: l.quantity,
            reason: `Commande ${o.number}`,
            occurredAt: now,
            idempotencyKey: `order:${o.id}:${l.id}`,
          })),
        );
        setCustomerOrderStatus(ctx.db, id, 'fulfilled', { locationId, fulfilledAt: now }, now);
        return { order: getCustomerOrder(ctx.db, id)!, movements: recorded.length, alreadyFulfilled: false };
      })
      .immediate(),

  'registrations.list': ({ eventId }, ctx) => {
    if (!getEvent(ctx.db, eventId)) throw new AppError('not_found', 'Event not found');
    // Guests' names and e-mails: an installer reads those of the events they work only (the hub's rule).
    const events = eventScope(ctx);
    const registrations = events === null || events.has(eventId) ? listRegistrations(ctx.db, eventId) : [];
    return {
      capacity: eventCapacity(ctx.db, eventId),
      confirmedSeats: registrations.filter((r) => r.status === 'confirmed').reduce((s, r) => s + r.seats, 0),
      registrations,
    };
  },
  'registrations.create': (input, ctx) =>
    ctx.db.transaction(() => {
      if (!getEvent(ctx.db, input.eventId)) throw new AppError('not_found', 'Event not found', { field: 'eventId' });
      if (input.clientId) mustClient(ctx, input.clientId);
      const capacity = eventCapacity(ctx.db, input.eventId);
      const full = capacity !== null && heldSeats(ctx.db, input.eventId) + input.seats > capacity;
      const id = insertRegistration(
        ctx.db,
        {
          eventId: input.eventId,
          clientId: input.clientId ?? null,
          name: input.name,
          email: input.email || null,
          seats: input.seats,
          status: full ? 'waitlisted' : 'pending',
        },
        stamp(ctx),
      );
      return getRegistration(ctx.db, id)!;
    })(),
  'registrations.setStatus': ({ id, status }, ctx) =>
    ctx.db.transaction(() => {
      const r = getRegistration(ctx.db, id);
      if (!r) throw new AppError('not_found', 'Registration not found');
      if ((status === 'confirmed' || status === 'pending') && r.status !== 'confirmed' && r.status !== 'pending') {
        const capacity = eventCapacity(ctx.db, r.eventId);
        const held = heldSeats(ctx.db, r.eventId, id);
        if (capacity !== null && held + r.seats > capacity)
          throw new AppError('conflict', `The event is full (${held} of ${capacity} seats taken)`, { capacity, held });
      }
      setRegistrationStatus(ctx.db, id, status, ctx.clock.now());
      const promoted = status === 'cancelled' || status === 'waitlisted' ? promoteWaiting(ctx, r.eventId).filter((x) => x !== id) : [];
      return { registration: getRegistration(ctx.db, id)!, promoted };
    })(),
  'registrations.setCapacity': ({ eventId, capacity }, ctx) =>
    ctx.db.transaction(() => {
      if (!setEventCapacity(ctx.db, eventId, capacity, ctx.clock.now())) throw new AppError('not_found', 'Event not found');
      promoteWaiting(ctx, eventId);
      return { capacity };
    })(),
};
