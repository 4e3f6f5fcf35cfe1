import type { CoreContext } from '@core/context.js';
import { currentSchemaVersion } from '@core/db/migrate.js';

export interface HealthReport {
  ok: boolean;
  uptimeSeconds: number;
  checks: Array<{ name: string; ok: boolean; detail: string }>;
}

/** Cheap checks only: this runs on the thread that serves IPC. */
export function checkHealth(ctx: CoreContext): HealthReport {
  const checks: HealthReport['checks'] = [];
  try {
    const mode = ctx.db.pragma('journal_mode', { simple: true });
    checks.push({
      name: 'database',
      ok: true,
      detail: `SQLite ${ctx.db.prepare('select sqlite_version() v').pluck().get()} (${String(mode)})`,
    });
    checks.push({ name: 'wal', ok: mode === 'wal' || ctx.dbPath === ':memory:', detail: String(mode) });
    checks.push({ name: 'foreign_keys', ok: ctx.db.pragma('foreign_keys', { simple: true }) === 1, detail: 'on' });
    checks.push({ name: 'schema', ok: true, detail: `v${currentSchemaVersion(ctx.db)}` });
  } catch (e) {
    checks.push({ name: 'database', ok: false, detail: String(e) });
  }
  checks.push({
    name: 'secrets',
    ok: ctx.secrets.available(),
    detail: ctx.secrets.available() ? ctx.secrets.kind : 'no protected storage on this system',
  });
  return { ok: checks.every((c) => c.ok), uptimeSeconds: Math.round((ctx.clock.now() - ctx.startedAt) / 1000), checks };
}
