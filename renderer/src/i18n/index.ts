import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ELIDED, elide } from './elision';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Every feature drops its namespace as renderer/src/i18n/{fr,en}/<ns>.json; they are all picked up
 * here at build time, so adding a screen never means editing this file.
 */
const files = import.meta.glob<{ default: Record<string, unknown> }>('./{fr,en}/*.json', { eager: true });
const resources: Record<string, Record<string, Record<string, unknown>>> = { fr: {}, en: {} };
for (const [file, mod] of Object.entries(files)) {
  const m = /\.\/(fr|en)\/([\w-]+)\.json$/.exec(file);
  if (m) resources[m[1]!]![m[2]!] = mod.default;
}

void i18n.use(initReactI18next).init({
  resources,
  lng: 'fr',
  fallbackLng: 'fr',
  ns: Object.keys(resources.fr!),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

// "{{product, de}}" → "de Dune" / "d’Entrepôt": French elision before a value (./elision.ts).
for (const word of Object.keys(ELIDED)) i18n.services.formatter?.add(word, (value: unknown) => elide(word, String(value)));

export function setLanguage(lang: Language): void {
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export default i18n;
