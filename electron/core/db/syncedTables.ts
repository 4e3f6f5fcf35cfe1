/**
 * The one registry of synced tables. Adding a table to sync is one entry here, plus its outbox
 * triggers in a local migration (tests/core/sync-registry.test.ts checks both against the live
 * schema) and its hub table in supabase/migrations.
 *
 * kind: `ledger` rows are append-only and never conflict; `mutable` rows merge last-writer-wins
 * by hub order. `uniqueKeys` are the natural keys besides `id` (a pulled row can collide with a
 * different local row on them). Order matters: parents before children, for foreign keys.
 */
export interface SyncedTable {
  name: string;
  kind: 'ledger' | 'mutable';
  columns: readonly string[];
  uniqueKeys: readonly (readonly string[])[];
  /** Devices never write it; only the hub does (pulled only, no outbox trigger). */
  hubOnly?: boolean;
  /**
   * Local columns that are not synced: derived from synced rows (remaining prints, event totals)
   * or observed by this device (a booth's status, last seen). Never pushed, never pulled; updating
   * only these queues nothing (the update trigger is `AFTER UPDATE OF <columns>`).
   */
  localColumns?: readonly string[];
  /** Extra condition on NEW for queuing a local row (e.g. booth locations are derived, not pushed). */
  pushWhen?: string;
}

const META = ['created_at', 'updated_at', 'deleted_at', 'origin_device'] as const;

/**
 * The columns every synced row carries that are bookkeeping, not content: when and where a version
 * was created or written. Two versions of a row that differ only there (and in `id`, for rows of a
 * natural key, and in when `deleted_at` removed them rather than whether) say the same thing, so
 * they are no conflict: the hub's `opsdeck_row_content` (hub migration 20261211010001) and a
 * device settling a natural-key clash (`sameContent`, repos/syncStateApply.ts) apply this rule.
 */
export const BOOKKEEPING_COLUMNS = ['created_at', 'updated_at', 'origin_device'] as const;

