import { setPaperStock } from '../modules/booths/index.js';
import type { CoreContext } from '../context.js';

/** The demo booths print on DNP DS620 10x15 rolls, sold by cartons of two: reloads book them out of that stock. */
export function seedDemoPaperStock(ctx: CoreContext): void {
  const id = ctx.db
    .prepare("SELECT id FROM products WHERE name = 'Papier DNP DS620 10x15 – 2 rouleaux' AND deleted_at IS NULL")
    .pluck()
    .get() as string | undefined;
  if (id) setPaperStock(ctx.db, { productId: id, rollsPerUnit: 2 }, { now: ctx.clock.now(), device: ctx.deviceId });
}
