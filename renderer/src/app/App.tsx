import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSystem } from '../stores/system';
import { useSession } from '../stores/session';
import { transportKind, useConnection } from '../api';
import { setLanguage } from '../i18n';
import { startAlertNotifications } from '../features/alerts/notify';
import { AssistantPanel } from '../features/assistant/AssistantPanel';
import { startLengthLimits } from './lengthLimits';
import { AREAS, homeArea } from './areas';
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
import { SignIn } from './SignIn';
import { JoinScreen, useJoin } from './JoinTeam';

export function App() {
  const { t } = useTranslation('common');
  const route = useRoute();
  const { info, settings, load, error, dataVersion, reloadForUser } = useSystem();
  const connection = useConnection((s) => s.state);
  const joining = useJoin((s) => s.active);
  const session = useSession((s) => s.status);
  const sessionError = useSession((s) => s.error);
  const signedInAs = session?.state === 'signed_in' ? (session.user?.id ?? '') + '|' + (session.user?.role ?? '') : null;

  useEffect(() => {
    if (transportKind !== 'missing-token') void useSession.getState().load();
  }, []);
  // Signed in (or switched profile, or the hub capped the role): read everything again for that profile.
  useEffect(() => {
    if (signedInAs === null) return;
    if (useSystem.getState().info) void reloadForUser();
    else void load();
  }, [signedInAs, load, reloadForUser]);
  const language = settings?.language;
  const theme = settings?.theme;
  useEffect(() => {
    if (language) setLanguage(language);
  }, [language]);
  useEffect(() => (theme ? applyTheme(theme) : undefined), [theme]);
  // Booth alerts as toasts (and browser notifications; Electron's main process shows native ones).
  useEffect(() => (transportKind === 'missing-token' ? undefined : startAlertNotifications()), []);
  // A paste longer than a field takes is refused with a word, not cut (nothing a user entered is lost).
  useEffect(() => startLengthLimits(), []);

  if (transportKind === 'missing-token' || connection === 'unauthorized') return <TokenMissing />;
  if (joining) {
    return (
      <>
        <JoinScreen />
        <Toasts />
      </>
    );
  }
  if (session && session.state !== 'signed_in') {
    return (
      <>
        <SignIn status={session} />
        <Toasts />
      </>
    );
  }
  if (!session || !info || !settings) {
    const shown = error ?? sessionError;
    return (
      <main className="splash" aria-busy={!shown}>
        {shown ? (
          <div className="panel" role="alert">
            <p>{shown}</p>
            <button type="button" onClick={() => void (session ? load() : useSession.getState().load())}>
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

  const areaId = route[0] ?? homeArea(settings.mode);
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
      {/* The assistant over any screen (Alt+A); not on its own page, not for a booth PC. */}
      <AssistantPanel hidden={area?.id === 'assistant' || settings.mode === 'booth' || info.user.role === 'booth'} />
      <Toasts />
    </div>
  );
}
