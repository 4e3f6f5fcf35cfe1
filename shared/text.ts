/** Lower case without diacritics ("Écume" → "ecume"): for matching names typed by people. */
export function foldAccents(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
