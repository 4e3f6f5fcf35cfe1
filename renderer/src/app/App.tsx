import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AREAS } from './areas';
import { useRoute } from './router';
import { Sidebar } from './Sidebar';
import { TitleBar } from './TitleBar';
import { ErrorBoundary } from './ErrorBoundary';
import { Toasts } from './Toasts';
import { FirstRunDialog } from './FirstRunDialog';
import { TokenMissing } from './TokenMissing';
import { NotFound } from './NotFound';
import { DocumentTitle } from './DocumentTitle';
import { applyTheme } from './theme';
import { useSystem } from '../stores/system';
import { transportKind, useConnection } from '../api';
import { setLanguage } from '../i18n';
import { startAlertNotifications } from '../features/alerts/notify';

export function App() {
  const { t } = useTranslation('common');
  const route = useRoute();
  const { info, settings, load, error, dataVersion } = useSystem();
  const connection = useConnection((s) => s.state);

  useEffect(() => {
    if (transportKind !== 'missing-token') void load();
  }, [load]);
  useEffect(() => {
    if (settings) setLanguage(settings.language);
  }, [settings?.language]);
  useEffect(() => (settings ? applyTheme(settings.theme) : undefined), [settings?.theme]);
  // Booth alerts as toasts (and browser notifications; Electron's main process shows native ones).
  useEffect(() => (transportKind === 'missing-token' ? undefined : startAlertNotifications()), []);

  if (transportKind === 'missing-token' || connection === 'unauthorized') return <TokenMissing />;
  if (!info || !settings) {
    return (
      <main className="splash" aria-busy={!error}>
        {error ? (
          <div className="panel" role="alert">
            <p>{error}</p>
            <button type="button" onClick={() => void load()}>
              {t('retry')}
            </button>
          </div>
        ) : (
          <p className="muted">{t('loading')}</p>
        )}
        <Toasts />
      </main>
    );
  }

  const areaId = route[0] ?? 'dashboard';
  const area = AREAS.find((a) => a.id === areaId);
  const Page = area?.component ?? NotFound;
  return (
    <div className="app">
      {/* The hash is our router: following #main would leave the area, so move focus instead. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('skipToContent')}
      </a>
      <TitleBar />
      <DocumentTitle labelKey={area?.labelKey ?? null} />
      <Sidebar current={area?.id ?? ''} />
      <main id="main" className="content" tabIndex={-1} data-area={area?.id ?? 'not-found'}>
        <ErrorBoundary resetKey={route.join('/')}>
          <Suspense fallback={<p className="muted">{t('loading')}</p>}>
            <Page key={dataVersion} route={route.slice(1)} />
          </Suspense>
        </ErrorBoundary>
      </main>
      {info.firstRun && <FirstRunDialog />}
      <Toasts />
    </div>
  );
}
