import type { AppErrorShape } from '@shared/errors.js';

/**
 * SQLite constraint failures as the user should read them. SQLite names an index
 * ("UNIQUE constraint failed: index 'booths_name'"), a table.column, or a CHECK expression; the
 * screens need the field and a sentence, never the engine's wording. Every message here has a
 * French translation in the renderer (coreMessages.ts) and a field the forms put it under.
 */
interface Known {
  field: string;
  message: string;
}

/** Unique indexes and columns, by their SQLite names. */
const UNIQUE: Record<string, Known> = {
  booths_name: { field: 'name', message: 'A booth with this name already exists' },
  'booths.name': { field: 'name', message: 'A booth with this name already exists' },
  booths_mac: { field: 'mac', message: 'A booth with this MAC address already exists' },
  'booths.mac': { field: 'mac', message: 'A booth with this MAC address already exists' },
  'products.sku': { field: 'sku', message: 'A product with this SKU already exists' },
  products_notion_page: { field: 'notionPageId', message: 'This Notion page is already linked to another product' },
  'products.notion_page_id': { field: 'notionPageId', message: 'This Notion page is already linked to another product' },
  services_notion_page: { field: 'notionPageId', message: 'This Notion page is already linked to another service' },
  'services.notion_page_id': { field: 'notionPageId', message: 'This Notion page is already linked to another service' },
  'events.notion_page_id': { field: 'notionPageId', message: 'This Notion page is already linked to another event' },
  locations_stock_name: { field: 'name', message: 'A location with this name already exists' },
  locations_warehouse_name: { field: 'name', message: 'A location with this name already exists' },
  'locations.name': { field: 'name', message: 'A location with this name already exists' },
  'users.email': { field: 'email', message: 'A profile with this email already exists' },
  alerts_open: { field: 'kind', message: 'This alert is already open for this booth' },
  'stock_movements.idempotency_key': { field: 'idempotencyKey', message: 'This movement was already recorded (same idempotency key)' },
  'stock_balances.product_id': { field: 'productId', message: 'This product already has a balance here' },
  'product_demand_drivers.product_id': { field: 'productId', message: 'This product already has a demand driver' },
};

/** Column names (snake_case) the forms know, for CHECK and NOT NULL failures. */
const FIELDS: Record<string, string> = {
  name: 'name',
  sku: 'sku',
  unit: 'unit',
  mac: 'mac',
  email: 'email',
  hostname: 'hostname',
  pc_address: 'pcAddress',
  router_address: 'routerAddress',
  router_wol_port: 'routerWolPort',
  wol_port: 'wolPort',
  pc_probe_port: 'pcProbePort',
  router_probe_port: 'routerProbePort',
  wake_before_event_min: 'wakeBeforeEventMin',
  remaining_prints: 'remainingPrints',
  roll_capacity: 'rollCapacity',
  warning_threshold: 'warningThreshold',
  critical_threshold: 'criticalThreshold',
  client_name: 'clientName',
  event_type: 'eventType',
  album_name: 'albumName',
  display_name: 'displayName',
  quantity: 'quantity',
  price: 'price',
  cost: 'cost',
  lead_time_days: 'leadTimeDays',
  moq: 'moq',
  pack_size: 'packSize',
  eco_score: 'ecoScore',
  title: 'title',
  duration_min: 'durationMin',
  reason: 'reason',
  kind: 'kind',
};

const IDENT = /[a-z_][a-z0-9_]*/g;

function fieldOf(text: string): string | undefined {
  // "table.column" first, then any known column named in a CHECK expression.
  const dotted = /^([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)/.exec(text.trim());
  if (dotted && FIELDS[dotted[2]!]) return FIELDS[dotted[2]!];
  for (const id of text.match(IDENT) ?? []) if (FIELDS[id]) return FIELDS[id];
  return undefined;
}

/**
 * The error envelope for a SQLite constraint failure: `conflict` for a duplicate, `constraint` for
 * a value the schema refuses, with the field (when known) in details.field for the forms.
 */
export function constraintErrorShape(sqliteMessage: string, sqliteCode: string): AppErrorShape {
  const unique = /UNIQUE constraint failed: (?:index '([^']+)'|(.+))/.exec(sqliteMessage);
  if (unique) {
    const target = (unique[1] ?? unique[2] ?? '').split(',')[0]!.trim();
    const known = UNIQUE[target];
    if (known) return { code: 'conflict', message: known.message, details: { field: known.field, constraint: target, sqlite: sqliteCode } };
    const field = fieldOf(target);
    return {
      code: 'conflict',
      message: 'This value already exists',
      details: { ...(field ? { field } : {}), constraint: target, sqlite: sqliteCode },
    };
  }
  const check = /CHECK constraint failed: (.+)/.exec(sqliteMessage);
  if (check) {
    const field = fieldOf(check[1]!);
    return {
      code: 'constraint',
      message: 'This value is not allowed',
      details: { ...(field ? { field } : {}), constraint: check[1], sqlite: sqliteCode },
    };
  }
  const notNull = /NOT NULL constraint failed: (.+)/.exec(sqliteMessage);
  if (notNull) {
    const field = fieldOf(notNull[1]!);
    return {
      code: 'constraint',
      message: 'A required value is missing',
      details: { ...(field ? { field } : {}), constraint: notNull[1], sqlite: sqliteCode },
    };
  }
  if (/FOREIGN KEY/.test(sqliteMessage)) {
    return { code: 'constraint', message: 'Refers to a record that does not exist', details: { sqlite: sqliteCode } };
  }
  return { code: 'constraint', message: 'This change breaks a data rule', details: { sqlite: sqliteCode } };
}
