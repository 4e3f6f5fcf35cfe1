import { z } from 'zod';

export const MovementType = z.enum(['in', 'out', 'adjust', 'transfer']);
export type MovementType = z.infer<typeof MovementType>;
export const MovementSource = z.enum(['manual', 'csv', 'booth', 'notion', 'assistant', 'purchase_order']);

/** Where stock is kept: a warehouse, a van, or a booth's own stock (derived from the booth). */
export const LocationKind = z.enum(['warehouse', 'van', 'booth']);
export type LocationKind = z.infer<typeof LocationKind>;
/** The kinds a person creates; a booth's location follows its booth. */
export const StockPlaceKind = z.enum(['warehouse', 'van']);

export const Location = z.object({
  id: z.string(),
  name: z.string(),
  kind: LocationKind,
  boothId: z.string().nullable(),
  /** false once archived (empty, kept for its history). */
  active: z.boolean(),
  /** Units on hand at this location, every product together, and how many products have stock there. */
  onHand: z.number(),
  products: z.number().int(),
});
export type Location = z.infer<typeof Location>;

/**
 * The absolute bound of one movement, enforced by the core for every channel (screen, CLI, CSV,
 * purchase orders): a million units in one line is a typing accident, never a delivery.
 */
export const MAX_MOVEMENT_QUANTITY = 1_000_000;
export const MAX_MOVEMENT_MESSAGE = 'Quantity: 1,000,000 at most per movement';

/** One ledger line to record. `direction` only matters for adjustments (found +1 / lost −1). */
export const MovementInput = z
  .strictObject({
    productId: z.string().min(1).max(64),
    locationId: z.string().min(1).max(64),
    toLocationId: z.string().min(1).max(64).optional(),
    type: MovementType,
    quantity: z.number().finite().positive('Quantity must be more than 0').max(MAX_MOVEMENT_QUANTITY, MAX_MOVEMENT_MESSAGE),
    direction: z.union([z.literal(1), z.literal(-1)]).optional(),
    reason: z.string().max(500).default(''),
    occurredAt: z.number().int().positive().optional(),
    idempotencyKey: z.string().min(1).max(200).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.type === 'transfer' && !m.toLocationId)
      ctx.addIssue({ code: 'custom', path: ['toLocationId'], message: 'A transfer needs a destination' });
    if (m.type !== 'transfer' && m.toLocationId)
      ctx.addIssue({ code: 'custom', path: ['toLocationId'], message: 'Only transfers have a destination' });
    if (m.type === 'transfer' && m.toLocationId === m.locationId)
      ctx.addIssue({ code: 'custom', path: ['toLocationId'], message: 'Destination must differ from the source' });
    if (m.type === 'adjust' && m.direction === undefined)
      ctx.addIssue({ code: 'custom', path: ['direction'], message: 'Say whether the adjustment adds or removes stock' });
  });
export type MovementInput = z.input<typeof MovementInput>;

export const Movement = z.object({
  id: z.string(),
  productId: z.string(),
  productSku: z.string(),
  productName: z.string(),
  locationId: z.string(),
  locationName: z.string(),
  toLocationId: z.string().nullable(),
  toLocationName: z.string().nullable(),
  type: MovementType,
  quantity: z.number(),
  delta: z.number(),
  reason: z.string(),
  occurredAt: z.number(),
  source: MovementSource,
  userId: z.string().nullable(),
  userName: z.string().nullable(),
});
export type Movement = z.infer<typeof Movement>;

export const Balance = z.object({
  productId: z.string(),
  sku: z.string(),
  productName: z.string(),
  locationId: z.string(),
  locationName: z.string(),
  onHand: z.number(),
  lastMovementAt: z.number(),
});
export type Balance = z.infer<typeof Balance>;

export const PurchaseOrder = z.object({
  id: z.string(),
  productId: z.string(),
  productName: z.string(),
  locationId: z.string(),
  /** The destination: where the goods are expected (the main warehouse unless chosen otherwise). */
  locationName: z.string(),
  quantity: z.number(),
  receivedQuantity: z.number(),
  expectedAt: z.number(),
  status: z.enum(['open', 'received', 'cancelled']),
  supplier: z.string(),
});
export type PurchaseOrder = z.infer<typeof PurchaseOrder>;

/** Why a line of a stock entry needs an explicit confirmation before it is recorded. */
export const EntryWarning = z.object({
  index: z.number().int(),
  kind: z.enum(['unusual', 'negative']),
  productId: z.string(),
  productName: z.string(),
  locationName: z.string(),
  quantity: z.number(),
  /** unusual: the usual scale (largest movement or on-hand); negative: the on-hand after the line. */
  reference: z.number(),
});
export type EntryWarning = z.infer<typeof EntryWarning>;
