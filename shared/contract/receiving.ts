import { z } from 'zod';
import { INSTALLER_WRITE, STAFF_READ } from '../model/roles.js';
import { ExportedFile } from '../print.js';
import { defineChannels } from './define.js';

const Id = z.string().min(1).max(64);

export const DeliveryNoteMime = z.enum(['image/png', 'image/jpeg', 'application/pdf']);
export const ProposedLine = z.object({
  index: z.number(),
  raw: z.string(),
  reference: z.string().nullable(),
  description: z.string(),
  quantity: z.number(),
  status: z.enum(['matched', 'unsure', 'unknown']),
  productId: z.string().nullable(),
  productSku: z.string().nullable(),
  productName: z.string().nullable(),
  score: z.number(),
  /** The open purchase order of that product this delivery most likely answers (oldest expected first). */
  purchaseOrder: z.object({ id: z.string(), outstanding: z.number(), supplier: z.string(), expectedAt: z.number() }).nullable(),
});
export type ProposedLine = z.infer<typeof ProposedLine>;

/** Supplier delivery notes read by OCR (issue 18): drop a photo or PDF, review the proposal, confirm the receipt. */
export const receivingChannels = defineChannels({
  /** Keeps the file, reads it (OCR in a worker; a text PDF is read directly) and proposes its lines; books nothing. */
  'deliveryNotes.read': {
    kind: 'mutation',
    input: z.strictObject({
      fileName: z.string().trim().min(1).max(300),
      mime: DeliveryNoteMime,
      /** The file, base64; 15 MB at most. */
      base64: z.string().min(1).max(20_000_000),
      supplier: z.string().trim().max(200).nullable().optional(),
    }),
    output: z.object({ id: z.string(), fileName: z.string(), pages: z.number(), text: z.string(), lines: z.array(ProposedLine) }),
    roles: INSTALLER_WRITE,
    redact: ['base64'],
  },
  /** Books the reviewed lines as a receipt (in movements; a line answering an open purchase order receives it), once. */
  'deliveryNotes.confirm': {
    kind: 'mutation',
    input: z.strictObject({
      id: Id,
      locationId: Id,
      lines: z
        .array(
          z.strictObject({
            productId: Id,
            quantity: z.number().int().positive('Quantity must be more than 0').max(1_000_000),
            purchaseOrderId: Id.nullable().optional(),
          }),
        )
        .min(1, 'Keep at least one line')
        .max(500),
    }),
    output: z.object({ id: z.string(), movements: z.number(), alreadyBooked: z.boolean() }),
    roles: INSTALLER_WRITE,
  },
  /** The note's original file, as it was dropped (kept in this computer's data folder; a note read on another device has none here). */
  'deliveryNotes.file': {
    kind: 'query',
    input: z.strictObject({ id: Id }),
    output: ExportedFile,
    roles: STAFF_READ,
  },
  'deliveryNotes.list': {
    kind: 'query',
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }),
    output: z.array(
      z.object({
        id: z.string(),
        fileName: z.string(),
        supplier: z.string().nullable(),
        status: z.enum(['review', 'booked']),
        createdAt: z.number(),
        bookedAt: z.number().nullable(),
      }),
    ),
    roles: STAFF_READ,
  },
});
