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
}

const META = ['created_at', 'updated_at', 'deleted_at', 'origin_device'] as const;

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
