import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { api } from '../api';
import { useSystem } from '../stores/system';
import { useSession } from '../stores/session';
import { localizeCoreMessage } from '../i18n/coreMessages';
import { navigate } from './router';

type Fields = { hubUrl: string; anonKey: string; email: string; password: string };

/**
 * Joining from the first-start screen: while it is under way (or failed and being retried) the app
 * keeps showing the join screen, even once the local profile it creates is signed in.
 */
export const useJoin = create<{ active: boolean; fields: Fields; localPassword: string | null }>(() => ({
  active: false,
  fields: { hubUrl: '', anonKey: '', email: '', password: '' },
  localPassword: null,
}));

/** The third first-start choice beside the demo and a new business: a button that opens the join screen. */
export function JoinTeam() {
  const { t } = useTranslation('common');
  return (
    <div className="signin-join">
      <p className="help">{t('firstRun.joinHelp')}</p>
      <button type="button" onClick={() => useJoin.setState({ active: true })} data-testid="join-open">
        {t('firstRun.join')}
      </button>
    </div>
  );
}

/** The join screen of a fresh device (App shows it while useJoin is active). */
export function JoinScreen() {
  const { t } = useTranslation('common');
  return (
    <main className="signin" data-testid="join-screen">
      <section className="panel signin-panel">
        <h1>{t('firstRun.join')}</h1>
        <JoinForm createAdmin onBack={() => useJoin.setState({ active: false })} />
      </section>
    </main>
  );
}

/**
 * Hub URL, anon key, e-mail, password → this device signs in to the hub, pulls what its account
 * may read, and is set up as a member of the team. On a fresh device (`createAdmin`) the same
 * e-mail and password first make the local profile (the hub account's role then caps it).
 */
export function JoinForm({ onBack, createAdmin = false }: { onBack: () => void; createAdmin?: boolean }) {
  const { t } = useTranslation('common');
  const f = useJoin((s) => s.fields);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const set = (k: keyof Fields) => (e: React.ChangeEvent<HTMLInputElement>) =>
    useJoin.setState((s) => ({ fields: { ...s.fields, [k]: e.target.value } }));
  const join = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setStage(t('firstRun.joinConnecting'));
      if (createAdmin && useSession.getState().status?.state === 'needs_admin') {
        const email = f.email.trim();
        await useSession.getState().createFirstAdmin({ displayName: email.split('@')[0] || email, email, password: f.password });
        useJoin.setState({ localPassword: f.password });
      }
      await api.call(
        'sync.configure',
        { hubUrl: f.hubUrl.trim(), anonKey: f.anonKey.trim(), intervalMinutes: 5, enabled: true },
        { silent: true },
      );
      // Said before the hub sign-in, which may cap this profile below admin.
      await api.call('system.setup', { choice: 'join' }, { silent: true });
      await api.call('sync.signIn', { email: f.email.trim(), password: f.password }, { silent: true });
      // The local profile keeps the password the hub accepted (an earlier attempt may have made it with a mistyped one).
      const { localPassword } = useJoin.getState();
      const me = useSession.getState().status?.user?.id;
      if (localPassword !== null && localPassword !== f.password && me) {
        await api.call(
          'users.setCredential',
          { userId: me, credential: 'password', secret: f.password, currentSecret: localPassword },
          { silent: true },
        );
      }
      setStage(t('firstRun.joinPulling'));
      const round = await api.call('sync.now', {}, { silent: true });
      if (!round.ok) throw new Error(round.error?.message ?? 'Sync failed');
      await useSession.getState().load();
      await useSystem.getState().load();
      useSystem.setState((s) => ({ dataVersion: s.dataVersion + 1 }));
      useJoin.setState({ active: false, fields: { hubUrl: '', anonKey: '', email: '', password: '' }, localPassword: null });
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
      <label>
        <span>{t('firstRun.hubUrl')}</span>
        <input value={f.hubUrl} onChange={set('hubUrl')} placeholder="https://xyz.supabase.co" required autoFocus />
      </label>
      <label>
        <span>{t('firstRun.anonKey')}</span>
        <input value={f.anonKey} onChange={set('anonKey')} required />
      </label>
      <label>
        <span>{t('firstRun.email')}</span>
        <input type="email" value={f.email} onChange={set('email')} autoComplete="username" required />
      </label>
      <label>
        <span>{t('firstRun.password')}</span>
        <input type="password" value={f.password} onChange={set('password')} autoComplete="current-password" required />
      </label>
      {stage && (
        <p role="status" className="muted">
          {stage}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('firstRun.joinSubmit')}
        </button>
        <button type="button" onClick={onBack} disabled={busy}>
          {t('firstRun.back')}
        </button>
      </div>
    </form>
  );
}
