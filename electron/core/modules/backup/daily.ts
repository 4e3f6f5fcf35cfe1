import { listBackups, pruneBackups, writeBackup } from '@core/db/backup.js';
import type { CoreContext } from '@core/context.js';

const DAY = 24 * 60 * 60 * 1000;
export const DAILY_BACKUPS_KEPT = 14;

/** Makes today's backup when the newest daily one is a day old, then rotates. Returns the new file or null. */
export function runDailyBackup(ctx: Pick<CoreContext, 'db' | 'dataDir' | 'dbPath' | 'clock' | 'log'>): string | null {
  if (ctx.dbPath === ':memory:') return null;
  const now = ctx.clock.now();
  const last = listBackups(ctx.dataDir).find((b) => b.reason === 'daily');
  if (last && now - last.createdAt < DAY) return null;
  try {
    const made = writeBackup(ctx.db, ctx.dataDir, 'daily', now);
    pruneBackups(ctx.dataDir, 'daily', DAILY_BACKUPS_KEPT);
    ctx.log.info('daily backup written', { file: made.file });
    return made.file;
  } catch (e) {
    ctx.log.error('daily backup failed', { error: String(e) });
    return null;
  }
}

/** Checks at start-up and every hour; the timer never keeps the process alive. */
export function startDailyBackups(ctx: Pick<CoreContext, 'db' | 'dataDir' | 'dbPath' | 'clock' | 'log'>): () => void {
  runDailyBackup(ctx);
  const timer = setInterval(() => runDailyBackup(ctx), 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
