type T = (k: string, o?: Record<string, unknown>) => string;
/** The core's reasons name the Notion property; the frame around it is translated. */
export function localizeReason(reason: string, t: T): string {
  let m = /^(.+): no date$/.exec(reason);
  if (m) return t('reasons.noDate', { property: m[1] });
  m = /^(.+): "(.*)" is not a (number|date)$/s.exec(reason);
  if (m) return t(`reasons.not_${m[3]}`, { property: m[1], value: m[2] });
  m = /^(.+): empty \(.*\)$/.exec(reason);
  if (m) return t('reasons.empty', { property: m[1] });
  m = /^SKU "(.+)" is already used by another product$/.exec(reason);
  if (m) return t('reasons.sku', { sku: m[1] });
  if (reason === 'The Notion page no longer exists') return t('reasons.pageGone');
  return reason;
}
