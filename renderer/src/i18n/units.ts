import { formatNumber } from './format';
import i18n from './index';

/**
 * A product's unit beside a quantity, in the UI language and agreeing with it: "1 lot", "10 lots",
 * "0,5 lot" in French (singular below 2), "10 lots" / "1 lot" in English. The unit is the
 * business's own word (typed in the product form, French by default), so the common ones are
 * known in both languages and anything else is shown as typed.
 */
interface UnitWords {
  fr: [one: string, other: string];
  en: [one: string, other: string];
}

const WORDS: UnitWords[] = [
  { fr: ['pce', 'pces'], en: ['pc', 'pcs'] },
  { fr: ['pièce', 'pièces'], en: ['piece', 'pieces'] },
  { fr: ['unité', 'unités'], en: ['unit', 'units'] },
  { fr: ['lot', 'lots'], en: ['lot', 'lots'] },
  { fr: ['carton', 'cartons'], en: ['carton', 'cartons'] },
  { fr: ['boîte', 'boîtes'], en: ['box', 'boxes'] },
  { fr: ['paquet', 'paquets'], en: ['pack', 'packs'] },
  { fr: ['rouleau', 'rouleaux'], en: ['roll', 'rolls'] },
  { fr: ['sachet', 'sachets'], en: ['bag', 'bags'] },
  { fr: ['bidon', 'bidons'], en: ['can', 'cans'] },
  { fr: ['flacon', 'flacons'], en: ['bottle', 'bottles'] },
  { fr: ['bouteille', 'bouteilles'], en: ['bottle', 'bottles'] },
  { fr: ['paire', 'paires'], en: ['pair', 'pairs'] },
  { fr: ['jeu', 'jeux'], en: ['set', 'sets'] },
  { fr: ['kit', 'kits'], en: ['kit', 'kits'] },
  { fr: ['ramette', 'ramettes'], en: ['ream', 'reams'] },
  { fr: ['palette', 'palettes'], en: ['pallet', 'pallets'] },
];

const BY_WORD = new Map<string, UnitWords>();
for (const w of WORDS) for (const s of [...w.fr, ...w.en]) if (!BY_WORD.has(s)) BY_WORD.set(s, w);
// "pcs"/"pc" typed in French, "pce" in English: same unit.
BY_WORD.set('pcs', WORDS[0]!);
BY_WORD.set('pc', WORDS[0]!);

const pluralRules = new Map<string, Intl.PluralRules>();
function isOne(qty: number, language: string): boolean {
  const locale = language === 'en' ? 'en' : 'fr';
  let r = pluralRules.get(locale);
  if (!r) pluralRules.set(locale, (r = new Intl.PluralRules(locale)));
  return r.select(Math.abs(qty)) === 'one';
}

/** The unit word for this quantity in the UI language ("lots", "pces"); an unknown unit as typed. */
export function unitFor(unit: string, qty: number, language: string = i18n.language): string {
  const w = BY_WORD.get(unit.trim().toLowerCase());
  if (!w) return unit;
  const [one, other] = language === 'en' ? w.en : w.fr;
  return isOne(qty, language) ? one : other;
}

/** "10 lots", "1 lot", "2,5 pces": the number in the locale's format and the unit agreeing with it. */
export function formatQty(qty: number, unit: string, opts?: Intl.NumberFormatOptions): string {
  return `${formatNumber(qty, opts)} ${unitFor(unit, qty)}`;
}
