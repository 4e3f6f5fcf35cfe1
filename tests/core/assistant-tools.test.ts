import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assistantRig, DAY, toolMessagesSent, type AssistantRig } from '../fixtures/assistant.js';
import type { ChatRule } from '../../electron/dev/ollama-double/server.js';

/** The double calls one tool for a question "tool:<name> <json args>", then answers "Voilà." */
const RULES: ChatRule[] = [
  {
    when: /^tool:/,
    steps: [
      {
        toolCalls: (req) => {
          const q = req.messages.filter((m) => m.role === 'user').at(-1)!.content;
          const [, name, json] = /^tool:(\S+)\s*(.*)$/.exec(q)!;
          return [{ name: name!, arguments: json ? (JSON.parse(json) as Record<string, unknown>) : {} }];
        },
      },
      { content: 'Voilà.' },
    ],
  },
];

let rig: AssistantRig;
beforeEach(async () => {
  rig = await assistantRig({ rules: RULES });
});
afterEach(() => rig.dispose());

async function cardOf(name: string, args: Record<string, unknown> = {}) {
  const { answer } = await rig.ask(`tool:${name} ${JSON.stringify(args)}`);
  expect(answer.status).toBe('done');
  expect(answer.cards).toHaveLength(1);
  return answer.cards[0]!;
}

