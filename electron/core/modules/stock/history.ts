/**
 * On-hand per day, walked backwards from today's balance through the daily net changes, so the
 * chart always ends on the real current figure (no drift from a reconstructed running sum).
 */
export function onHandSeries(
  currentOnHand: number,
  deltas: Array<{ day: number; delta: number }>,
  fromDay: number,
  toDay: number,
): Array<{ day: number; onHand: number }> {
  const DAY = 86_400_000;
  const byDay = new Map(deltas.map((d) => [d.day, d.delta]));
  const out: Array<{ day: number; onHand: number }> = [];
  let level = currentOnHand;
  for (let day = toDay; day >= fromDay; day -= DAY) {
    out.push({ day, onHand: Math.round(level * 1000) / 1000 });
    level -= byDay.get(day) ?? 0;
  }
  return out.reverse();
}
