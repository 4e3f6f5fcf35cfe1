import { deviceTimeZone, gridDayIndex } from '@shared/days.js';
import type Database from 'better-sqlite3';

type Db = Database.Database;

/**
 * The forecast's day grid in SQL (issue 17): `grid_day(ms)` is the number of days from 1970-01-01
 * to the calendar date `ms` has on this device's clock (shared/days.ts gridDay), an INTEGER (a
 * BigInt to better-sqlite3; a plain number would reach SQLite as REAL and print "25.0" in the
 * trigger's JSON paths). NULL stays NULL. Registered on every connection (openDatabase): the
 * stock_days trigger (migration 0246) calls it, so a connection without it cannot write the ledger.
 * The trigger asks for the same line's day several times: the last answer is kept.
 */
let lastMs = NaN;
let lastDay = 0n;
let lastZone: string | undefined;
export function gridDaySql(ms: unknown): bigint | null {
  if (typeof ms === 'bigint') ms = Number(ms);
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return null;
  // process.env.TZ can change while the process runs (Node applies it at once): not the same day then.
  const zone = process.env.TZ;
  if (ms !== lastMs || zone !== lastZone) {
    lastMs = ms;
    lastZone = zone;
    lastDay = BigInt(gridDayIndex(ms));
  }
  return lastDay;
}

export function registerGridDay(db: Db): void {
  db.function('grid_day', { deterministic: true }, gridDaySql);
  // The zone the grid days are computed in, for migration 0246 to record with the rows it builds.
  db.function('device_time_zone', { deterministic: false }, () => deviceTimeZone());
}

/** local_state key: the time zone stock_days' days were computed in. */
export const STOCK_DAYS_ZONE_KEY = 'stock_days_zone';

/**
 * stock_days computed again from the whole ledger, in this device's time zone: the same rows the
 * trigger keeps line by line (0246), summed in one pass. Whole numbers written as integers (0242).
 */
export function rebuildStockDays(db: Db): void {
  const whole = (v: string) => `iif(${v} = CAST(${v} AS INTEGER), CAST(${v} AS INTEGER), ${v})`;
  const slot = (col: string) => Array.from({ length: 32 }, (_, i) => whole(`SUM(CASE WHEN slot = ${i} THEN ${col} ELSE 0 END)`)).join(', ');
  db.exec('DELETE FROM stock_days');
  // Floor division for days before 1970 (negative day numbers), as the trigger does.
  db.exec(`INSERT INTO stock_days (product_id, block, days, net_total, sold, net)
    SELECT product_id, (day - slot) / 32, SUM(1 << slot), SUM(net), json_array(${slot('sold')}), json_array(${slot('net')})
    FROM (SELECT product_id, day, ((day % 32) + 32) % 32 AS slot, sold, net FROM (
      SELECT product_id, grid_day(occurred_at) AS day, SUM(CASE WHEN type = 'out' THEN quantity ELSE 0 END) AS sold, SUM(delta) AS net
        FROM stock_movements WHERE type <> 'transfer' GROUP BY product_id, grid_day(occurred_at)))
    GROUP BY product_id, (day - slot) / 32`);
}

/**
 * stock_days holds days of the time zone it was built in: when this device's zone differs (a laptop
 * taken abroad, the system zone changed, the first start after 0246), it is rebuilt once, in one
 * transaction, before anything reads it. True when it rebuilt.
 */
export function ensureStockDaysZone(db: Db): boolean {
  const zone = deviceTimeZone();
  const get = db.prepare('SELECT value FROM local_state WHERE key = ?').pluck();
  if (get.get(STOCK_DAYS_ZONE_KEY) === zone) return false;
  db.transaction(() => {
    rebuildStockDays(db);
    db.prepare('INSERT INTO local_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      STOCK_DAYS_ZONE_KEY,
      zone,
    );
  })();
  return true;
}
