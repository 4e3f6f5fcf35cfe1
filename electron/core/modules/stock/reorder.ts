import { gridDay } from '@shared/days.js';
import type { CoreContext } from '@core/context.js';
import { stockTotals, type StockAlertRow } from '@core/db/repos/balances.js';
import { forecastReorderPoints } from '@core/modules/forecast/index.js';
import { effectiveReorderPoint, type ReorderPointSource } from '@shared/model/forecast.js';

export type AlertRow = StockAlertRow & { reorderPointSource: ReorderPointSource | null };

/**
 * Every active product with the reorder point the forecast page shows too: the computed one when a
 * forecast exists, the hand-typed minimum otherwise (effectiveReorderPoint), and its source.
 */
function withEffectiveReorderPoint(ctx: Pick<CoreContext, 'db' | 'clock'>): AlertRow[] {
  const computed = forecastReorderPoints(ctx, gridDay(ctx.clock.now()));
  return stockTotals(ctx.db).map((r) => {
    const e = effectiveReorderPoint(computed.get(r.productId), r.reorderPoint);
    return { ...r, reorderPoint: e?.value ?? null, reorderPointSource: e?.source ?? null };
  });
}

const byName = (a: AlertRow, b: AlertRow) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** In stock but at or below the effective reorder point, the most urgent (lowest share of it) first. */
export function lowStockRows(ctx: Pick<CoreContext, 'db' | 'clock'>): AlertRow[] {
  return withEffectiveReorderPoint(ctx)
    .filter((r) => r.reorderPoint !== null && r.onHand > 0 && r.onHand <= r.reorderPoint)
    .sort((a, b) => a.onHand / Math.max(a.reorderPoint!, 1e-9) - b.onHand / Math.max(b.reorderPoint!, 1e-9) || byName(a, b));
}

/** Out of stock (on hand 0 or less), by name. */
export function stockOutRows(ctx: Pick<CoreContext, 'db' | 'clock'>): AlertRow[] {
  return withEffectiveReorderPoint(ctx)
    .filter((r) => r.onHand <= 0)
    .sort(byName);
}
