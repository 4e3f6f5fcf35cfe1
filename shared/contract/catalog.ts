import { z } from 'zod';
import { ADMIN_ONLY, ANY_ROLE } from '../model/roles.js';
import { Product, ProductInput, ProductPatch, Service, ServiceInput, ServicePatch } from '../model/product.js';
import { defineChannels } from './define.js';

const Id = z.string().min(1).max(64);
export const PRODUCT_SORT_FIELDS = [
  'sku',
  'name',
  'category',
  'price',
  'cost',
  'onHand',
  'supplier',
  'leadTimeDays',
  'ecoScore',
  'updatedAt',
] as const;

export const ProductListQuery = z.strictObject({
  q: z.string().max(200).default(''),
  category: z.string().max(100).optional(),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  sort: z.enum(PRODUCT_SORT_FIELDS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(20000).default(200),
});
export type ProductListQuery = z.input<typeof ProductListQuery>;

export const catalogChannels = defineChannels({
  'catalog.products.list': {
    kind: 'query',
    input: ProductListQuery,
    output: z.object({ items: z.array(Product), total: z.number().int() }),
    roles: ANY_ROLE,
  },
  'catalog.products.get': { kind: 'query', input: z.strictObject({ id: Id }), output: Product, roles: ANY_ROLE },
  'catalog.products.create': { kind: 'mutation', input: ProductInput, output: Product, roles: ADMIN_ONLY },
  'catalog.products.update': {
    kind: 'mutation',
    input: z.strictObject({ id: Id, patch: ProductPatch }),
    output: Product,
    roles: ADMIN_ONLY,
  },
  'catalog.products.archive': {
    kind: 'mutation',
    input: z.strictObject({ id: Id, archived: z.boolean() }),
    output: Product,
    roles: ADMIN_ONLY,
  },
  'catalog.categories': { kind: 'query', input: z.strictObject({}), output: z.array(z.string()), roles: ANY_ROLE },
  'catalog.services.list': {
    kind: 'query',
    input: z.strictObject({ q: z.string().max(200).default(''), status: z.enum(['active', 'archived', 'all']).default('active') }),
    output: z.array(Service),
    roles: ANY_ROLE,
  },
  'catalog.services.create': { kind: 'mutation', input: ServiceInput, output: Service, roles: ADMIN_ONLY },
  'catalog.services.update': {
    kind: 'mutation',
    input: z.strictObject({ id: Id, patch: ServicePatch }),
    output: Service,
    roles: ADMIN_ONLY,
  },
  'catalog.services.archive': {
    kind: 'mutation',
    input: z.strictObject({ id: Id, archived: z.boolean() }),
    output: Service,
    roles: ADMIN_ONLY,
  },
});
