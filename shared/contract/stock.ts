import { z } from 'zod';
import { ADMIN_ONLY, ANY_ROLE, INSTALLER_WRITE } from '../model/roles.js';
import {
  Balance,
  EntryWarning,
  Location,
  LocationKind,
  MAX_MOVEMENT_MESSAGE,
  MAX_MOVEMENT_QUANTITY,
  Movement,
  MovementInput,
  PurchaseOrder,
  StockPlaceKind,
} from '../model/stock.js';
import { ReorderPointSource } from '../model/forecast.js';
import { defineChannels } from './define.js';

const Id = z.string().min(1).max(64);
const LocationName = z.string().trim().min(1, 'A location needs a name').max(100);

export const StockSummary = z.object({
  stockValue: z.number(),
  lowStockCount: z.number().int(),
  stockOutCount: z.number().int(),
  latestMovements: z.array(Movement),
});

export const StockAlertRow = z.object({
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  onHand: z.number(),
  /** The effective reorder point (shared/model/forecast.ts effectiveReorderPoint) and where it comes from. */
  reorderPoint: z.number().nullable(),
  reorderPointSource: ReorderPointSource.nullable(),
  unit: z.string(),
});

export const MainWarehouse = z.object({ locationId: z.string(), name: z.string(), configured: z.boolean() });
export type MainWarehouse = z.infer<typeof MainWarehouse>;

const OrderQuantity = z.number().finite().positive('Quantity must be more than 0').max(MAX_MOVEMENT_QUANTITY, MAX_MOVEMENT_MESSAGE);

export const stockChannels = defineChannels({
  /** The business's main warehouse (global setting `stock.mainWarehouseId`, synced): null before any warehouse exists. */
  'stock.mainWarehouse.get': { kind: 'query', input: z.strictObject({}), output: MainWarehouse.nullable(), roles: ANY_ROLE },
  'stock.mainWarehouse.set': { kind: 'mutation', input: z.strictObject({ locationId: Id }), output: MainWarehouse, roles: ADMIN_ONLY },
  'stock.locations.list': { kind: 'query', input: z.strictObject({}), output: z.array(Location), roles: ANY_ROLE },
  'stock.locations.create': {
    kind: 'mutation',
    input: z.strictObject({ name: LocationName, kind: LocationKind, boothId: z.string().max(64).optional() }),
    output: Location,
    roles: ADMIN_ONLY,
  },
  /** Rename a warehouse or van, change one into the other, or bring an archived one back. */
  'stock.locations.update': {
    kind: 'mutation',
    input: z.strictObject({ id: Id, name: LocationName.optional(), kind: StockPlaceKind.optional(), active: z.literal(true).optional() }),
    output: Location,
    roles: ADMIN_ONLY,
  },
  /** Archive an empty warehouse or van (refused while it holds stock); its history stays. */
  'stock.locations.archive': { kind: 'mutation', input: z.strictObject({ id: Id }), output: Location, roles: ADMIN_ONLY },
  'stock.record': { kind: 'mutation', input: MovementInput, output: Movement, roles: INSTALLER_WRITE },
  'stock.recordBatch': {
    kind: 'mutation',
    input: z.strictObject({
      movements: z.array(MovementInput).min(1).max(5000),
      /**
       * Lines far outside a product's usual range or making stock negative are refused with their
       * warnings (`details.warnings`) until sent again with `confirm: true`; the confirmation is audited.
       */
      confirm: z.boolean().default(false),
    }),
    output: z.object({ recorded: z.number().int(), duplicates: z.number().int(), confirmed: z.array(EntryWarning).default([]) }),
    roles: INSTALLER_WRITE,
  },
  'stock.movements.list': {
    kind: 'query',
    input: z.strictObject({
      productId: Id.optional(),
      locationId: Id.optional(),
      before: z.strictObject({ occurredAt: z.number().int(), id: Id }).optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    output: z.object({ items: z.array(Movement), next: z.object({ occurredAt: z.number(), id: z.string() }).nullable() }),
    roles: ANY_ROLE,
  },
  'stock.balances': {
    kind: 'query',
    input: z.strictObject({ productId: Id.optional(), locationId: Id.optional() }),
    output: z.array(Balance),
    roles: ANY_ROLE,
  },
  'stock.onHandHistory': {
    kind: 'query',
    input: z.strictObject({ productId: Id, days: z.number().int().min(7).max(1100).default(365) }),
    output: z.array(z.object({ day: z.number(), onHand: z.number() })),
    roles: ANY_ROLE,
  },
  'stock.lowStock': { kind: 'query', input: z.strictObject({}), output: z.array(StockAlertRow), roles: ANY_ROLE },
  'stock.stockOuts': { kind: 'query', input: z.strictObject({}), output: z.array(StockAlertRow), roles: ANY_ROLE },
  'stock.summary': { kind: 'query', input: z.strictObject({}), output: StockSummary, roles: ANY_ROLE },
  'purchaseOrders.list': {
    kind: 'query',
    input: z.strictObject({ status: z.enum(['open', 'received', 'cancelled', 'all']).default('open'), productId: Id.optional() }),
    output: z.array(PurchaseOrder),
    roles: ANY_ROLE,
  },
  'purchaseOrders.create': {
    kind: 'mutation',
    input: z.strictObject({
      productId: Id,
      /** Where the goods will be delivered; the main warehouse when left out. */
      locationId: Id.optional(),
      quantity: OrderQuantity,
      expectedAt: z.number().int().positive(),
      supplier: z.string().max(200).optional(),
    }),
    output: PurchaseOrder,
    roles: ADMIN_ONLY,
  },
  'purchaseOrders.receive': {
    kind: 'mutation',
    /** `locationId`: where the goods were actually put away (the order's destination when left out). */
    input: z.strictObject({ id: Id, quantity: OrderQuantity.optional(), locationId: Id.optional() }),
    output: z.object({ order: PurchaseOrder, movement: Movement }),
    roles: INSTALLER_WRITE,
  },
  'purchaseOrders.cancel': { kind: 'mutation', input: z.strictObject({ id: Id }), output: PurchaseOrder, roles: ADMIN_ONLY },
});
