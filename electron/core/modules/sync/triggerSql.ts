import type { SyncedTable } from './tables.js';

/**
 * The outbox triggers of one synced table, as a local migration contains them. Kept as code so
 * the migration text is generated from the registry (npm run sync:triggers) rather than typed.
 * Triggers are skipped while pulled rows are applied (sync_flags.applying = 1), so pulls never echo.
 */
export function outboxTriggerSql(t: SyncedTable): string {
  const when = 'WHEN (SELECT applying FROM sync_flags) = 0';
  const ins = `INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('${t.name}', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));`;
  const parts = [`CREATE TRIGGER ${t.name}_outbox_insert AFTER INSERT ON ${t.name} ${when}\nBEGIN ${ins} END;`];
  if (t.kind === 'mutable') parts.push(`CREATE TRIGGER ${t.name}_outbox_update AFTER UPDATE ON ${t.name} ${when}\nBEGIN ${ins} END;`);
  return parts.join('\n');
}
