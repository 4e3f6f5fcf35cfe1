/** The year a document is numbered in: the calendar year on this device's clock (local time). */
export function yearOf(at: number): number {
  return new Date(at).getFullYear();
}
