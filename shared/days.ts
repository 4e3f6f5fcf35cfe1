/**
 * `YYYY-MM-DD` of `ms`'s day on this device's clock (its time zone): the day a user wrote or reads.
 * Not `toISOString().slice(0, 10)`, the UTC day — on Paris time a date read as local midnight
 * (a CSV's "01/12/2027") is 23:00 UTC the day before.
 */
export function localIsoDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
