import { AppError } from '@shared/errors.js';
import type { DataCard } from '@shared/model/assistant.js';
import type { Output, Channel, Input } from '@shared/contract/index.js';
import { gridDay, localDateTime, localDayStart, localIsoDay, parseLocalDateTime } from '@shared/days.js';
import { fold } from './text.js';

/** Runs a channel through the router as the person asking (roles checked); throws AppError. */
export type Exec = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;

export interface ToolEnv {
  exec: Exec;
  now: number;
}

export interface ToolResult {
  card: DataCard;
}

type Row = Record<string, string | number | null>;
type Args = Record<string, unknown>;

export interface ToolDef {
  name: string;
  description: string;
  parameters: { type: 'object'; properties: Record<string, { type: string; description: string; enum?: string[] }>; required: string[] };
  run(args: Args, env: ToolEnv): Promise<ToolResult>;
}

/** A day of the forecast's day grid (UTC midnights, forecast/replenishment.ts): its UTC date is the day. */
const day = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));
const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.trim().slice(0, max) : typeof v === 'number' ? String(v) : '');
const MAX_ROWS = 25;

/**
 * A replenishment status as the cards say it. `order_now` whose order-by day is after today is an
 * order waiting for its supplier's next order day (it takes none before): 'order_on_day', ordered
 * on `orderBy` — as the forecast screens say "À commander vendredi", not "Commander maintenant".
 */
function cardStatus(r: { status: string; orderBy: number | null }, now: number): string {
  return r.status === 'order_now' && r.orderBy !== null && r.orderBy > gridDay(now) ? 'order_on_day' : r.status;
}
const STATUS_NOTE =
  " status: order_now (order today), order_on_day (order on orderBy, the supplier's next order day: it takes no orders before), late_delivery (stock runs out before the open order arrives; no order placed now arrives sooner), order_soon, ok, overstock, no_data.";

function card(tool: string, args: Args, link: string, rows: Row[]): ToolResult {
  const columns = rows.length ? Object.keys(rows[0]!) : [];
  return { card: { tool, args, columns, rows: rows.slice(0, MAX_ROWS), total: rows.length, link, error: null } };
}

/**
 * A date argument ("2026-12-07"): the start of that day where the user is (this device's clock,
 * as the screens show days), moved by `days` calendar days; else the fallback. An unreadable date
 * is refused.
 */
export function dayArg(v: unknown, fallback: number, days = 0): number {
  if (v === undefined || v === null || v === '') return fallback;
  const t = parseLocalDateTime(str(v, 10), days);
  if (Number.isNaN(t)) throw new AppError('invalid_input', `Not a date: ${str(v, 40)} (use YYYY-MM-DD)`);
  return t;
}

type Product = Output<'catalog.products.list'>['items'][number];

function similarity(a: string, b: string): number {
  const ta = new Set(
    fold(a)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1),
  );
  const tb = new Set(
    fold(b)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1),
  );
  if (!ta.size || !tb.size) return 0;
  let hit = 0;
  for (const w of ta)
    if ([...tb].some((x) => x === w || (w.length > 3 && (x.startsWith(w.slice(0, -1)) || w.startsWith(x.slice(0, -1)))))) hit++;
  return hit / ta.size;
}

/** A product by SKU, by name, or the closest name (fuzzy): what the person most likely meant. */
export async function resolveProduct(env: ToolEnv, ref: unknown): Promise<Product> {
  const q = str(ref);
  if (!q) throw new AppError('invalid_input', 'Name the product (SKU or name)');
  const direct = await env.exec('catalog.products.list', { q, limit: 20 });
  const exact = direct.items.find((p) => fold(p.sku) === fold(q) || fold(p.name) === fold(q));
  if (exact) return exact;
  if (direct.items.length === 1) return direct.items[0]!;
  const pool = direct.items.length ? direct.items : (await env.exec('catalog.products.list', { limit: 20000 })).items;
  let best: Product | null = null;
  let score = 0;
  for (const p of pool) {
    const s = Math.max(similarity(q, p.name), similarity(q, `${p.sku} ${p.name}`));
    if (s > score) [best, score] = [p, s];
  }
  if (!best || score < 0.5) throw new AppError('not_found', 'No such product', { query: q });
  return best;
}

