import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { saveExportedFile } from '@renderer/app/download';

/** Downloads the quote as a PDF, in French or English (progress shown while Chromium prints it). */
export function QuotePdfButton({ id, number }: { id: string; number: string }) {
  const { t } = useTranslation('quotes');
  const [busy, setBusy] = useState<'fr' | 'en' | null>(null);
  const get = (lang: 'fr' | 'en') => {
    setBusy(lang);
    void api
      .call('quotes.pdf', { id, lang, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })
      .then(saveExportedFile, () => undefined)
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
