import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { api, ApiError } from '@renderer/api';
import { useSystem } from '@renderer/stores/system';
import { useSession } from '@renderer/stores/session';
import type { CredentialKind } from '@shared/contract/identity';
import type { Role } from '@shared/model/roles';

function reasonText(t: (k: string, o?: Record<string, unknown>) => string, e: unknown): string {
  const reason = e instanceof ApiError ? (e.details as { reason?: string } | undefined)?.reason : undefined;
  return reason ? t(`signin:errors.${reason}`, { defaultValue: (e as Error).message }) : localizeCoreMessage((e as Error).message);
}

/** A password (admins) or a PIN field, with the rule shown beside it. */
function SecretFields({
  id,
  kind,
  setKind,
  secret,
  setSecret,
  allowPin,
}: {
  id: string;
  kind: CredentialKind;
  setKind(k: CredentialKind): void;
  secret: string;
  setSecret(s: string): void;
  allowPin: boolean;
}) {
  const { t } = useTranslation('settings');
  return (
    <>
      <label htmlFor={`${id}-kind`}>{t('profiles.credential')}</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as CredentialKind)}>
        <option value="password">{t('profiles.kinds.password')}</option>
        {allowPin && <option value="pin">{t('profiles.kinds.pin')}</option>}
      </select>
      <label htmlFor={`${id}-secret`}>{t(kind === 'pin' ? 'profiles.newPin' : 'profiles.newPassword')}</label>
      <div>
        <input
          id={`${id}-secret`}
          type="password"
          autoComplete="new-password"
          inputMode={kind === 'pin' ? 'numeric' : undefined}
          value={secret}
          onChange={(e) => setSecret(kind === 'pin' ? e.target.value.replace(/\D/g, '') : e.target.value)}
        />
        <p className="help">{t(kind === 'pin' ? 'profiles.pinRule' : 'profiles.passwordRule')}</p>
      </div>
    </>
  );
}

/** The signed-in profile: sign out (to switch, the sign-in screen asks for the other profile's secret), own password or PIN. */
export function UserSwitcher() {
  const { t } = useTranslation('settings');
  const info = useSystem((s) => s.info);
  const session = useSession((s) => s.status);
  const signOut = useSession((s) => s.signOut);
  const [kind, setKind] = useState<CredentialKind>('password');
  const [current, setCurrent] = useState('');
  const [secret, setSecret] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!info || !session) return null;
  const isUser = session.kind === 'user';
  const own = session.profiles.find((p) => p.id === info.user.id);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      await api.call(
        'users.setCredential',
        { userId: info.user.id, credential: kind, secret, ...(current ? { currentSecret: current } : {}) },
        { silent: true },
      );
      setMessage({ ok: true, text: t('profiles.saved') });
      setCurrent('');
      setSecret('');
      void useSession.getState().load();
    } catch (err) {
      setMessage({ ok: false, text: reasonText(t, err) });
    }
  };
  return (
    <section className="panel" aria-labelledby="user-title">
      <h2 id="user-title">{t('user')}</h2>
      <p>{t('currentUser', { name: info.user.displayName, role: t(`common:roles.${info.user.role}`) })}</p>
      {session.hubRole !== null && session.localRole !== info.user.role && (
        <p className="notice">
          {t('profiles.capped', { local: t(`common:roles.${session.localRole}`), hub: t(`common:roles.${info.user.role}`) })}
        </p>
      )}
      {isUser && (
        <>
          <div className="inline-form">
            <button type="button" onClick={() => void signOut()}>
              {t('switchUser')}
            </button>
          </div>
          <p className="help">{t('switchHelp')}</p>
          <h3>{t('profiles.ownTitle')}</h3>
          <form className="form-grid" onSubmit={(e) => void save(e)}>
            {own?.credential && (
              <>
                <label htmlFor="own-current">{t('profiles.current')}</label>
                <input
                  id="own-current"
                  type="password"
                  autoComplete="current-password"
                  value={current}
                  onChange={(e) => setCurrent(e.target.value)}
                />
              </>
            )}
            <SecretFields
              id="own"
              kind={kind}
              setKind={setKind}
              secret={secret}
              setSecret={setSecret}
              allowPin={info.user.role !== 'admin' && own?.credential !== undefined && session.localRole !== 'admin'}
            />
            <span />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={!secret}>
                {t('profiles.save')}
              </button>
            </div>
          </form>
          {message && (
            <p className={message.ok ? 'help' : 'field-error'} role="status">
              {message.text}
            </p>
          )}
        </>
      )}
      {info.user.role === 'admin' && <ProfilesAdmin />}
    </section>
  );
}

const ROLE_CHOICES: Role[] = ['admin', 'installer', 'viewer', 'booth'];

/** Admins: add a profile, or set a profile's password or PIN (profiles synced from the hub have none on this device). */
function ProfilesAdmin() {
  const { t } = useTranslation('settings');
  const session = useSession((s) => s.status);
  const [target, setTarget] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('installer');
  const [kind, setKind] = useState<CredentialKind>('pin');
  const [secret, setSecret] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (role === 'admin') setKind('password');
  }, [role]);
  if (!session) return null;
  const targetProfile = session.profiles.find((p) => p.id === target);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      if (target) await api.call('users.setCredential', { userId: target, credential: kind, secret }, { silent: true });
      else await api.call('users.create', { displayName: name.trim(), role, credential: kind, secret }, { silent: true });
      setMessage({ ok: true, text: t('profiles.saved') });
      setSecret('');
      setName('');
      void useSession.getState().load();
    } catch (err) {
      setMessage({ ok: false, text: reasonText(t, err) });
    }
  };
  const effectiveRole = targetProfile?.role ?? role;
  return (
    <>
      <h3>{t('profiles.title')}</h3>
      <ul className="profile-list">
        {session.profiles.map((p) => (
          <li key={p.id}>
            {p.displayName} · {t(`common:roles.${p.role}`)} ·{' '}
            {p.credential ? t(`profiles.kinds.${p.credential}`) : <strong>{t('profiles.none')}</strong>}
          </li>
        ))}
      </ul>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <label htmlFor="pa-target">{t('profiles.which')}</label>
        <select id="pa-target" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('profiles.new')}</option>
          {session.profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </select>
        {!target && (
          <>
            <label htmlFor="pa-name">{t('profiles.name')}</label>
            <input id="pa-name" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
            <label htmlFor="pa-role">{t('profiles.role')}</label>
            <select id="pa-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLE_CHOICES.map((r) => (
                <option key={r} value={r}>
                  {t(`common:roles.${r}`)}
                </option>
              ))}
            </select>
          </>
        )}
        <SecretFields id="pa" kind={kind} setKind={setKind} secret={secret} setSecret={setSecret} allowPin={effectiveRole !== 'admin'} />
        <span />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!secret || (!target && !name.trim())}>
            {target ? t('profiles.save') : t('profiles.add')}
          </button>
        </div>
      </form>
      {message && (
        <p className={message.ok ? 'help' : 'field-error'} role="status">
          {message.text}
        </p>
      )}
    </>
  );
}
