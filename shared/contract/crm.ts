import { z } from 'zod';
import { ADMIN_ONLY, OFFICE_READ, STAFF_READ } from '../model/roles.js';
import {
  Client,
  ClientFields,
  ClientMessage,
  ClientMessageKind,
  Order,
  OrderLineInput,
  OrderStatus,
  Quote,
  QuoteFields,
  QuoteStatus,
  Registration,
  RegistrationStatus,
  Stage,
} from '../model/crm.js';
import { BookingEvent } from '../model/bookingEvent.js';
import { ExportedFile, PrintLang } from '../print.js';
import { defineChannels } from './define.js';

const Id = z.string().min(1).max(64);

const ClientSummary = Client.extend({ quotes: z.number(), openQuotesTtc: z.string(), events: z.number(), orders: z.number() });
const EventWithTotals = BookingEvent.extend({ clientId: z.string().nullable(), place: z.string().nullable() });

/** Clients and contacts, the pipeline, quotes, customer orders, event registrations (issue 18). */
export const crmChannels = defineChannels({
  'clients.list': {
    kind: 'query',
    input: z.strictObject({
      search: z.string().max(200).optional(),
      stage: Stage.optional(),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    output: z.array(ClientSummary),
    roles: STAFF_READ,
  },
  /** The client's page: its contacts and its whole history. */
  'clients.get': {
    kind: 'query',
    input: z.strictObject({ id: Id }),
    output: z.object({
      client: Client,
      contacts: z.array(Client),
      quotes: z.array(Quote.omit({ lines: true, vat: true })),
      events: z.array(EventWithTotals),
      orders: z.array(Order.omit({ lines: true })),
      stages: z.array(z.object({ from: Stage.nullable(), to: Stage, reason: z.string().nullable(), at: z.number() })),
      /** Messages drafted for the client, newest first (office roles only). */
      messages: z.array(ClientMessage),
    }),
    roles: STAFF_READ,
  },
  /**
   * Saves a message in the client's history: an assistant draft (sourceMessageId: saving it again
   * updates the same entry, with the edited text) or a note. The event, if named, must be the client's.
   */
  'clients.messages.save': {
    kind: 'mutation',
    input: z.strictObject({
      clientId: Id,
      text: z.string().trim().min(1, 'The message is empty').max(20000, 'Message: 20000 characters at most'),
      kind: ClientMessageKind.default('note'),
      eventId: Id.nullable().optional(),
      sourceMessageId: Id.optional(),
    }),
    output: ClientMessage,
    roles: ADMIN_ONLY,
    redact: ['text'],
  },
  'clients.messages.delete': {
    kind: 'mutation',
    input: z.strictObject({ id: Id }),
    output: z.object({ deleted: z.literal(true) }),
    roles: ADMIN_ONLY,
  },
  /** Refused when another client has the same e-mail or phone, unless `allowDuplicate` (the details name it). */
  'clients.create': {
    kind: 'mutation',
    input: z.strictObject({ ...ClientFields, allowDuplicate: z.boolean().default(false) }),
    output: Client,
    roles: ADMIN_ONLY,
  },
  /** A new e-mail or phone another client already has is refused as at creation, unless `allowDuplicate` (the details name it). */
  'clients.update': {
    kind: 'mutation',
    input: z.strictObject({
      id: Id,
      allowDuplicate: z.boolean().default(false),
      patch: z
        .strictObject({ ...ClientFields, kind: ClientFields.kind.unwrap(), tags: ClientFields.tags.unwrap() })
        .partial()
        .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' }),
    }),
    output: Client,
    roles: ADMIN_ONLY,
  },
  /** Groups of clients sharing an e-mail or a phone number (the merge screen's list). */
  'clients.duplicates': {
    kind: 'query',
    input: z.strictObject({}),
    output: z.array(z.object({ reason: z.enum(['email', 'phone']), key: z.string(), clients: z.array(Client) })),
    roles: OFFICE_READ,
  },
  /** Moves everything of `mergeId` to `keepId` (quotes, orders, events, registrations, contacts), fills its empty fields, and retires `mergeId`. */
  'clients.merge': {
    kind: 'mutation',
    input: z.strictObject({ keepId: Id, mergeId: Id }).refine((v) => v.keepId !== v.mergeId, { message: 'Pick two different clients' }),
    output: z.object({
      client: Client,
      moved: z.object({
        quotes: z.number(),
        orders: z.number(),
        events: z.number(),
        registrations: z.number(),
        contacts: z.number(),
        messages: z.number(),
      }),
    }),
    roles: ADMIN_ONLY,
  },
  /** Moves a lead along the pipeline; lost needs a reason. */
  'pipeline.move': {
    kind: 'mutation',
    input: z
      .strictObject({ id: Id, stage: Stage, lostReason: z.string().trim().max(500).optional() })
      .refine((v) => v.stage !== 'lost' || (v.lostReason ?? '').length > 0, { message: 'Say why it was lost', path: ['lostReason'] }),
    output: Client,
    roles: ADMIN_ONLY,
  },
  /** Next actions due by the end of `day` (the dashboard's "due today"), oldest first. */
  'pipeline.due': {
    kind: 'query',
    input: z.strictObject({ until: z.number().int().positive() }),
    output: z.array(Client),
    roles: STAFF_READ,
  },
  /** Leads created per month and source, and how many were booked or lost since. */
  'pipeline.stats': {
    kind: 'query',
    input: z.strictObject({ months: z.number().int().min(1).max(36).default(12) }),
    output: z.array(z.object({ month: z.string(), source: z.string(), leads: z.number(), booked: z.number(), lost: z.number() })),
    roles: OFFICE_READ,
  },
  'quotes.list': {
    kind: 'query',
    input: z.strictObject({
      clientId: Id.optional(),
      status: QuoteStatus.optional(),
      limit: z.number().int().min(1).max(2000).default(300),
    }),
    output: z.array(Quote.omit({ lines: true, vat: true })),
    roles: OFFICE_READ,
  },
  'quotes.get': { kind: 'query', input: z.strictObject({ id: Id }), output: Quote, roles: OFFICE_READ },
  /** Numbered DEV-YYYY-NNNN at creation, without gaps per year (a quote is never deleted). */
  'quotes.create': {
    kind: 'mutation',
    input: z.strictObject(QuoteFields).refine((v) => !v.eventStartsAt || !v.eventEndsAt || v.eventEndsAt >= v.eventStartsAt, {
      message: 'The event must end after it starts',
      path: ['eventEndsAt'],
    }),
    output: Quote,
    roles: ADMIN_ONLY,
  },
  /** Draft and sent quotes only; the lines given replace the quote's lines. */
  'quotes.update': {
    kind: 'mutation',
    input: z.strictObject({
      id: Id,
      patch: z
        .strictObject({
          ...QuoteFields,
          lang: QuoteFields.lang.unwrap(),
          vatRounding: QuoteFields.vatRounding.unwrap(),
          lines: QuoteFields.lines.unwrap(),
        })
        .omit({ clientId: true })
        .partial()
        .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' }),
    }),
    output: Quote,
    roles: ADMIN_ONLY,
  },
  'quotes.setStatus': {
    kind: 'mutation',
    input: z.strictObject({ id: Id, status: z.enum(['draft', 'sent', 'refused', 'expired']) }),
    output: Quote,
    roles: ADMIN_ONLY,
  },
  /** Books the event (date, place, client, booth; a booth clash is refused, naming it) and marks the quote accepted. */
  'quotes.accept': {
    kind: 'mutation',
    input: z.strictObject({ id: Id }),
    output: z.object({ quote: Quote, event: EventWithTotals }),
    roles: ADMIN_ONLY,
  },
  /** The quote as a printable A4 PDF (shared PDF port), in its language or the one asked. */
  'quotes.pdf': {
    kind: 'query',
    input: z.strictObject({
      id: Id,
      lang: PrintLang.optional(),
      /** The caller's time zone (IANA name): dates print as the user reads them on screen. */
      timeZone: z
        .string()
        .max(64)
        .refine((tz) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        }, 'Unknown time zone')
        .optional(),
    }),
    output: ExportedFile,
    roles: OFFICE_READ,
  },
  'orders.list': {
    kind: 'query',
    input: z.strictObject({
      clientId: Id.optional(),
      status: OrderStatus.optional(),
      limit: z.number().int().min(1).max(2000).default(300),
    }),
    output: z.array(Order.omit({ lines: true })),
    roles: OFFICE_READ,
  },
  'orders.get': { kind: 'query', input: z.strictObject({ id: Id }), output: Order, roles: OFFICE_READ },
  /** Numbered CMD-YYYY-NNNN; prices default to the products' prices. */
  'orders.create': {
    kind: 'mutation',
    input: z.strictObject({
      clientId: Id,
      lines: z.array(OrderLineInput).min(1, 'An order needs at least one line').max(200),
      notes: z.string().trim().max(5000).nullable().optional(),
      orderedAt: z.number().int().positive().optional(),
    }),
    output: Order,
    roles: ADMIN_ONLY,
  },
  'orders.setStatus': {
    kind: 'mutation',
    input: z.strictObject({ id: Id, status: z.enum(['confirmed', 'cancelled']) }),
    output: Order,
    roles: ADMIN_ONLY,
  },
  /** Books the stock out of the location in the same transaction; calling it again changes nothing. */
  'orders.fulfil': {
    kind: 'mutation',
    input: z.strictObject({ id: Id, locationId: Id }),
    output: z.object({ order: Order, movements: z.number(), alreadyFulfilled: z.boolean() }),
    roles: ADMIN_ONLY,
  },
  'registrations.list': {
    kind: 'query',
    input: z.strictObject({ eventId: Id }),
    output: z.object({
      capacity: z.number().nullable(),
      confirmedSeats: z.number(),
      registrations: z.array(Registration),
    }),
    roles: STAFF_READ,
  },
  /** Past the event's capacity a new registration waits in line (waitlisted). */
  'registrations.create': {
    kind: 'mutation',
    input: z.strictObject({
      eventId: Id,
      name: z.string().trim().min(1, 'Name is required').max(200),
      email: z.string().trim().email('Not an e-mail address').max(200).nullable().optional(),
      clientId: Id.nullable().optional(),
      seats: z.number().int().min(1).max(100).default(1),
    }),
    output: Registration,
    roles: ADMIN_ONLY,
  },
  /** Confirming past capacity is refused; cancelling frees seats and promotes the waiting list in order. */
  'registrations.setStatus': {
    kind: 'mutation',
    input: z.strictObject({ id: Id, status: RegistrationStatus }),
    output: z.object({ registration: Registration, promoted: z.array(z.string()) }),
    roles: ADMIN_ONLY,
  },
  'registrations.setCapacity': {
    kind: 'mutation',
    input: z.strictObject({ eventId: Id, capacity: z.number().int().min(1).max(100000).nullable() }),
    output: z.object({ capacity: z.number().nullable() }),
    roles: ADMIN_ONLY,
  },
});
