import { describe, expect, it } from 'vitest';
import { seedDemoUsers } from '@core/demo/users.js';
import { seedDemoCatalog } from '@core/demo/catalog.js';
import { seedDemoBooths } from '@core/demo/booths.js';
import { seedDemoStock } from '@core/demo/stock.js';
import { createTestCore } from '../fixtures/core.js';

describe('the demo’s demand before stock caps it (onDemand, for bench/forecast-leadtime.ts)', () => {
  it('a day’s sales are its demand while stock lasts and less than it on the days the shelf ran empty', () => {
    const c = createTestCore();
    try {
      for (const seed of [seedDemoUsers, seedDemoCatalog, seedDemoBooths]) seed(c.ctx);
      const heard = new Map<string, number>();
      seedDemoStock(c.ctx, { onDemand: (id, day, q) => heard.set(`${id}|${day}`, q) });
      const DAY = 86_400_000;
      const sold = new Map(
        (
          c.ctx.db
            .prepare(
              `SELECT product_id, (occurred_at / ${DAY}) * ${DAY} AS day, sum(quantity) FROM stock_movements WHERE type = 'out' GROUP BY 1, 2`,
            )
            .raw()
            .all() as Array<[string, number, number]>
        ).map(([id, day, q]) => [`${id}|${day}`, q]),
      );
      expect(heard.size).toBeGreaterThan(100 * 700);
      let short = 0;
      let over = 0;
      for (const [k, q] of sold) {
        const d = heard.get(k) ?? -1;
        if (d < q) over++;
        else if (d > q) short++;
      }
      // Never more sold than demanded.
      expect(over).toBe(0);
      // Every sale was heard as demand; some days demand went beyond what was on the shelf (stock-outs).
      let unsold = 0;
      for (const [k, q] of heard) if (q > 0 && !sold.has(k)) unsold++;
      expect(short + unsold).toBeGreaterThan(0);
      expect(short + unsold).toBeLessThan(heard.size / 10);
    } finally {
      c.dispose();
    }
  });
});
