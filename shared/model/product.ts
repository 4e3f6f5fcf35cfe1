import { z } from 'zod';

const money = z.number().finite().min(0, 'Must be 0 or more').max(1e9);

/** Fields a user edits; every rule here is also a CHECK in SQLite (and on the hub). */
export const ProductFields = {
  sku: z.string().trim().min(1, 'SKU is required').max(64, 'SKU: 64 characters at most'),
  name: z.string().trim().min(1, 'Name is required').max(200, 'Name: 200 characters at most'),
  description: z.string().max(5000).default(''),
  category: z.string().trim().max(100).default(''),
  unit: z.string().trim().min(1, 'Unit is required').max(20).default('pce'),
  price: money.default(0),
  cost: money.default(0),
  supplier: z.string().trim().max(200).default(''),
  leadTimeDays: z.number().int('Lead time: whole days').min(0).max(365, 'Lead time: 365 days at most').default(7),
  moq: z.number().finite().positive('MOQ must be more than 0').max(1e7).default(1),
  packSize: z.number().finite().positive('Pack size must be more than 0').max(1e7).default(1),
  serviceLevel: z.number().gt(0.5, 'Service level must be above 50 %').lt(1, 'Service level must be below 100 %').default(0.95),
  reorderPoint: z.number().finite().min(0).nullable().default(null),
  ecoScore: z.number().int().min(0, 'Eco score: 0 to 100').max(100, 'Eco score: 0 to 100').nullable().default(null),
  ecoDetails: z.array(z.string().trim().min(1).max(300)).max(30).default([]),
  notionPageId: z.string().max(64).nullable().default(null),
};

/**
 * A patch changes only the fields it names: defaults must not fill in the others (a partial of
 * fields with defaults would silently reset them).
 */
function withoutDefaults<T extends Record<string, z.ZodType>>(fields: T): { [K in keyof T]: z.ZodOptional<z.ZodType<z.output<T[K]>>> } {
  const out: Record<string, z.ZodType> = {};
  for (const [k, f] of Object.entries(fields)) out[k] = ((f instanceof z.ZodDefault ? f.unwrap() : f) as z.ZodType).optional();
  return out as never;
}

export const ProductInput = z.strictObject(ProductFields);
export type ProductInput = z.input<typeof ProductInput>;
export const ProductPatch = z.strictObject(withoutDefaults(ProductFields));
export type ProductPatch = z.infer<typeof ProductPatch>;

export const Product = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  unit: z.string(),
  price: z.number(),
  cost: z.number(),
  supplier: z.string(),
  leadTimeDays: z.number(),
  moq: z.number(),
  packSize: z.number(),
  serviceLevel: z.number(),
  reorderPoint: z.number().nullable(),
  ecoScore: z.number().nullable(),
  ecoDetails: z.array(z.string()),
  active: z.boolean(),
  notionPageId: z.string().nullable(),
  onHand: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Product = z.infer<typeof Product>;

export const ServiceFields = {
  title: z.string().trim().min(1, 'Title is required').max(200),
  description: z.string().max(5000).default(''),
  durationMin: z.number().int('Duration: whole minutes').positive('Duration must be more than 0').max(10080),
  benefits: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  price: money.default(0),
  notionPageId: z.string().max(64).nullable().default(null),
};
export const ServiceInput = z.strictObject(ServiceFields);
export type ServiceInput = z.input<typeof ServiceInput>;
export const ServicePatch = z.strictObject(withoutDefaults(ServiceFields));
export const Service = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  durationMin: z.number(),
  benefits: z.array(z.string()),
  price: z.number(),
  active: z.boolean(),
  notionPageId: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Service = z.infer<typeof Service>;
