import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '@core/demo/users.js';
import { seedDemoCatalog } from '@core/demo/catalog.js';
import { seedDemoBooths } from '@core/demo/booths.js';
import { seedDemoStock } from '@core/demo/stock.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

let core: TestCore;
beforeEach(() => {
  core = createTestCore();
  for (const seed of [seedDemoUsers, seedDemoCatalog, seedDemoBooths, seedDemoStock]) seed(core.ctx);
});
afterEach(() => core.dispose());

describe('demo catalog and stock', () => {
  it('seeds ~200 products and services with eco data, and two years of consistent ledger', async () => {
    const products = await core.router.call('catalog.products.list', { limit: 1000 });
    const services = await core.router.call('catalog.services.list', {});
    expect(products.total + services.length).toBeGreaterThan(150);
    expect(products.items.every((p) => p.ecoScore !== null && p.supplier !== '' && p.moq > 0 && p.packSize > 0)).toBe(true);
    const db = core.ctx.db;
    const span = db.prepare('SELECT (max(occurred_at) - min(occurred_at)) / 86400000.0 FROM stock_movements').pluck().get() as number;
    expect(span).toBeGreaterThan(700);
    // The balance table is exactly the sum of the ledger (transfers credit their destination).
    // One pass over the ledger, grouped, then joined: a correlated sum per balance row rescans a
    // location's whole ledger each time (tens of seconds on a loaded machine).
    const ledger = `WITH flows AS (
        SELECT product_id, location_id AS loc, sum(delta) AS q FROM stock_movements GROUP BY product_id, location_id
        UNION ALL
        SELECT product_id, to_location_id, sum(quantity) FROM stock_movements WHERE to_location_id IS NOT NULL GROUP BY product_id, to_location_id
      ) SELECT product_id, loc, sum(q) AS q FROM flows GROUP BY product_id, loc`;
    const drift = db
      .prepare(
        `SELECT count(*) FROM stock_balances b LEFT JOIN (${ledger}) l ON l.product_id = b.product_id AND l.loc = b.location_id WHERE abs(b.on_hand - coalesce(l.q, 0)) > 1e-9`,
      )
      .pluck()
      .get();
    expect(drift).toBe(0);
    // And no stock moved on the ledger is missing from the balance table.
    const unbalanced = db
      .prepare(
        `SELECT count(*) FROM (${ledger}) l LEFT JOIN stock_balances b ON b.product_id = l.product_id AND b.location_id = l.loc WHERE b.product_id IS NULL AND abs(l.q) > 1e-9`,
      )
      .pluck()
      .get();
    expect(unbalanced).toBe(0);
    expect(db.prepare('SELECT count(*) FROM stock_balances').pluck().get()).toBeGreaterThan(100);
    expect(db.prepare('SELECT count(*) FROM stock_balances WHERE on_hand < 0').pluck().get()).toBe(0);
    // Weekends sell more than weekdays (weekly season), summer more than winter (yearly season).
    const byDow = db
      .prepare(
        "SELECT strftime('%w', occurred_at / 1000, 'unixepoch') AS d, sum(quantity) AS q FROM stock_movements WHERE type = 'out' GROUP BY d",
      )
      .all() as Array<{ d: string; q: number }>;
    const q = Object.fromEntries(byDow.map((r) => [r.d, r.q]));
    expect(q['6']!).toBeGreaterThan(q['2']! * 1.5);
    const season = db
      .prepare(
        "SELECT strftime('%m', occurred_at / 1000, 'unixepoch') AS m, sum(quantity) AS q FROM stock_movements WHERE type = 'out' GROUP BY m",
      )
      .all() as Array<{ m: string; q: number }>;
    const sm = Object.fromEntries(season.map((r) => [r.m, r.q]));
    expect(sm['07']!).toBeGreaterThan(sm['01']! * 1.5);
    expect(db.prepare("SELECT count(*) FROM stock_movements WHERE type = 'transfer'").pluck().get()).toBeGreaterThan(0);
  });
});
