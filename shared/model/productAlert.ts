import { z } from 'zod';

/** Alerts about a product rather than a booth (issue 16): the forecast says it runs out before its next possible delivery. */
export const ProductAlertKind = z.enum(['stockout_risk']);
export type ProductAlertKind = z.infer<typeof ProductAlertKind>;

export const StockoutRiskDetails = z.object({
  sku: z.string(),
  unit: z.string(),
  onHand: z.number(),
  /** The day the P50 projection (open orders counted) reaches zero. */
  stockoutAt: z.number(),
  /** The earliest an order placed now can arrive: the supplier's next order day plus its lead time. */
  nextDeliveryAt: z.number(),
  leadTimeDays: z.number(),
  /** What the replenishment advice says to order now (0 when an order already covers the cycle). */
  suggestedQty: z.number(),
});
export type StockoutRiskDetails = z.infer<typeof StockoutRiskDetails>;

export const ProductAlert = z.object({
  id: z.string(),
  productId: z.string(),
  productName: z.string(),
  kind: ProductAlertKind,
  severity: z.enum(['warning', 'critical']),
  message: z.string(),
  details: StockoutRiskDetails,
  raisedAt: z.number(),
  clearedAt: z.number().nullable(),
});
export type ProductAlert = z.infer<typeof ProductAlert>;
