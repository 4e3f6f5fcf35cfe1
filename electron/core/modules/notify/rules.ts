import type { NotifyKind, NotifyRules } from '@shared/model/notify.js';

/** Does this channel's rules want this alert? (kind listed, severity at least the minimum) */
export function wants(rules: NotifyRules, a: { kind: NotifyKind; severity: 'warning' | 'critical' }): boolean {
  if (!rules.kinds.includes(a.kind)) return false;
  return rules.minSeverity === 'warning' || a.severity === 'critical';
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When quiet hours (local time; may span midnight) end, if `now` falls inside them; else null.
 * start = end means no quiet hours.
 */
export function quietUntil(now: number, q: NotifyRules['quietHours']): number | null {
  if (!q || q.start === q.end) return null;
  const d = new Date(now);
  const m = d.getHours() * 60 + d.getMinutes();
  const s = minutes(q.start);
  const e = minutes(q.end);
  const inside = s < e ? m >= s && m < e : m >= s || m < e;
  if (!inside) return null;
  const end = new Date(d.getFullYear(), d.getMonth(), d.getDate(), Math.floor(e / 60), e % 60, 0, 0);
  if (end.getTime() <= now) end.setDate(end.getDate() + 1);
  return end.getTime();
}

/** Retry delay after the n-th failed attempt: 30 s, 1 min, 2 min… capped at 1 h; after MAX_ATTEMPTS the send has failed. */
export const MAX_ATTEMPTS = 6;
export function backoffMs(attempt: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}