async function resolveBooth(env: ToolEnv, ref: unknown) {
  const q = fold(str(ref));
  const booths = await env.exec('booths.list', {});
  const b = booths.find((x) => fold(x.name) === q || x.id === str(ref)) ?? booths.find((x) => fold(x.name).includes(q) && q.length > 1);
  if (!b) throw new AppError('not_found', 'No such booth', { query: str(ref) });
  return b;
}

const productArg = { product: { type: 'string', description: 'SKU or product name (approximate names are matched)' } };
const periodArgs = {
  from: { type: 'string', description: 'first day, YYYY-MM-DD (default: today)' },
  to: { type: 'string', description: 'last day included, YYYY-MM-DD (default: 7 days later)' },
};

export const READ_TOOLS: ToolDef[] = [
  {
    name: 'stock_of_product',
    description: 'Stock on hand of one product, per location.',
    parameters: { type: 'object', properties: productArg, required: ['product'] },
    async run(args, env) {
      const p = await resolveProduct(env, args.product);
      const balances = await env.exec('stock.balances', { productId: p.id });
      const rows: Row[] = balances.map((b) => ({ sku: p.sku, product: p.name, location: b.locationName, onHand: b.onHand, unit: p.unit }));
      if (!rows.length) rows.push({ sku: p.sku, product: p.name, location: null, onHand: p.onHand, unit: p.unit });
      return card('stock_of_product', args, `#/catalog/product/${p.id}`, rows);
    },
  },
  {
    name: 'low_stock',
    description: 'Products at or below their reorder point (low stock), with on-hand and reorder point.',
    parameters: { type: 'object', properties: {}, required: [] },
    async run(args, env) {
      const rows = (await env.exec('stock.lowStock', {})).map((r) => ({
        sku: r.sku,
        product: r.name,
        onHand: r.onHand,
        reorderPoint: r.reorderPoint,
        unit: r.unit,
      }));
      return card('low_stock', args, '#/stock', rows);
    },
  },
  {
    name: 'to_order_this_week',
    description:
      'What to order: replenishment lines whose order-by day falls within the next days (default 7), with the advised quantity.' +
      STATUS_NOTE,
    parameters: { type: 'object', properties: { days: { type: 'number', description: 'window in days (default 7)' } }, required: [] },
    async run(args, env) {
      const withinDays = Math.min(365, Math.max(0, Math.round(Number(args.days ?? 7) || 7)));
      const rows = (await env.exec('forecast.replenishment', { withinDays })).map((l) => ({
        sku: l.sku,
        product: l.name,
        supplier: l.supplier,
        quantity: l.quantity,
        unit: l.unit,
        orderBy: day(l.orderBy),
        onHand: l.onHand,
        stockoutAt: day(l.stockoutAt),
        status: cardStatus(l, env.now),
      }));
      return card('to_order_this_week', { days: withinDays }, '#/forecasts/replenishment', rows);
    },
  },
  {
    name: 'product_forecast',
    description: "A product's demand forecast (P10/P50/P90 next 7 days), reorder point, suggested order and stock-out date." + STATUS_NOTE,
    parameters: { type: 'object', properties: productArg, required: ['product'] },
    async run(args, env) {
      const p = await resolveProduct(env, args.product);
      const f = await env.exec('forecast.product', { productId: p.id });
      const week = f.forecast.slice(0, 7);
      const sum = (k: 'p10' | 'p50' | 'p90') => Math.round(week.reduce((s, x) => s + x[k], 0) * 10) / 10;
      const rows: Row[] = [
        {
          sku: p.sku,
          product: p.name,
          p10: week.length ? sum('p10') : null,
          p50: week.length ? sum('p50') : null,
          p90: week.length ? sum('p90') : null,
          onHand: f.row.onHand,
          reorderPoint: f.row.reorderPoint,
          suggestedQty: f.row.suggestedQty,
          orderBy: day(f.row.orderBy),
          stockoutAt: day(f.row.stockoutAt),
          status: cardStatus(f.row, env.now),
        },
      ];
      return card('product_forecast', args, `#/forecasts/product/${p.id}`, rows);
    },
  },
  {
    name: 'booth_status',
    description: 'Booths: status (online/offline), remaining prints and paper level. Optionally one booth by name.',
    parameters: { type: 'object', properties: { booth: { type: 'string', description: 'booth name (optional)' } }, required: [] },
    async run(args, env) {
      const booths = args.booth ? [await resolveBooth(env, args.booth)] : await env.exec('booths.list', {});
      const rows = booths.map((b) => ({
        booth: b.name,
        status: b.status,
        remainingPrints: b.remainingPrints,
        paperLevel: b.paperLevel,
        lastSeen: b.lastSeen === null ? null : localDateTime(b.lastSeen),
      }));
      return card('booth_status', args, '#/fleet', rows);
    },
  },
  {
    name: 'events_of_period',
    description: 'Events (bookings) between two days with their booth and totals (sessions, prints).',
    parameters: { type: 'object', properties: periodArgs, required: [] },
    async run(args, env) {
      // The user's days (local midnights), as the events screens show them.
      const from = dayArg(args.from, localDayStart(env.now));
      const to = dayArg(args.to, localDayStart(from, 7), 1);
      const rows = (await env.exec('bookings.list', { from, to, limit: 1000 })).map((e) => ({
        client: e.clientName,
        type: e.eventType,
        start: localDateTime(e.startsAt),
        booth: e.boothName,
        status: e.status,
        sessions: e.totals.sessions,
        prints: e.totals.prints,
      }));
      return card('events_of_period', { from: localIsoDay(from), to: localIsoDay(localDayStart(to, -1)) }, '#/events', rows);
    },
  },
  {
    name: 'catalog_search',
    description: 'Search products, services and events by meaning or words (e.g. "paper for the Paris booth").',
    parameters: { type: 'object', properties: { query: { type: 'string', description: 'what to look for' } }, required: ['query'] },
    async run(args, env) {
      const q = str(args.query);
      if (!q) throw new AppError('invalid_input', 'Say what to look for');
      const res = await env.exec('assistant.search', { q, limit: 10 });
      const rows = res.hits.map((h) => ({ kind: h.kind, name: h.title, details: h.subtitle, description: h.text }));
      return card('catalog_search', { ...args, mode: res.mode }, '#/catalog', rows);
    },
  },
  {
    name: 'sales_of_period',
    description: 'Sales (units and revenue per product) between two days.',
    parameters: { type: 'object', properties: periodArgs, required: [] },
    async run(args, env) {
      // The user's days (local midnights): yesterday and the 6 days before it by default.
      const to = dayArg(args.to, localDayStart(env.now), 1);
      const from = dayArg(args.from, localDayStart(to, -7));
      const rows = (await env.exec('assistant.sales', { from, to })).map((s) => ({
        sku: s.sku,
        product: s.name,
        quantity: s.quantity,
        revenue: s.revenue,
      }));
      return card('sales_of_period', { from: localIsoDay(from), to: localIsoDay(localDayStart(to, -1)) }, '#/stock', rows);
    },
  },
  {
    name: 'recent_alerts',
    description: 'Open booth alerts (paper, offline, health), most recent first.',
    parameters: { type: 'object', properties: {}, required: [] },
    async run(args, env) {
      const rows = (await env.exec('alerts.list', { open: true, limit: 50 })).map((a) => ({
        booth: a.boothName,
        kind: a.kind,
        severity: a.severity,
        message: a.message,
        raisedAt: localDateTime(a.raisedAt),
      }));
      return card('recent_alerts', args, '#/alerts', rows);
    },
  },
];

export const READ_TOOL_BY_NAME = new Map(READ_TOOLS.map((t) => [t.name, t]));
