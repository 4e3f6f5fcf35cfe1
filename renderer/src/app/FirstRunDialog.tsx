import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useSystem } from '../stores/system';
import { navigate } from './router';
import { localizeCoreMessage } from '../i18n/coreMessages';

const MODE_FOR_ROLE = { admin: 'office', viewer: 'office', installer: 'installer', booth: 'booth' } as const;

/**
 * First start on an empty database: a newcomer sees a living app (demo), starts a real business
 * (empty, then the guided set-up), or joins a team that already works through a hub.
 */
export function FirstRunDialog() {
  const { t } = useTranslation('common');
  const setup = useSystem((s) => s.setup);
  const [busy, setBusy] = useState(false);
  const [joining, setJoining] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  const choose = async (choice: 'demo' | 'empty') => {
    setBusy(true);
    try {
      await setup(choice);
      if (choice === 'empty') navigate('setup', 'business');
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="first-run-title" onCancel={(e) => e.preventDefault()}>
      <h2 id="first-run-title">{t('firstRun.title')}</h2>
      {joining ? (
        <JoinForm onBack={() => setJoining(false)} />
      ) : (
        <>
          <p>{t('firstRun.body')}</p>
          {busy ? (
            <p role="status" className="muted">
              {t('firstRun.working')}
            </p>
          ) : (
            <div className="dialog-actions">
              <button type="button" className="primary" onClick={() => void choose('demo')} autoFocus>
                {t('firstRun.demo')}
              </button>
              <button type="button" onClick={() => void choose('empty')}>
                {t('firstRun.empty')}
              </button>
              <button type="button" onClick={() => setJoining(true)}>
                {t('firstRun.join')}
              </button>
            </div>
          )}
        </>
      )}
    </dialog>
  );
}

/** Hub URL, anon key, e-mail, password → this device signs in, pulls what its account may read, and is set up. */
function JoinForm({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation('common');
  const [f, setF] = useState({ hubUrl: '', anonKey: '', email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF((x) => ({ ...x, [k]: e.target.value }));
  const join = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setStage(t('firstRun.joinConnecting'));
      await api.call('sync.configure', { hubUrl: f.hubUrl.trim(), anonKey: f.anonKey.trim(), intervalMinutes: 5, enabled: true }, { silent: true });
      const signed = await api.call('sync.signIn', { email: f.email.trim(), password: f.password }, { silent: true });
      setStage(t('firstRun.joinPulling'));
      const round = await api.call('sync.now', {}, { silent: true });
      if (!round.ok) throw new Error(round.error?.message ?? 'Sync failed');
      await api.call('system.setup', { choice: 'join' }, { silent: true });
      const role = signed.account?.role as keyof typeof MODE_FOR_ROLE | undefined;
      await api.call('settings.set', { mode: MODE_FOR_ROLE[role ?? 'admin'] ?? 'office' }, { silent: true });
      await useSystem.getState().load();
      useSystem.setState((s) => ({ dataVersion: s.dataVersion + 1 }));
      navigate('dashboard');
    } catch (err) {
      setError(localizeCoreMessage((err as Error).message));
      setStage(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void join(e)} className="join-form" data-testid="join-form">
      <p>{t('firstRun.joinBody')}</p>
      <label><span>{t('firstRun.hubUrl')}</span><input value={f.hubUrl} onChange={set('hubUrl')} placeholder="https://xyz.supabase.co" required autoFocus /></label>
      <label><span>{t('firstRun.anonKey')}</span><input value={f.anonKey} onChange={set('anonKey')} required /></label>
      <label><span>{t('firstRun.email')}</span><input type="email" value={f.email} onChange={set('email')} autoComplete="username" required /></label>
      <label><span>{t('firstRun.password')}</span><input type="password" value={f.password} onChange={set('password')} autoComplete="current-password" required /></label>
      {stage && <p role="status" className="muted">{stage}</p>}
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="dialog-actions">
        <button type="submit" className="primary" disabled={busy}>{t('firstRun.joinSubmit')}</button>
        <button type="button" onClick={onBack} disabled={busy}>{t('firstRun.back')}</button>
      </div>
    </form>
  );
}
