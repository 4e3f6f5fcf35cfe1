import { z } from 'zod';
import { VAT_RATES } from './money.js';

/** Pipeline stages of a client/lead: lead → contacted → quoted → booked → done, or lost (with a reason). */
export const STAGES = ['lead', 'contacted', 'quoted', 'booked', 'done', 'lost'] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;
export const ClientKind = z.enum(['company', 'person']);

const opt = (max: number, msg: string) => z.string().trim().max(max, msg).nullable().optional();

/** What a user enters for a client or a contact. */
export const ClientFields = {
  kind: ClientKind.default('company'),
  name: z.string().trim().min(1, 'Name is required').max(200, 'Name: 200 characters at most'),
  companyId: z.string().min(1).max(64).nullable().optional(),
  email: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Not an e-mail address')
    .nullable()
    .optional(),
  phone: z
    .string()
    .trim()
    .max(40)
    .refine((v) => v === '' || /^\+?[\d\s().-]{3,}$/.test(v), 'Not a phone number')
    .nullable()
    .optional(),
  address: opt(500, 'Address: 500 characters at most'),
  notes: opt(5000, 'Notes: 5000 characters at most'),
  tags: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
  source: opt(100, 'Source: 100 characters at most'),
  nextAction: opt(300, 'Next action: 300 characters at most'),
  nextActionAt: z.number().int().positive().nullable().optional(),
};

export const Client = z.object({
  id: z.string(),
  kind: ClientKind,
  name: z.string(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  source: z.string().nullable(),
  stage: Stage,
  lostReason: z.string().nullable(),
  nextAction: z.string().nullable(),
  nextActionAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Client = z.infer<typeof Client>;

export const VatRate = z.enum(VAT_RATES);
export const QuoteStatus = z.enum(['draft', 'sent', 'accepted', 'refused', 'expired']);
export type QuoteStatus = z.infer<typeof QuoteStatus>;

const decimalText = (what: string, max = 1_000_000_000) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const s = String(v).trim().replace(/\s/g, '').replace(',', '.');
    if (!/^\d{1,12}(\.\d{1,6})?$/.test(s) || Number(s) > max) {
      ctx.addIssue({ code: 'custom', message: `${what}: a positive number` });
      return z.NEVER;
    }
    return s;
  });

export const QuoteLineInput = z.strictObject({
  serviceId: z.string().min(1).max(64).nullable().optional(),
  productId: z.string().min(1).max(64).nullable().optional(),
  label: z.string().trim().min(1, 'Label is required').max(300),
  quantity: decimalText('Quantity', 1_000_000).refine((s) => Number(s) > 0, 'Quantity must be more than 0'),
  unitPrice: decimalText('Unit price'),
  discountPct: decimalText('Discount', 100).default('0'),
  vatRate: VatRate.default('20'),
});
export type QuoteLineInput = z.input<typeof QuoteLineInput>;

export const QuoteLine = z.object({
  id: z.string(),
  position: z.number(),
  serviceId: z.string().nullable(),
  productId: z.string().nullable(),
  label: z.string(),
  quantity: z.string(),
  unitPrice: z.string(),
  discountPct: z.string(),
  vatRate: VatRate,
  lineHt: z.string(),
});

export const QuoteFields = {
  clientId: z.string().min(1).max(64),
  lang: z.enum(['fr', 'en']).default('fr'),
  validUntil: z.number().int().positive().optional(),
  eventType: z.string().trim().max(100).nullable().optional(),
  eventStartsAt: z.number().int().positive().nullable().optional(),
  eventEndsAt: z.number().int().positive().nullable().optional(),
  place: z.string().trim().max(300).nullable().optional(),
  boothId: z.string().min(1).max(64).nullable().optional(),
  notes: z.string().trim().max(5000).nullable().optional(),
  vatRounding: z.enum(['per_rate', 'per_line']).default('per_rate'),
  lines: z.array(QuoteLineInput).max(200).default([]),
};

export const Quote = z.object({
  id: z.string(),
  number: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  status: QuoteStatus,
  lang: z.enum(['fr', 'en']),
  issuedAt: z.number(),
  validUntil: z.number(),
  eventType: z.string().nullable(),
  eventStartsAt: z.number().nullable(),
  eventEndsAt: z.number().nullable(),
  place: z.string().nullable(),
  boothId: z.string().nullable(),
  boothName: z.string().nullable(),
  notes: z.string().nullable(),
  vatRounding: z.enum(['per_rate', 'per_line']),
  totalHt: z.string(),
  totalTva: z.string(),
  totalTtc: z.string(),
  vat: z.array(z.object({ rate: VatRate, base: z.string(), vat: z.string() })),
  eventId: z.string().nullable(),
  decidedAt: z.number().nullable(),
  lines: z.array(QuoteLine),
});
export type Quote = z.infer<typeof Quote>;

export const OrderStatus = z.enum(['pending', 'confirmed', 'fulfilled', 'cancelled']);
export const OrderLineInput = z.strictObject({
  productId: z.string().min(1).max(64),
  quantity: z.number().int().positive('Quantity must be more than 0').max(1_000_000),
  unitPrice: decimalText('Unit price').optional(),
  vatRate: VatRate.default('20'),
});
export const Order = z.object({
  id: z.string(),
  number: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  status: OrderStatus,
  locationId: z.string().nullable(),
  orderedAt: z.number(),
  fulfilledAt: z.number().nullable(),
  notes: z.string().nullable(),
  totalHt: z.string(),
  totalTva: z.string(),
  totalTtc: z.string(),
  lines: z.array(
    z.object({
      id: z.string(),
      productId: z.string(),
      sku: z.string(),
      productName: z.string(),
      quantity: z.number(),
      unitPrice: z.string(),
      vatRate: VatRate,
      lineHt: z.string(),
    }),
  ),
});
export type Order = z.infer<typeof Order>;

export const RegistrationStatus = z.enum(['pending', 'confirmed', 'waitlisted', 'cancelled']);
export const Registration = z.object({
  id: z.string(),
  eventId: z.string(),
  clientId: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  seats: z.number(),
  status: RegistrationStatus,
  registeredAt: z.number(),
});
export type Registration = z.infer<typeof Registration>;

/** What a message in a client's history is: one of the assistant's drafts, or a note written by hand. */
export const ClientMessageKind = z.enum(['client_followup', 'event_recap', 'supplier_order', 'note']);
export type ClientMessageKind = z.infer<typeof ClientMessageKind>;

/** A message drafted for a client (issue 18), kept in its history with its date and text. */
export const ClientMessage = z.object({
  id: z.string(),
  clientId: z.string(),
  eventId: z.string().nullable(),
  kind: ClientMessageKind,
  text: z.string(),
  draftedAt: z.number(),
  userId: z.string().nullable(),
  /** The assistant answer it came from, on the device that drafted it. */
  sourceMessageId: z.string().nullable(),
});
export type ClientMessage = z.infer<typeof ClientMessage>;
