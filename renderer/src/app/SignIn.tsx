import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus, SignInResult } from '@shared/contract/identity';
import { ApiError } from '../api';
import { useSession } from '../stores/session';
import { setLanguage, LANGUAGES, type Language } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { applyTheme } from './theme';
import { navigate } from './router';
import { JoinTeam } from './JoinTeam';

/** The sign-in step of every shell: the first admin on a fresh device, else a profile and its password or PIN. */
export function SignIn({ status }: { status: SessionStatus }) {
  const { t, i18n } = useTranslation('signin');
  useEffect(() => setLanguage(status.language), [status.language]);
  useEffect(() => applyTheme(status.theme), [status.theme]);
  return (
    <main className="signin" data-testid="signin">
      <div className="signin-top">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          OpsDeck
        </span>
        <div className="segmented" role="group" aria-label={t('language')}>
          {LANGUAGES.map((l: Language) => (
            <button
              key={l}
              type="button"
              className={i18n.language === l ? 'selected' : ''}
              aria-pressed={i18n.language === l}
              onClick={() => setLanguage(l)}
            >
              {l.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      {status.state === 'needs_admin' ? <FirstAdmin status={status} /> : <ProfileSignIn status={status} />}
    </main>
  );
}

function errorText(t: (k: string, o?: Record<string, unknown>) => string, e: unknown): string {
  if (e instanceof ApiError) {
    const reason = (e.details as { reason?: string } | undefined)?.reason;
    if (reason) return t(`errors.${reason}`, { defaultValue: e.message });
    return t(`errors.${e.code}`, { defaultValue: e.message });
  }
  return String(e);
}

function DemoButton({ userId, label }: { userId?: string; label: string }) {
  const { t } = useTranslation('signin');
  const enterDemo = useSession((s) => s.enterDemo);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="demo-entry">
      <button
        type="button"
        className="demo"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          enterDemo(userId).catch((e) => {
            setError(errorText(t, e));
            setBusy(false);
          });
        }}
      >
        <span className="demo-badge">{t('demoBadge')}</span> {busy ? t('demoLoading') : label}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function FirstAdmin({ status }: { status: SessionStatus }) {
  const { t } = useTranslation('signin');
  const createFirstAdmin = useSession((s) => s.createFirstAdmin);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (password.length < 8) return setError(t('errors.password_too_short'));
    if (password !== confirm) return setError(t('errors.mismatch'));
    setBusy(true);
    try {
      await createFirstAdmin({ displayName: name.trim(), email: email.trim() || null, password });
      // A new business: the guided set-up follows (business, locations, imports…).
      navigate('setup', 'business');
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  };
  return (
    <section className="panel signin-panel" aria-labelledby="first-admin-title">
      <h1 id="first-admin-title">{t('firstAdmin.title')}</h1>
      <p>{t('firstAdmin.body')}</p>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <label htmlFor="fa-name">{t('name')}</label>
        <input id="fa-name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" autoFocus />
        <label htmlFor="fa-email">{t('email')}</label>
        <input
          id="fa-email"
          type="email"
          maxLength={254}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="email"
          placeholder={t('optional')}
        />
        <label htmlFor="fa-password">{t('password')}</label>
        <div>
          <input
            id="fa-password"
            type="password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            aria-describedby="fa-password-help"
          />
          <p className="help" id="fa-password-help">
            {t('passwordHelp')}
          </p>
        </div>
        <label htmlFor="fa-confirm">{t('confirm')}</label>
        <input
          id="fa-confirm"
          type="password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          autoComplete="new-password"
        />
        <span />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            {t('firstAdmin.create')}
          </button>
        </div>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {status.firstRun && (
        <div className="signin-demo">
          <p className="help">{t('firstAdmin.demoHelp')}</p>
          <DemoButton label={t('openDemo')} />
        </div>
      )}
      {status.firstRun && <JoinTeam />}
    </section>
  );
}

function ProfileSignIn({ status }: { status: SessionStatus }) {
  const { t } = useTranslation('signin');
  const { t: tc } = useTranslation('common');
  const signIn = useSession((s) => s.signIn);
  const profiles = status.profiles;
  const [userId, setUserId] = useState(profiles.find((p) => p.credential)?.id ?? profiles[0]?.id ?? '');
  const [secret, setSecret] = useState('');
  const [result, setResult] = useState<SignInResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const profile = profiles.find((p) => p.id === userId);
  const lockedUntil = result?.retryAfterMs ? Date.now() + result.retryAfterMs : (profile?.lockedUntil ?? null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const r = await signIn(userId, secret);
      setResult(r);
      if (!r.ok) setSecret('');
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel signin-panel" aria-labelledby="signin-title">
      <h1 id="signin-title">{t('title')}</h1>
      {status.demo && (
        <p className="notice" role="note">
          <span className="demo-badge">{t('demoBadge')}</span> {t('demoNotice')}
        </p>
      )}
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <label htmlFor="si-profile">{t('profile')}</label>
        <select
          id="si-profile"
          value={userId}
          onChange={(e) => {
            setUserId(e.target.value);
            setResult(null);
            setError(null);
          }}
        >
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName} · {tc(`roles.${p.role}`)}
            </option>
          ))}
        </select>
        {profile?.credential ? (
          <>
            <label htmlFor="si-secret">{t(profile.credential === 'pin' ? 'pin' : 'password')}</label>
            <input
              id="si-secret"
              type="password"
              inputMode={profile.credential === 'pin' ? 'numeric' : undefined}
              autoComplete={profile.credential === 'pin' ? 'off' : 'current-password'}
              value={secret}
              onChange={(e) => setSecret(profile.credential === 'pin' ? e.target.value.replace(/\D/g, '') : e.target.value)}
              autoFocus
            />
            <span />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={busy || !secret}>
                {t('signIn')}
              </button>
            </div>
          </>
        ) : (
          <>
            <span />
            <p className="help">{status.demo ? t('demoNoPassword') : t('noCredential')}</p>
          </>
        )}
      </form>
      {profile && !profile.credential && status.demo && (
        <DemoButton userId={profile.id} label={t('enterDemoAs', { name: profile.displayName })} />
      )}
      <div aria-live="polite">
        {lockedUntil && lockedUntil > Date.now() ? (
          <p className="field-error" role="alert" data-testid="locked">
            {t('locked', { time: formatDateTime(lockedUntil) })}
          </p>
        ) : result && !result.ok ? (
          <p className="field-error" role="alert">
            {t('wrong', { count: result.attemptsLeft ?? 0 })}
          </p>
        ) : null}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
