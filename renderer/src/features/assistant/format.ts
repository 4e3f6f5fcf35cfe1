/** "2.0 GB", "274 MB": model sizes as Ollama's own list shows them. */
export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${Math.round(n / 1e6)} MB`;
  return `${Math.round(n / 1e3)} kB`;
}

/** A translate function bound to the `assistant` namespace. */
type T = (key: string, opts?: Record<string, unknown>) => string;

/** Columns whose values are codes (statuses, levels, kinds): shown in words. */
const CODED = new Set(['status', 'paperLevel', 'severity', 'kind']);

/**
 * One cell of a data card in words. A status 'order_on_day' (below the reorder point, its supplier
 * takes no orders before its next order day) names that day from the row's orderBy (a local date,
 * YYYY-MM-DD): "À commander vendredi" / "Order on Friday", as the forecast screens say it.
 */
export function cardCell(t: T, col: string, row: Record<string, string | number | null | undefined>, locale?: string): string {
  const v = row[col];
  if (v === null || v === undefined) return '—';
  if (!CODED.has(col)) return String(v);
  if (col === 'status' && v === 'order_on_day' && typeof row.orderBy === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(row.orderBy)) {
    const day = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${row.orderBy}T00:00:00Z`));
    return t('cards.val.order_on', { day });
  }
  return t(`cards.val.${String(v)}`, { defaultValue: String(v) });
}
