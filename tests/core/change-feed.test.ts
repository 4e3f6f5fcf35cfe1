import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '@core/entry.js';
import { memoryLogger } from '@core/ports/log.js';
import { recordTrigger, parseTrigger } from '@core/modules/booths/index.js';
import { startForecastSchedule } from '@core/modules/forecast/schedule.js';
import { watchExternalWrites } from '@core/changes.js';
import type { PushEvent } from '@shared/rpc.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

let core: TestCore;
let pushed: PushEvent[];
const changes = () => pushed.filter((e) => e.event === 'data.changed').map((e) => e.payload as { tables: string[]; ids?: string[] });

beforeEach(() => {
  core = createTestCore();
  pushed = [];
  core.ctx.events.subscribe((e) => pushed.push(e));
});
afterEach(() => core.dispose());

const csv = (rows: string[]) => Buffer.from(['id;date;sku;type;quantité', ...rows].join('\n')).toString('base64');

describe('data.changed: one push event from every write path', () => {
  it('a router mutation names the tables and rows it wrote; queries and refused or empty mutations send nothing', async () => {
    const loc = await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' });
    expect(changes()).toEqual([{ tables: expect.arrayContaining(['locations']), ids: expect.arrayContaining([loc.id]) }]);
    pushed.length = 0;
    const p = await core.router.call('catalog.products.create', { sku: 'A-1', name: 'Article', unit: 'pce' } as never);
    const m = await core.router.call('stock.record', { productId: p.id, locationId: loc.id, type: 'in', quantity: 5 });
    expect(changes()).toEqual([
      { tables: ['products'], ids: [p.id] },
      { tables: ['stock_movements'], ids: [m.id] },
    ]);
    pushed.length = 0;
    await core.router.call('stock.summary', {});
    await expect(core.router.call('stock.record', { productId: 'nope', locationId: loc.id, type: 'in', quantity: 5 })).rejects.toBeTruthy();
    expect(changes()).toEqual([]);
  });

  it('a CSV import committed on the worker thread is announced once, without ids past 200 rows', async () => {
    const loc = await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' });
    await core.router.call('catalog.products.create', { sku: 'A-1', name: 'Article', unit: 'pce' } as never);
    void loc;
    pushed.length = 0;
    const rows = Array.from({ length: 250 }, (_, i) => `M-${i};2026-11-20;A-1;entrée;1`);
    const r = await core.router.call('csv.importMovements', { kind: 'movements', contentBase64: csv(rows) });
    expect(r.created).toBe(250);
    expect(changes()).toEqual([{ tables: ['stock_movements'] }]);
  });

  it('the booth agent’s trigger (not a router call) is announced', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne A' });
    pushed.length = 0;
    const t = parseTrigger('/dslrbooth?event_type=printing&param1=photo.jpg&param2=2');
    if (!t.ok) throw new Error(t.error);
    const c = recordTrigger(core.ctx, b.id, t.trigger, 'raw');
    expect(changes()).toEqual([{ tables: ['booth_counter_events', 'booths'], ids: [c.id, b.id] }]);
  });

  it('another connection’s commit on the same file is announced by the watcher (no timer)', async () => {
    const stop = watchExternalWrites(core.ctx);
    try {
      const loc = await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' });
      pushed.length = 0;
      const other = createCore({
        dbPath: core.ctx.dbPath,
        dataDir: path.dirname(core.ctx.dbPath),
        shell: 'headless',
        log: memoryLogger(),
        services: false,
      });
      try {
        await other.router.call('catalog.products.create', { sku: 'EXT-1', name: 'Venu d’ailleurs', unit: 'pce' } as never);
      } finally {
        other.close();
      }
      await expect.poll(() => changes().length, { timeout: 5000 }).toBeGreaterThan(0);
      expect(changes()[0]!.tables).toEqual(expect.arrayContaining(['products', 'booths', 'alerts']));
      void loc;
    } finally {
      stop();
    }
    expect(fs.existsSync(core.ctx.dbPath)).toBe(true);
  });
});

describe('the forecast schedule listens to the feed, not to channel names', () => {
  const fast = { firstRunMs: 60_000, checkEveryMs: 60_000, afterChangeMs: 20 };
  const runs = () => core.ctx.db.prepare('SELECT COUNT(*) FROM forecast_runs').pluck().get() as number;

  it('a movements import starts a run soon after; a write of unrelated tables does not', async () => {
    const loc = await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' });
    await core.router.call('catalog.products.create', { sku: 'A-1', name: 'Article', unit: 'pce' } as never);
    void loc;
    const stop = startForecastSchedule(core.ctx, fast);
    try {
      await core.router.call('booths.create', { name: 'Borne A' });
      await new Promise((r) => setTimeout(r, 200));
      expect(runs()).toBe(0);
      await core.router.call('csv.importMovements', { kind: 'movements', contentBase64: csv(['S-1;2026-11-20;A-1;entrée;3']) });
      await expect.poll(runs, { timeout: 10_000 }).toBe(1);
    } finally {
      stop();
    }
  }, 30_000);
});
