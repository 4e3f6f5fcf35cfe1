/** Local midnight of `now`'s day, of the next day, and of the day after (the device's time zone). */
export function localDayBounds(now: number): { today: number; tomorrow: number; end: number } {
  const d = new Date(now);
  const today = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const tomorrow = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
  const end = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 2).getTime();
  return { today, tomorrow, end };
}
