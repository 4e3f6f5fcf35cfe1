import fs from 'node:fs';
import path from 'node:path';

/** What the shell needs of Electron's `app` to choose Chromium's locale. */
export interface LocaleApp {
  commandLine: { appendSwitch(name: string, value?: string): void };
  getPath(name: 'userData'): string;
  getSystemLocale(): string;
}

const FILE = 'display-locale.json';

/**
 * The locale Chromium runs in for the app's language: it writes the date and time fields
 * (`<input type="date">` reads "mm/dd/yyyy" under en-US, "jj/mm/aaaa" under fr-FR), which the
 * screens cannot format themselves. French keeps the system's own French (fr-BE, fr-CH); English
 * is en-GB, as the screens' own dates are (renderer/src/i18n/format.ts).
 */
export function chromiumLocale(language: 'fr' | 'en', systemLocale: string): string {
  if (language === 'en') return 'en-GB';
  return /^fr([-_]|$)/i.test(systemLocale) ? systemLocale.replace('_', '-') : 'fr-FR';
}

/**
 * Before 'ready' (Chromium reads `--lang` only at start-up): the locale chosen at the last run. The
 * language lives in the database, which opens after 'ready', so it is kept in a small file too;
 * a first start, or a change of language, takes effect at the next start.
 */
export function applyStoredLocale(app: LocaleApp): string | null {
  // No file yet, damaged, or not a locale: Chromium keeps the system's locale.
  const locale = storedLocale(path.join(app.getPath('userData'), FILE));
  if (typeof locale !== 'string' || !/^[a-z]{2}(-[A-Za-z0-9]{2,8})*$/.test(locale)) return null;
  app.commandLine.appendSwitch('lang', locale);
  return locale;
}

function storedLocale(file: string): unknown {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { locale?: unknown }).locale;
  } catch {
    return undefined; // none yet, or damaged: written again
  }
}

/**
 * After 'ready', and whenever the language changes: the locale the next start will use. Never
 * throws: a file that cannot be written leaves the system's locale, not an app that will not start.
 */
export function rememberLocale(app: LocaleApp, language: 'fr' | 'en'): boolean {
  try {
    const dir = app.getPath('userData');
    const file = path.join(dir, FILE);
    const locale = chromiumLocale(language, app.getSystemLocale());
    if (storedLocale(file) === locale) return true;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ locale }) + '\n');
    return true;
  } catch {
    return false;
  }
}
