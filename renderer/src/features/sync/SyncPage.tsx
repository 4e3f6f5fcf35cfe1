import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSync } from '../../stores/sync';
import { useSystem } from '../../stores/system';
import { formatDateTime } from '../../i18n/format';
import './sync.css';

/** Sync page: hub settings and sign-in, progress and "sync now", conflict log, dead letters. */
export default function SyncPage() {
  const { t } = useTranslation('sync');
  const s = useSync();
  const isAdmin = useSystem((x) => x.info?.user.role === 'admin');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const stop = s.watch();
    void s.loadLists().catch(() => undefined);
    return stop;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const st = s.status;
  const run = async (fn: () => Promise<unknown>, ok?: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
      if (ok) setMessage(ok);
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page sync-page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <button className="primary" disabled={busy || !st?.configured || !st.account || st.running} onClick={() => void run(async () => {
          const r = await s.syncNow();
          if (!r.ok) throw new Error(r.error?.message ?? t('failed'));
        }, t('done'))}>
          {st?.running ? t('running') : t('syncNow')}
        </button>
      </header>
      {message && <p className="notice" role="status">{message}</p>}
      {st && (
        <section className="panel sync-summary" aria-label={t('summary')}>
          <dl>
            <dt>{t('lastSync')}</dt>
            <dd>{st.lastSuccessAt ? formatDateTime(st.lastSuccessAt) : t('never')}</dd>
            <dt>{t('pending')}</dt>
            <dd data-testid="sync-pending">{st.pending}</dd>
            <dt>{t('deadLetters')}</dt>
            <dd>{st.deadLetters}</dd>
            <dt>{t('conflicts')}</dt>
            <dd>{st.conflicts}</dd>
            <dt>{t('lastError')}</dt>
            <dd>{st.lastRound?.error ? `${t(`errorKinds.${st.lastRound.error.kind}`)} — ${st.lastRound.error.message}` : '—'}</dd>
            <dt>{t('nextRun')}</dt>
            <dd>{st.nextRunAt ? formatDateTime(st.nextRunAt) : '—'}</dd>
            {st.progress && (
              <>
                <dt>{t('progress')}</dt>
                <dd>{t(`phases.${st.progress.phase}`, { table: st.progress.table ?? '', done: st.progress.done })}</dd>
              </>
            )}
          </dl>
        </section>
      )}
      {st && <HubSettings key={st.hubUrl ?? 'none'} disabled={!isAdmin || busy} run={run} />}
      {st?.configured && <Account run={run} busy={busy} />}
      <section className="panel">
        <h2>{t('deadLettersTitle')}</h2>
        <p className="muted small">{t('deadLettersHelp')}</p>
        {s.deadLetters.length === 0 ? (
          <p className="muted">{t('noDeadLetters')}</p>
        ) : (
          <table className="table">
            <thead><tr><th>{t('when')}</th><th>{t('direction')}</th><th>{t('table')}</th><th>{t('reason')}</th><th /></tr></thead>
            <tbody>
              {s.deadLetters.map((d) => (
                <tr key={d.id}>
                  <td>{formatDateTime(d.failedAt)}</td>
                  <td>{t(`directions.${d.direction}`)}</td>
                  <td>{d.tableName} <span className="muted small">{d.rowId.slice(0, 8)}</span></td>
                  <td>{d.message} <span className="muted small">({d.code})</span></td>
                  <td className="actions">
                    <button disabled={busy} onClick={() => void run(() => s.retry(d.id), t('requeued'))}>{t('retry')}</button>
                    <button disabled={busy} onClick={() => window.confirm(t('discardConfirm')) && void run(() => s.discard(d.id))}>{t('discard')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>{t('conflictsTitle')}</h2>
        <p className="muted small">{t('conflictsHelp')}</p>
        {s.conflicts.length === 0 ? (
          <p className="muted">{t('noConflicts')}</p>
        ) : (
          <table className="table">
            <thead><tr><th>{t('when')}</th><th>{t('table')}</th><th>{t('kept')}</th><th>{t('replaced')}</th></tr></thead>
            <tbody>
              {s.conflicts.map((c) => (
                <tr key={c.id}>
                  <td>{formatDateTime(c.detectedAt)}</td>
                  <td>{c.tableName} <span className="muted small">{c.rowId.slice(0, 8)}</span></td>
                  <td><code className="json">{brief(c.winner)}</code></td>
                  <td><code className="json">{brief(c.loser)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

const HIDDEN = new Set(['id', 'created_at', 'updated_at', 'deleted_at', 'origin_device', 'sync_txid', 'sync_seq']);
function brief(v: unknown): string {
  const o = typeof v === 'string' ? safeParse(v) : v;
  if (!o || typeof o !== 'object') return String(o);
  return Object.entries(o as Record<string, unknown>)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, x]) => `${k}: ${typeof x === 'string' ? x : JSON.stringify(x)}`)
    .join(' · ');
}
function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

type Run = (fn: () => Promise<unknown>, ok?: string) => Promise<void>;

function HubSettings({ disabled, run }: { disabled: boolean; run: Run }) {
  const { t } = useTranslation('sync');
  const st = useSync((x) => x.status)!;
  const configure = useSync((x) => x.configure);
  const [hubUrl, setHubUrl] = useState(st.hubUrl ?? '');
  const [anonKey, setAnonKey] = useState('');
  const [interval, setIntervalMin] = useState(String(st.intervalMinutes));
  const [enabled, setEnabled] = useState(st.enabled);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const minutes = Number(interval);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) return void run(async () => Promise.reject(new Error(t('intervalInvalid'))));
    if (!anonKey && !st.anonKeySet) return void run(async () => Promise.reject(new Error(t('anonKeyMissing'))));
    void run(() => configure({ hubUrl, anonKey: anonKey || undefined, intervalMinutes: minutes, enabled }), t('saved'));
  };
  return (
    <section className="panel">
      <h2>{t('hubTitle')}</h2>
      <form className="form-grid" onSubmit={submit}>
        <label>{t('hubUrl')}<input value={hubUrl} onChange={(e) => setHubUrl(e.target.value)} placeholder="https://xyz.supabase.co" disabled={disabled} required /></label>
        <label>{t('anonKey')}<input value={anonKey} onChange={(e) => setAnonKey(e.target.value)} placeholder={st.anonKeySet ? t('anonKeyKept') : ''} disabled={disabled} /></label>
        <label>{t('interval')}<input type="number" min={1} max={1440} value={interval} onChange={(e) => setIntervalMin(e.target.value)} disabled={disabled} /></label>
        <label className="inline"><input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} disabled={disabled} /> {t('enabled')}</label>
        <div><button type="submit" disabled={disabled}>{t('save')}</button>{disabled && <span className="muted small"> {t('adminOnly')}</span>}</div>
      </form>
    </section>
  );
}

function Account({ run, busy }: { run: Run; busy: boolean }) {
  const { t } = useTranslation('sync');
  const st = useSync((x) => x.status)!;
  const { signIn, signOut } = useSync();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  return (
    <section className="panel">
      <h2>{t('accountTitle')}</h2>
      {st.account ? (
        <p>
          {t('signedInAs', { email: st.account.email, role: st.account.role })}{' '}
          <button disabled={busy} onClick={() => void run(() => signOut())}>{t('signOut')}</button>
        </p>
      ) : (
        <form className="form-grid" onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await signIn(email, password);
            setPassword('');
          }, t('signedIn'));
        }}>
          <label>{t('email')}<input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required /></label>
          <label>{t('password')}<input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
          <div><button type="submit" className="primary" disabled={busy}>{t('signIn')}</button></div>
        </form>
      )}
      <p className="muted small">{t(`store.${st.secretStore}`)}</p>
    </section>
  );
}
