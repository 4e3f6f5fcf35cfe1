import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { saveExportedFile } from '@renderer/app/download';

/**
 * Downloads the quote as a PDF, in French or English (progress shown while Chromium prints it).
 * `prepare` runs first (the editor saves what was edited on screen); false prints nothing.
 */
export function QuotePdfButton({ id, number, prepare }: { id: string; number: string; prepare?: () => Promise<boolean> }) {
  const { t } = useTranslation('quotes');
  const [busy, setBusy] = useState<'fr' | 'en' | null>(null);
  const get = (lang: 'fr' | 'en') => {
    setBusy(lang);
    void (prepare ? prepare() : Promise.resolve(true))
      .then((ready) =>
        ready
          ? api.call('quotes.pdf', { id, lang, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }).then(saveExportedFile)
          : undefined,
      )
      .catch(() => undefined)
      .finally(() => setBusy(null));
  };
  return (
    <span className="inline-form" aria-label={t('pdfOf', { number })}>
      <button type="button" disabled={busy !== null} onClick={() => get('fr')} data-testid="quote-pdf-fr">
        {busy === 'fr' ? t('pdfBusy') : t('pdfFr')}
      </button>
      <button type="button" disabled={busy !== null} onClick={() => get('en')} data-testid="quote-pdf-en">
        {busy === 'en' ? t('pdfBusy') : t('pdfEn')}
      </button>
    </span>
  );
}
