import { instantiateChecklist } from '../modules/checklists/index.js';
import type { CoreContext } from '../context.js';

/** Every upcoming or running demo event carries the built-in checklist (as new events do). */
export function seedDemoChecklists(ctx: CoreContext): void {
  const ids = ctx.db.prepare("SELECT id FROM events WHERE status = 'active' AND deleted_at IS NULL").pluck().all() as string[];
  for (const id of ids) instantiateChecklist(ctx, id);
}
