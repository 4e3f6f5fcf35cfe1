import { z } from 'zod';

/** Which catalog product the booths' paper rolls are, and how many rolls one unit of it holds (a carton of 2 → 2). */
export const PaperStockInput = z.strictObject({
  productId: z.string().min(1).max(64).nullable(),
  rollsPerUnit: z.number().int('Rolls per unit: a whole number').min(1, 'Rolls per unit: 1 or more').max(100),
});
export const PaperStock = z.object({
  productId: z.string().nullable(),
  sku: z.string().nullable(),
  productName: z.string().nullable(),
  rollsPerUnit: z.number().int(),
  /** On hand across every location, in the product's units. */
  onHand: z.number().nullable(),
});
export type PaperStock = z.infer<typeof PaperStock>;

/** What one reload took out of stock (null when no paper product is set: nothing is booked). */
export const ReloadBooking = z.object({
  productId: z.string(),
  locationId: z.string(),
  locationName: z.string(),
  rolls: z.number().int(),
  /** In the product's units (rolls ÷ rolls per unit). */
  quantity: z.number(),
  onHandAfter: z.number(),
});
export type ReloadBooking = z.infer<typeof ReloadBooking>;