export const SYNCED_TABLES: readonly SyncedTable[] = [
  { name: 'devices', kind: 'mutable', columns: ['id', 'name', 'mode', 'platform', 'last_seen_at', ...META], uniqueKeys: [] },
  { name: 'users', kind: 'mutable', columns: ['id', 'email', 'display_name', 'role', 'active', ...META], uniqueKeys: [['email']] },
  {
    name: 'settings',
    kind: 'mutable',
    columns: ['id', 'scope', 'device_id', 'key', 'value', ...META],
    uniqueKeys: [['scope', 'device_id', 'key']],
  },
  {
    name: 'audit_log',
    kind: 'ledger',
    columns: ['id', 'at', 'user_id', 'action', 'target', 'outcome', 'details', ...META],
    uniqueKeys: [],
  },
  // Catalog (admin writes; installers only receive purchase orders).
  {
    name: 'products',
    kind: 'mutable',
    columns: [
      'id',
      'sku',
      'name',
      'description',
      'category',
      'unit',
      'price',
      'cost',
      'supplier',
      'lead_time_days',
      'moq',
      'pack_size',
      'service_level',
      'reorder_point',
      'eco_score',
      'eco_details',
      'active',
      'notion_page_id',
      ...META,
    ],
    uniqueKeys: [['sku']],
  },
  {
    name: 'services',
    kind: 'mutable',
    columns: ['id', 'title', 'description', 'duration_min', 'benefits', 'price', 'active', 'notion_page_id', ...META],
    uniqueKeys: [],
  },
  {
    // Booth locations (id = booth id) are derived from booths on every device and on the hub: only warehouses and vans are pushed.
    name: 'locations',
    kind: 'mutable',
    columns: ['id', 'name', 'kind', 'booth_id', 'active', ...META],
    uniqueKeys: [],
    pushWhen: "NEW.kind <> 'booth'",
  },
  {
    name: 'booths',
    kind: 'mutable',
    columns: [
      'id',
      'name',
      'hostname',
      'mac',
      'pc_address',
      'tailscale_address',
      'router_address',
      'router_wol_port',
      'pc_probe_port',
      'router_probe_port',
      'wol_port',
      'wol_routes',
      'wake_before_event_min',
      'roll_capacity',
      'warning_threshold',
      'critical_threshold',
      'prints_per_copy',
      ...META,
      'initial_prints',
    ],
    // remaining_prints = initial_prints + Σ counter prints_delta; the rest is what this device observed.
    localColumns: ['remaining_prints', 'router_connected', 'pc_connected', 'last_seen', 'status'],
    uniqueKeys: [],
  },
  {
    // One row per booth (id = booth_id): the optional secret in its dslrBooth trigger URL.
    name: 'booth_trigger_secrets',
    kind: 'mutable',
    columns: ['id', 'booth_id', 'secret', ...META],
    uniqueKeys: [['booth_id']],
  },
  {
    name: 'events',
    kind: 'mutable',
    columns: [
      'id',
      'notion_page_id',
      'booth_id',
      'client_name',
      'event_type',
      'starts_at',
      'ends_at',
      'album_name',
      'status',
      'snapshot',
      ...META,
      'client_id',
      'place',
      'capacity',
    ],
    // Totals follow the counter ledger (local and pulled rows alike).
    localColumns: ['sessions', 'captures', 'prints', 'digital', 'gifs', 'uploads'],
    uniqueKeys: [['notion_page_id']],
  },
  {
    name: 'purchase_orders',
    kind: 'mutable',
    columns: ['id', 'product_id', 'location_id', 'quantity', 'received_quantity', 'expected_at', 'status', 'supplier', ...META],
    uniqueKeys: [],
  },
  {
    // Balances (stock_balances) follow by trigger on every insert, pulled ones included.
    name: 'stock_movements',
    kind: 'ledger',
    columns: [
      'id',
      'product_id',
      'location_id',
      'to_location_id',
      'type',
      'quantity',
      'direction',
      'delta',
      'reason',
      'occurred_at',
      'source',
      'user_id',
      'idempotency_key',
      ...META,
    ],
    uniqueKeys: [],
  },
  {
    name: 'booth_counter_events',
    kind: 'ledger',
    columns: [
      'id',
      'booth_id',
      'event_id',
      'kind',
      'count',
      'correction',
      'prints_delta',
      'occurred_at',
      'trigger_type',
      'raw_trigger',
      'user_id',
      ...META,
    ],
    uniqueKeys: [],
  },
  {
    name: 'booth_health',
    kind: 'ledger',
    columns: [
      'id',
      'booth_id',
      'sampled_at',
      'cpu_pct',
      'mem_used_pct',
      'disk_free_bytes',
      'disk_free_pct',
      'temperature_c',
      'battery_pct',
      'uptime_s',
      'latency_ms',
      ...META,
    ],
    uniqueKeys: [],
  },
  {
    name: 'speed_tests',
    kind: 'ledger',
    columns: ['id', 'booth_id', 'tested_at', 'url', 'down_mbps', 'up_mbps', 'ping_ms', 'error', ...META],
    uniqueKeys: [],
  },
  {
    name: 'wake_commands',
    kind: 'mutable',
    columns: [
      'id',
      'booth_id',
      'route',
      'state',
      'reason',
      'requested_by',
      'requested_at',
      'sent_at',
      'resolved_at',
      'deadline_at',
      'claimed_by',
      'targets',
      'error',
      ...META,
    ],
    uniqueKeys: [],
  },
  {
    // What drives a product's demand (history or the event calendar): set by admins, one row per product.
    name: 'product_demand_drivers',
    kind: 'mutable',
    columns: ['id', 'product_id', 'driver', 'per_unit', ...META],
    uniqueKeys: [['product_id']],
  },
  {
    // The weekdays a supplier takes orders (bit d = 1 << d, 0 Sunday … 6 Saturday), its products'
    // review period: admins set them, staff read them. One row per supplier, id = the supplier's
    // name, so two devices' entries are one row (last push wins, the other is in the conflict log).
    name: 'supplier_order_days',
    kind: 'mutable',
    columns: ['id', 'supplier', 'weekdays', ...META],
    uniqueKeys: [['supplier']],
  },
  // Who works which event (issue 18, item 6): admins assign; installers read their own rows and,
  // through them, the clients of their events only (hub pull order 215, before the clients).
  {
    name: 'event_staff',
    kind: 'mutable',
    columns: ['id', 'event_id', 'user_id', 'site_role', ...META],
    uniqueKeys: [['event_id', 'user_id']],
  },
  // The office's paperwork (issue 18): clients before what points at them; admins write, viewers
  // read, installers read the clients of the events they work (hub RLS).
  {
    name: 'clients',
    kind: 'mutable',
    columns: [
      'id',
      'kind',
      'name',
      'company_id',
      'email',
      'phone',
      'address',
      'notes',
      'tags',
      'source',
      'stage',
      'lost_reason',
      'next_action',
      'next_action_at',
      'merged_into',
      ...META,
    ],
    uniqueKeys: [],
  },
  {
    name: 'client_stage_changes',
    kind: 'ledger',
    columns: ['id', 'client_id', 'from_stage', 'to_stage', 'reason', 'at', 'user_id', ...META],
    uniqueKeys: [],
  },
  {
    // Messages drafted for a client (the assistant's drafts, saved to the client's history).
    name: 'client_messages',
    kind: 'mutable',
    columns: ['id', 'client_id', 'event_id', 'kind', 'text', 'drafted_at', 'user_id', 'source_message_id', ...META],
    uniqueKeys: [],
  },
  {
    name: 'quotes',
    kind: 'mutable',
    columns: [
      'id',
      'number',
      'year',
      'series',
      'seq',
      'client_id',
      'status',
      'lang',
      'issued_at',
      'valid_until',
      'event_type',
      'event_starts_at',
      'event_ends_at',
      'place',
      'booth_id',
      'notes',
      'vat_rounding',
      'total_ht',
      'total_tva',
      'total_ttc',
      'event_id',
      'decided_at',
      ...META,
    ],
    uniqueKeys: [['number'], ['year', 'series', 'seq']],
  },
  {
    name: 'quote_lines',
    kind: 'mutable',
    columns: [
      'id',
      'quote_id',
      'position',
      'service_id',
      'product_id',
      'label',
      'quantity',
      'unit_price',
      'discount_pct',
      'vat_rate',
      'line_ht',
      ...META,
    ],
    uniqueKeys: [],
  },
  {
    name: 'customer_orders',
    kind: 'mutable',
    columns: [
      'id',
      'number',
      'year',
      'series',
      'seq',
      'client_id',
      'status',
      'location_id',
      'ordered_at',
      'fulfilled_at',
      'notes',
      'total_ht',
      'total_tva',
      'total_ttc',
      ...META,
    ],
    uniqueKeys: [['number'], ['year', 'series', 'seq']],
  },
  {
    name: 'customer_order_lines',
    kind: 'mutable',
    columns: ['id', 'order_id', 'position', 'product_id', 'quantity', 'unit_price', 'vat_rate', 'line_ht', ...META],
    uniqueKeys: [],
  },
  {
    name: 'registrations',
    kind: 'mutable',
    columns: ['id', 'event_id', 'client_id', 'name', 'email', 'seats', 'status', 'registered_at', ...META],
    uniqueKeys: [],
  },
  {
    name: 'delivery_notes',
    kind: 'mutable',
    columns: [
      'id',
      'file_name',
      'file_sha256',
      'mime',
      'supplier',
      'location_id',
      'status',
      'pages',
      'ocr_text',
      'booked_lines',
      'booked_at',
      ...META,
    ],
    uniqueKeys: [],
  },
  // Event checklists (issue 16): admins edit templates; installers tick the items of each event.
  { name: 'checklist_templates', kind: 'mutable', columns: ['id', 'name', 'items', 'is_default', ...META], uniqueKeys: [] },
  {
    name: 'checklist_items',
    kind: 'mutable',
    columns: [
      'id',
      'event_id',
      'template_id',
      'section',
      'position',
      'label',
      'required',
      'done_at',
      'done_by',
      'done_by_name',
      'note',
      'photo',
      ...META,
    ],
    uniqueKeys: [['event_id', 'template_id', 'position']],
  },
  {
    name: 'conflicts',
    kind: 'ledger',
    hubOnly: true,
    columns: ['id', 'table_name', 'row_id', 'winner', 'loser', 'winner_device', 'loser_device', 'detected_at', ...META],
    uniqueKeys: [],
  },
];

const BY_NAME = new Map(SYNCED_TABLES.map((t) => [t.name, t]));

export function syncedTable(name: string): SyncedTable | undefined {
  return BY_NAME.get(name);
}

/** Tables a device pushes (hub-only ones are pulled only). */
export const PUSHED_TABLES = SYNCED_TABLES.filter((t) => !t.hubOnly);
