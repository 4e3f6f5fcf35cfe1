import { useTranslation } from 'react-i18next';
import { hrefFor } from './router';

/** A stale bookmark or a mistyped address: say so instead of silently showing another page. */
export function NotFound() {
  const { t } = useTranslation('common');
  return (
    <section className="panel not-yet" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p className="muted">{t('notFound.body')}</p>
      <a href={hrefFor('dashboard')}>{t('notFound.back')}</a>
    </section>
  );
}
