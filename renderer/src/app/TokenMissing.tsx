import { useTranslation } from 'react-i18next';

export function TokenMissing() {
  const { t } = useTranslation('common');
  return (
    <main className="token-missing panel" role="alert">
      <h1>{t('token.title')}</h1>
      <p>{t('token.body')}</p>
      <p className="mono small">{t('token.hint')}</p>
    </main>
  );
}
