import type { SyncedTable } from '@core/db/syncedTables.js';

/**
 * The outbox triggers of one synced table, as a local migration contains them. Kept as code so
 * the migration text is generated from the registry (npm run sync:triggers) rather than typed.
 * Triggers are skipped while pulled rows are applied (sync_flags.applying = 1), so pulls never echo.
 * The update trigger fires only when a synced column is in the UPDATE (`AFTER UPDATE OF …`), so a
 * write of local-only columns (derived totals, observed status) queues nothing.
 */
export function outboxTriggerSql(t: SyncedTable): string {
  const when = `WHEN (SELECT applying FROM sync_flags) = 0${t.pushWhen ? ` AND ${t.pushWhen}` : ''}`;
  const ins = `INSERT INTO outbox (table_name, row_id, queued_at) VALUES ('${t.name}', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));`;
  const parts = [`CREATE TRIGGER ${t.name}_outbox_insert AFTER INSERT ON ${t.name} ${when}\nBEGIN ${ins} END;`];
  if (t.kind === 'mutable') {
    const of = t.localColumns?.length ? ` OF ${t.columns.filter((c) => c !== 'id').join(', ')}` : '';
    parts.push(`CREATE TRIGGER ${t.name}_outbox_update AFTER UPDATE${of} ON ${t.name} ${when}\nBEGIN ${ins} END;`);
  }
  return parts.join('\n');
}
