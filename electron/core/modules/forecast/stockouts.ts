/**
 * Sales understate demand on days the shelf was empty: a customer who found nothing bought
 * nothing. Each day that ended with nothing on hand is read as at least the recent in-stock
 * rate (mean of the last `window` days that ended in stock); a run of empty days longer than
 * `maxRun` is left as it is — after a month without stock nobody is selling the product, and
 * inventing demand for it would keep ordering stock no one restocked for a reason.
 */
export function unconstrainedDemand(
  sales: readonly number[],
  closingOnHand: readonly number[],
  o: { window?: number; maxRun?: number; minInStock?: number } = {},
): { y: number[]; imputedDays: number } {
  const window = o.window ?? 28;
  const maxRun = o.maxRun ?? 28;
  const minInStock = o.minInStock ?? 7;
  const recent: number[] = [];
  let sum = 0;
  let run = 0;
  let imputedDays = 0;
  const y = sales.slice();
  for (let i = 0; i < sales.length; i++) {
    if (closingOnHand[i]! > 1e-9) {
      run = 0;
      recent.push(sales[i]!);
      sum += sales[i]!;
      if (recent.length > window) sum -= recent.shift()!;
      continue;
    }
    run++;
    if (run <= maxRun && recent.length >= minInStock) {
      const rate = sum / recent.length;
      if (rate > y[i]!) {
        y[i] = rate;
        imputedDays++;
      }
    }
  }
  return { y, imputedDays };
}
