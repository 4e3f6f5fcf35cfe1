import { setDriver } from '../db/repos/demandDrivers.js';
import type { CoreContext } from '../context.js';

/**
 * The booths print on DNP DS620 10x15 paper (700 prints a roll, two rolls a carton), so that
 * carton is forecast from the event calendar; screen wipes go one pack per event. Everything
 * else keeps its own sales history.
 */
const DEMO_DRIVERS: ReadonlyArray<{ name: string; driver: 'event_prints' | 'event_count'; perUnit: number }> = [
  { name: 'Papier DNP DS620 10x15 – 2 rouleaux', driver: 'event_prints', perUnit: 1 / 1400 },
  { name: 'Lingettes écran – unité', driver: 'event_count', perUnit: 1 },
];

export function seedDemoDrivers(ctx: CoreContext): void {
  const stamp = { now: ctx.clock.now(), device: ctx.deviceId };
  const find = ctx.db.prepare('SELECT id FROM products WHERE name = ? AND deleted_at IS NULL').pluck();
  for (const d of DEMO_DRIVERS) {
    const id = find.get(d.name) as string | undefined;
    if (id) setDriver(ctx.db, id, { driver: d.driver, perUnit: d.perUnit }, stamp);
  }
}
