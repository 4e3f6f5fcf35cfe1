import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Window title and history entries name the area, in the chosen language. */
export function DocumentTitle({ labelKey }: { labelKey: string | null }) {
  const { t, i18n } = useTranslation(['nav', 'common']);
  useEffect(() => {
    const app = t('common:appName');
    document.title = labelKey ? `${t(`nav:${labelKey}`)} — ${app}` : app;
  }, [labelKey, t, i18n.language]);
  return null;
}
