import type { CoreContext } from '@core/context.js';
import { emitDataChanged } from '@core/changes.js';
import { readOrderDays } from '@core/db/repos/orderDays.js';
import { clearProductAlert, openProductAlerts, raiseProductAlert, refreshProductAlert } from '@core/db/repos/productAlerts.js';
import type { StockoutRiskDetails } from '@shared/model/productAlert.js';
import { catalogAdvice } from './advice.js';
import { DAY } from './replenishment.js';

/** Days from `today` (UTC midnight) to the supplier's next order day, today included; any day when it has none set. */
export function daysToNextOrderDay(orderDays: readonly number[] | undefined, today: number): number {
  if (!orderDays || orderDays.length === 0) return 0;
  const dow = new Date(today).getUTCDay();
  let d = 0;
  while (!orderDays.includes((dow + d) % 7) && d < 7) d++;
  return d;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The product stock-out risk rule: a product whose P50 projection (stock on hand, open orders on
 * their expected day, the stored forecast — the replenishment advice's own figures) reaches zero
 * before the earliest day an order placed now can arrive (the supplier's next order day plus its
 * lead time) has an open 'stockout_risk' alert. It is raised once: while the risk lasts, later
 * recomputes only bring its figures up to date; it clears when the risk goes. Critical when the
 * shelf is empty by tomorrow. Returns what changed.
 */
export function evaluateStockoutRisks(ctx: Pick<CoreContext, 'db' | 'clock' | 'deviceId' | 'events' | 'log'>): {
  raised: number;
  cleared: number;
} {
  const now = ctx.clock.now();
  const today = Math.floor(now / DAY) * DAY;
  const orderDays = readOrderDays(ctx.db);
  const wanted = new Map<string, { severity: 'warning' | 'critical'; message: string; details: StockoutRiskDetails }>();
  for (const a of catalogAdvice(ctx, today)) {
    const stockoutAt = a.row.stockoutAt;
    if (stockoutAt === null || !a.advice) continue;
    const p = a.product;
    const nextDeliveryAt = today + (daysToNextOrderDay(orderDays.get(p.supplier), today) + Math.ceil(Math.max(0, p.leadTimeDays))) * DAY;
    if (stockoutAt >= nextDeliveryAt) continue;
    wanted.set(p.id, {
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
    });
  }
  let raised = 0;
  let cleared = 0;
  ctx.db.transaction(() => {
    for (const open of openProductAlerts(ctx.db, 'stockout_risk')) {
      const w = wanted.get(open.productId);
      wanted.delete(open.productId);
      if (!w) {
        clearProductAlert(ctx.db, open.id, now);
        cleared++;
      } else if (w.severity !== open.severity || JSON.stringify(w.details) !== JSON.stringify(open.details)) {
        refreshProductAlert(ctx.db, open.id, w, now);
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
