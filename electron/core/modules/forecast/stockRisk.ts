import { gridDay } from '@shared/days.js';
import type { CoreContext } from '@core/context.js';
import { emitDataChanged } from '@core/changes.js';
import { readOrderDays } from '@core/db/repos/orderDays.js';
import { clearProductAlert, openProductAlerts, raiseProductAlert, refreshProductAlert } from '@core/db/repos/productAlerts.js';
import type { StockoutRiskDetails } from '@shared/model/productAlert.js';
import { catalogAdvice, type ProductAdvice } from './advice.js';
import { DAY } from './replenishment.js';

/** Days from `today` (UTC midnight) to the supplier's next order day, today included; any day when it has none set. */
export function daysToNextOrderDay(orderDays: readonly number[] | undefined, today: number): number {
  if (!orderDays || orderDays.length === 0) return 0;
  const dow = new Date(today).getUTCDay();
  let d = 0;
  while (!orderDays.includes((dow + d) % 7) && d < 7) d++;
  return d;
}

/** 'YYYY-MM-DD' of a UTC day, remembered by day: a catalog run words an alert for most products, over a handful of distinct days. */
const isoDays = new Map<number, string>();
function isoDay(ms: number): string {
  let s = isoDays.get(ms);
  if (s === undefined) {
    if (isoDays.size > 4096) isoDays.clear();
    isoDays.set(ms, (s = new Date(ms).toISOString().slice(0, 10)));
  }
  return s;
}

type WantedRisk = { severity: 'warning' | 'critical'; message: string; details: StockoutRiskDetails };

/** The stock-out risk alert a product's advice calls for on `today`, or null. */
function wantedRisk(a: ProductAdvice, today: number, orderDays: ReadonlyMap<string, readonly number[]>): WantedRisk | null {
  const stockoutAt = a.row.stockoutAt;
  if (stockoutAt === null || !a.advice) return null;
  const p = a.product;
  const nextDeliveryAt = today + (daysToNextOrderDay(orderDays.get(p.supplier), today) + Math.ceil(Math.max(0, p.leadTimeDays))) * DAY;
  if (stockoutAt >= nextDeliveryAt) return null;
  return {
    severity: stockoutAt <= today + DAY ? 'critical' : 'warning',
    message: `${p.name} runs out around ${isoDay(stockoutAt)}, before the next possible delivery (${isoDay(nextDeliveryAt)})`,
    details: {
      sku: p.sku,
      unit: p.unit,
      onHand: p.onHand,
      stockoutAt,
      nextDeliveryAt,
      leadTimeDays: p.leadTimeDays,
      suggestedQty: a.row.suggestedQty,
    },
  };
}

/**
 * The stock-out risk check made product by product as a catalog run advises them (advice.ts's
 * adviceStream calls `onAdvice`), from the open alerts and order days read when it starts: at the
 * run's end only the writes are left (issue 17, speed). Valid only with the advice stream it
 * follows (which gives way, and this with it, when anything else is written during the run).
 */
export interface StockoutRiskStream {
  today: number;
  onAdvice(index: number, advice: ProductAdvice): void;
}

interface RiskStreamState extends StockoutRiskStream {
  open: ReturnType<typeof openProductAlerts>;
  /** By catalog index: the alert wanted (null: none), and whether an open one must be brought up to date. */
  wanted: Array<WantedRisk | null | undefined>;
  ids: Array<string | undefined>;
  stale: Set<string>;
}

export function stockoutRiskStream(ctx: Pick<CoreContext, 'db'>, today: number): StockoutRiskStream {
  const orderDays = readOrderDays(ctx.db);
  const open = openProductAlerts(ctx.db, 'stockout_risk');
  const openBy = new Map(open.map((o) => [o.productId, o]));
  const state: RiskStreamState = {
    today,
    open,
    wanted: [],
    ids: [],
    stale: new Set(),
    onAdvice(index, a) {
      const w = wantedRisk(a, today, orderDays);
      state.wanted[index] = w;
      state.ids[index] = a.product.id;
      const o = openBy.get(a.product.id);
      if (w && o && (w.severity !== o.severity || JSON.stringify(w.details) !== JSON.stringify(o.details))) state.stale.add(a.product.id);
      else state.stale.delete(a.product.id);
    },
  };
  return state;
}

/**
 * The product stock-out risk rule: a product whose P50 projection (stock on hand, open orders on
 * their expected day, the stored forecast — the replenishment advice's own figures) reaches zero
 * before the earliest day an order placed now can arrive (the supplier's next order day plus its
 * lead time) has an open 'stockout_risk' alert. It is raised once: while the risk lasts, later
 * recomputes only bring its figures up to date; it clears when the risk goes. Critical when the
 * shelf is empty by tomorrow. Returns what changed.
 */
export function evaluateStockoutRisks(
  ctx: Pick<CoreContext, 'db' | 'clock' | 'deviceId' | 'events' | 'log'>,
  /** The check made while a run advised the catalog (stockoutRiskStream), when that run's advice is the catalog's. */
  made?: StockoutRiskStream,
): {
  raised: number;
  cleared: number;
} {
  const now = ctx.clock.now();
  const today = gridDay(now);
  const wanted = new Map<string, WantedRisk>();
  let open: ReturnType<typeof openProductAlerts>;
  let stale: (o: (typeof open)[number], w: WantedRisk) => boolean;
  const state = made as RiskStreamState | undefined;
  if (state && state.today === today) {
    for (let i = 0; i < state.wanted.length; i++) if (state.wanted[i]) wanted.set(state.ids[i]!, state.wanted[i]!);
    open = state.open;
    stale = (o) => state.stale.has(o.productId);
  } else {
    const orderDays = readOrderDays(ctx.db);
    for (const a of catalogAdvice(ctx, today)) {
      const w = wantedRisk(a, today, orderDays);
      if (w) wanted.set(a.product.id, w);
    }
    open = openProductAlerts(ctx.db, 'stockout_risk');
    stale = (o, w) => w.severity !== o.severity || JSON.stringify(w.details) !== JSON.stringify(o.details);
  }
  let raised = 0;
  let cleared = 0;
  ctx.db.transaction(() => {
    for (const o of open) {
      const w = wanted.get(o.productId);
      wanted.delete(o.productId);
      if (!w) {
        clearProductAlert(ctx.db, o.id, now);
        cleared++;
      } else if (stale(o, w)) {
        refreshProductAlert(ctx.db, o.id, w, now);
      }
    }
    for (const [productId, w] of wanted) {
      raiseProductAlert(ctx.db, { productId, kind: 'stockout_risk', ...w }, { now, device: ctx.deviceId });
      raised++;
    }
  })();
  if (raised || cleared) {
    ctx.log.info('stock-out risk alerts', { raised, cleared });
    emitDataChanged(ctx, { tables: ['product_alerts'] });
  }
  return { raised, cleared };
}