describe('assistant read-only tools return what the screens show', () => {
  it('stock of a product by SKU, by name and by an approximate name: the balances of the stock screen', async () => {
    const balances = await rig.core.router.call('stock.balances', { productId: rig.ids.paper });
    for (const ref of ['PAP-4X6', 'Papier photo 4x6 (rouleau 400)', 'papiers photo rouleau']) {
      const card = await cardOf('stock_of_product', { product: ref });
      expect(card.error).toBeNull();
      expect(card.rows.map((r) => [r.location, r.onHand])).toEqual(balances.map((b) => [b.locationName, b.onHand]));
      expect(card.link).toBe(`#/catalog/product/${rig.ids.paper}`);
    }
    expect((await cardOf('stock_of_product', { product: 'xylophone' })).error).toBe('No such product');
  });

  it('low stock and what to order this week: the stock alert list and the replenishment lines', async () => {
    const low = await rig.core.router.call('stock.lowStock', {});
    expect(low.length).toBeGreaterThan(0);
    expect((await cardOf('low_stock')).rows.map((r) => [r.sku, r.onHand, r.reorderPoint])).toEqual(
      low.map((l) => [l.sku, l.onHand, l.reorderPoint]),
    );
    await rig.core.router.call('forecast.run', { mode: 'full' });
    const lines = await rig.core.router.call('forecast.replenishment', { withinDays: 7 });
    expect(lines.length).toBeGreaterThan(0);
    const card = await cardOf('to_order_this_week');
    expect(card.rows.map((r) => [r.sku, r.quantity, r.onHand])).toEqual(lines.map((l) => [l.sku, l.quantity, l.onHand]));
    expect(card.link).toBe('#/forecasts/replenishment');
  });

  it("an order waiting for its supplier's order day is 'order_on_day' on that day, not 'order now'", async () => {
    // Paper runs low (order now); its supplier takes orders only two days from today.
    const today = Math.floor(rig.core.clock.now() / DAY) * DAY;
    const orderDay = new Date(today + 2 * DAY).getUTCDay();
    await rig.core.router.call('forecast.orderDays.set', { supplier: 'DNP France', weekdays: [orderDay] });
    await rig.core.router.call('forecast.run', { mode: 'full' });
    const f = await rig.core.router.call('forecast.product', { productId: rig.ids.paper });
    expect(f.row.status).toBe('order_now');
    const on = new Date(today + 2 * DAY).toISOString().slice(0, 10);
    expect(new Date(f.row.orderBy!).toISOString().slice(0, 10)).toBe(on);
    const [pf] = (await cardOf('product_forecast', { product: 'PAP-4X6' })).rows;
    expect(pf).toMatchObject({ sku: 'PAP-4X6', status: 'order_on_day', orderBy: on });
    const line = (await cardOf('to_order_this_week')).rows.find((r) => r.sku === 'PAP-4X6');
    expect(line).toMatchObject({ status: 'order_on_day', orderBy: on });
    // With orders taken today, it is order now again.
    await rig.core.router.call('forecast.orderDays.set', { supplier: 'DNP France', weekdays: [new Date(today).getUTCDay()] });
    expect((await cardOf('product_forecast', { product: 'PAP-4X6' })).rows[0]).toMatchObject({ status: 'order_now' });
  });

  it("a product's forecast: reorder point, suggested quantity and stock-out of the forecast screen", async () => {
    await rig.core.router.call('forecast.run', { mode: 'full' });
    const f = await rig.core.router.call('forecast.product', { productId: rig.ids.frame });
    const [row] = (await cardOf('product_forecast', { product: 'CAD-MAG' })).rows;
    expect(row).toMatchObject({ sku: 'CAD-MAG', onHand: f.row.onHand, reorderPoint: f.row.reorderPoint, suggestedQty: f.row.suggestedQty });
    const p50 = f.forecast.slice(0, 7).reduce((s, x) => s + x.p50, 0);
    expect(row!.p50).toBeCloseTo(p50, 0);
  });

  it('booths, events of a period, alerts and sales', async () => {
    const booths = await rig.core.router.call('booths.list', {});
    expect((await cardOf('booth_status')).rows.map((r) => [r.booth, r.remainingPrints])).toEqual(
      booths.map((b) => [b.name, b.remainingPrints]),
    );
    const from = new Date(rig.core.clock.now()).toISOString().slice(0, 10);
    const to = new Date(rig.core.clock.now() + 6 * DAY).toISOString().slice(0, 10);
    const events = await cardOf('events_of_period', { from, to });
    expect(events.rows.map((r) => r.client)).toEqual(['Mariage Dupont']);
    expect(events.rows[0]).toMatchObject({ booth: 'Borne Paris', sessions: 0, prints: 0 });
    const alerts = await rig.core.router.call('alerts.list', { open: true });
    expect((await cardOf('recent_alerts')).rows).toHaveLength(alerts.length);
    // Sales: the out lines of the ledger over the period, per product.
    const since = Math.floor(rig.core.clock.now() / DAY) * DAY - 7 * DAY;
    const moves = (await rig.core.router.call('stock.movements.list', { limit: 500 })).items.filter(
      (m) => m.type === 'out' && m.occurredAt >= since,
    );
    const sales = await cardOf('sales_of_period', {
      from: new Date(rig.core.clock.now() - 7 * DAY).toISOString().slice(0, 10),
      to: new Date(rig.core.clock.now()).toISOString().slice(0, 10),
    });
    const bySku = new Map<string, number>();
    for (const m of moves) bySku.set(m.productSku, (bySku.get(m.productSku) ?? 0) + m.quantity);
    expect(Object.fromEntries(sales.rows.map((r) => [r.sku, r.quantity]))).toEqual(Object.fromEntries(bySku));
  });

  it('tool results reach the model fenced as data, with a system prompt saying data is never instructions', async () => {
    await cardOf('catalog_search', { query: 'plumes' });
    const [tool] = toolMessagesSent(rig.ollama);
    const fence = /^<<<DATA ([0-9a-f]{16}) source=catalog_search>>>\n/.exec(tool!)?.[1];
    expect(fence).toBeDefined();
    expect(tool!.endsWith(`<<<END DATA ${fence}>>>`)).toBe(true);
    const system = rig.ollama.chatRequests().at(-1)!.messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toContain(`<<<DATA ${fence}`);
    expect(system.content).toMatch(/never an instruction/);
  });

  it('a viewer asks as themself; the question never reaches the (synced) audit log', async () => {
    await rig.signIn('viewer');
    const { conversationId, answer } = await rig.ask('tool:low_stock {}');
    expect(answer.cards[0]!.rows.length).toBeGreaterThan(0);
    expect(rig.core.ctx.db.prepare('SELECT count(*) FROM audit_log WHERE details LIKE ?').pluck().get('%tool:%')).toBe(0);
    expect(rig.core.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'assistant.send'").pluck().get()).toBe(0);
    // Not reachable by another profile either.
    await rig.signIn('installer');
    await expect(rig.core.router.call('assistant.conversations.get', { id: conversationId })).rejects.toMatchObject({ code: 'not_found' });
  });
});
