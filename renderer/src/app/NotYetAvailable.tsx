import { useTranslation } from 'react-i18next';

/** An honest panel for an area that is not built yet: what it will hold, nothing fake. */
export function NotYetAvailable({ area }: { area: string }) {
  const { t } = useTranslation(['common', 'nav']);
  return (
    <section className="panel not-yet" aria-labelledby="not-yet-title">
      <h1 id="not-yet-title">{t(`nav:${area}`)}</h1>
      <p className="muted">
        <strong>{t('common:notYet.title')}.</strong> {t('common:notYet.body')}
      </p>
      <p>{t('common:notYet.whatComes', { what: t(`nav:coming.${area}`) })}</p>
    </section>
  );
}
