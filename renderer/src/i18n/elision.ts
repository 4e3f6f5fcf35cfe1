/**
 * French elision before a value that is only known when the text is shown: "le stock d’Entrepôt",
 * "en tant qu’Élodie", "les rapports d’avril", but "de Dune", "de Houle" (h is taken as aspirate: a
 * name cannot tell), "de 8 %".
 *
 * In a French catalogue the word goes into the interpolation as its format, so it is written once:
 * "Le stock {{product, de}}" → "Le stock de Dune" / "Le stock d’Entrepôt". The formats are
 * registered on i18next (see ./index.ts): de, que, le, la, jusque, lorsque, puisque.
 */
export const ELIDED: Record<string, string> = {
  de: 'd’',
  que: 'qu’',
  le: 'l’',
  la: 'l’',
  jusque: 'jusqu’',
  lorsque: 'lorsqu’',
  puisque: 'puisqu’',
};

/** Whether French elides before this text: it opens with a vowel, accents and case aside ("Écume", "Âtre", "Œuvre"); "y" only before a consonant ("Yves", not "Yannick"); never "h". */
export function opensWithVowel(text: string): boolean {
  const letters = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const first = letters[0];
  if (first === undefined) return false;
  if ('aeiouœæ'.includes(first)) return true;
  if (first === 'y') return letters[1] !== undefined && /\p{L}/u.test(letters[1]) && !'aeiouœæy'.includes(letters[1]);
  return false;
}

/** The word before the value, elided when the value opens with a vowel: elide('de', 'Entrepôt') → "d’Entrepôt". */
export function elide(word: string, value: string): string {
  const short = ELIDED[word];
  return short !== undefined && opensWithVowel(value) ? `${short}${value}` : `${word} ${value}`;
}
