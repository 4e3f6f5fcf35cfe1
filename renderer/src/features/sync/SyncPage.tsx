import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Table } from '@renderer/app/Table';
import { useAction, type RunAction } from '@renderer/app/useAction';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { useSync } from '@renderer/stores/sync';
import { useSystem } from '@renderer/stores/system';
import { formatDateTime, formatNumber, formatRelative } from '@renderer/i18n/format';
import './sync.css';

/** Sync page: hub settings and sign-in, progress and "sync now", conflict log, dead letters. */
export default function SyncPage() {
  const { t } = useTranslation('sync');
  const s = useSync();
  const isAdmin = useSystem((x) => x.info?.user.role === 'admin');
  const myDevice = useSystem((x) => x.info?.deviceId);
  const { busy, message, run } = useAction();
  useEffect(() => {
    const stop = s.watch();
    void s.loadLists().catch(() => undefined);
    return stop;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const st = s.status;
  return (
    <div className="page sync-page">
      <header className="page-header with-action">
        <h1>{t('title')}</h1>
        <button
          className="primary"
          disabled={busy || !st?.configured || !st.account || st.running}
          onClick={() =>
            void run(async () => {
              const r = await s.syncNow();
              if (!r.ok) throw new Error(r.error?.message ?? t('failed'));
            }, t('done'))
          }
        >
          {st?.running ? t('running') : t('syncNow')}
        </button>
      </header>
      {st && !st.configured && (
        <section className="notice sync-howto" data-testid="sync-howto">
          <p>
            <strong>{t('howto.title')}</strong> {t('howto.pending', { count: st.pending })}
          </p>
          <ol>
            <li>{t('howto.step1')}</li>
            <li>{t('howto.step2')}</li>
            <li>{t('howto.step3')}</li>
          </ol>
          <p className="muted small">{t('howto.try')}</p>
        </section>
      )}
      {st?.configured && !st.account && <p className="notice">{t('notSignedIn')}</p>}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {st?.running && (
        <div className="progress-line" role="progressbar" aria-label={t('progress')} aria-busy="true" data-testid="sync-progress">
          <progress />
          <span>
            {st.progress
              ? t(`phases.${st.progress.phase}`, {
                  table: st.progress.table ? tableLabel(t, st.progress.table) : '',
                  done: formatNumber(st.progress.done),
                })
              : t('running')}
          </span>
        </div>
      )}
      {st && (
        <section className="panel sync-summary" aria-label={t('summary')}>
          <dl>
            <dt>{t('lastSync')}</dt>
            <dd>{st.lastSuccessAt ? `${formatDateTime(st.lastSuccessAt)} (${formatRelative(st.lastSuccessAt)})` : t('never')}</dd>
            <dt>{t('pending')}</dt>
            <dd data-testid="sync-pending">{formatNumber(st.pending)}</dd>
            <dt>{t('deadLetters')}</dt>
            <dd className={st.deadLetters ? 'warn' : undefined}>{formatNumber(st.deadLetters)}</dd>
            <dt>{t('conflicts')}</dt>
            <dd>{formatNumber(st.conflicts)}</dd>
            <dt>{t('lastError')}</dt>
            <dd className={st.lastRound?.error ? 'error' : undefined}>
              {st.lastRound?.error
                ? `${t(`errorKinds.${st.lastRound.error.kind}`)} — ${localizeCoreMessage(st.lastRound.error.message)}`
                : '—'}
            </dd>
            {st.lastRound?.ok && (
              <>
                <dt>{t('lastRound')}</dt>
                <dd>
                  {t('lastRoundCounts', {
                    pushed: formatNumber(st.lastRound.pushed),
                    pulled: formatNumber(st.lastRound.pulled),
                    ms: formatNumber(st.lastRound.finishedAt - st.lastRound.startedAt),
                  })}
                </dd>
              </>
            )}
            <dt>{t('nextRun')}</dt>
            <dd>{st.nextRunAt ? formatDateTime(st.nextRunAt) : st.configured && st.enabled ? '—' : t('manualOnly')}</dd>
            <dt>{t('live')}</dt>
            <dd data-testid="sync-live" className={`live-${st.realtime}`}>
              {t(`liveStates.${st.realtime}`, { minutes: st.intervalMinutes })}
            </dd>
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
          <Table head={[t('when'), t('direction'), t('table'), t('reason'), '']}>
            {s.deadLetters.map((d) => (
              <tr key={d.id} data-testid="dead-letter">
                <td>{formatDateTime(d.failedAt)}</td>
                <td>{t(`directions.${d.direction}`)}</td>
                <td>
                  {tableLabel(t, d.tableName)}
                  <div className="muted small">{describe(d.row)}</div>
                </td>
                <td>
                  {t(`reasons.${reasonKey(d.code)}`)}
                  <div className="muted small" title={d.message}>
                    {d.message} ({d.code})
                  </div>
                </td>
                <td>
                  <div className="actions">
                    <button disabled={busy} onClick={() => void run(() => s.retry(d.id), t('requeued'))}>
                      {t('retry')}
                    </button>
                    <button
                      disabled={busy}
                      onClick={() => window.confirm(t('discardConfirm')) && void run(() => s.discard(d.id), t('discarded'))}
                    >
                      {t('discard')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section className="panel">
        <h2>{t('conflictsTitle')}</h2>
        <p className="muted small">{t('conflictsHelp')}</p>
        {s.conflicts.length === 0 ? (
          <p className="muted">{t('noConflicts')}</p>
        ) : (
          <Table head={[t('when'), t('record'), t('changes')]}>
            {s.conflicts.map((c) => (
              <tr key={c.id} data-testid="conflict">
                <td>{formatDateTime(c.detectedAt)}</td>
                <td>
                  {tableLabel(t, c.tableName)}
                  <div className="muted small">{describe(c.winner)}</div>
                </td>
                <td>
                  <ul className="conflict-diff">
                    {diff(c.loser, c.winner).map(([k, lost, kept]) => (
                      <li key={k}>
                        <span className="field">{k}</span> <del title={t('replaced')}>{lost}</del> → <ins title={t('kept')}>{kept}</ins>
                      </li>
                    ))}
                  </ul>
                  <div className="muted small">
                    {t('conflictDevices', {
                      winner: deviceLabel(t, c.winnerDevice, myDevice),
                      loser: deviceLabel(t, c.loserDevice, myDevice),
                    })}
                  </div>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </div>
  );
}

const HIDDEN = new Set([
  'id',
  'created_at',
  'updated_at',
  'deleted_at',
  'origin_device',
  'sync_txid',
  'sync_seq',
  'sync_writer',
  'hub_updated_at',
]);
type T = (k: string, o?: Record<string, unknown>) => string;

function tableLabel(t: T, name: string): string {
  const label = t(`tables.${name}`, { defaultValue: '' });
  return label || name;
}

function reasonKey(code: string): string {
  if (code === '42501' || code === '401' || code === '403') return 'rights';
  if (code === '23514' || code === '23502' || code === '22P02' || code === 'P0001') return 'rule';
  if (code === '23505') return 'duplicate';
  if (code === '23503') return 'missing';
  return 'other';
}

function asObject(v: unknown): Record<string, unknown> | null {
  const o = typeof v === 'string' ? safeParse(v) : v;
  return o && typeof o === 'object' ? (o as Record<string, unknown>) : null;
}

function show(x: unknown): string {
  if (x === null || x === undefined) return '—';
  return typeof x === 'string' ? x : JSON.stringify(x);
}

/** The record in a few words: its name, SKU, email or key, whatever it has. */
function describe(v: unknown): string {
  const o = asObject(v);
  if (!o) return '';
  for (const k of ['name', 'display_name', 'sku', 'email', 'key', 'client_name', 'kind'])
    if (typeof o[k] === 'string' && o[k]) return String(o[k]);
  return typeof o.id === 'string' ? `…${o.id.slice(-6)}` : '';
}

/** Only the fields the two versions disagree on: [field, replaced value, kept value]. */
function diff(loser: unknown, winner: unknown): Array<[string, string, string]> {
  const a = asObject(loser) ?? {};
  const b = asObject(winner) ?? {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !HIDDEN.has(k));
  const out = keys
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k): [string, string, string] => [k, show(a[k]), show(b[k])]);
  return out.length ? out : [['—', '', '']];
}

/** Device ids are UUIDv7: their first characters are a timestamp, the last ones tell devices apart. */
function deviceLabel(t: T, id: string | null, mine: string | undefined): string {
  if (!id) return '?';
  return id === mine ? t('thisDevice') : t('device', { id: `…${id.slice(-6)}` });
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

function HubSettings({ disabled, run }: { disabled: boolean; run: RunAction }) {
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
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
      return void run(async () => Promise.reject(new Error(t('intervalInvalid'))));
    if (!anonKey && !st.anonKeySet) return void run(async () => Promise.reject(new Error(t('anonKeyMissing'))));
    void run(() => configure({ hubUrl, anonKey: anonKey || undefined, intervalMinutes: minutes, enabled }), t('saved'));
  };
  return (
    <section className="panel">
      <h2>{t('hubTitle')}</h2>
      <form className="form-grid" onSubmit={submit}>
        <label>
          {t('hubUrl')}
          <input
            value={hubUrl}
            onChange={(e) => setHubUrl(e.target.value)}
            placeholder="https://xyz.supabase.co"
            disabled={disabled}
            required
          />
        </label>
        <label>
          {t('anonKey')}
          <input
            value={anonKey}
            onChange={(e) => setAnonKey(e.target.value)}
            placeholder={st.anonKeySet ? t('anonKeyKept') : ''}
            disabled={disabled}
          />
        </label>
        <label>
          {t('interval')}
          <input type="number" min={1} max={1440} value={interval} onChange={(e) => setIntervalMin(e.target.value)} disabled={disabled} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} disabled={disabled} /> {t('enabled')}
        </label>
        <div>
          <button type="submit" className="primary" disabled={disabled}>
            {t('save')}
          </button>
          {disabled && <span className="muted small"> {t('adminOnly')}</span>}
        </div>
      </form>
    </section>
  );
}

function Account({ run, busy }: { run: RunAction; busy: boolean }) {
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
          <button disabled={busy} onClick={() => void run(() => signOut())}>
            {t('signOut')}
          </button>
        </p>
      ) : (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await signIn(email, password);
              setPassword('');
            }, t('signedIn'));
          }}
        >
          <label>
            {t('email')}
            <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
          </label>
          <label>
            {t('password')}
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          <div>
            <button type="submit" className="primary" disabled={busy}>
              {t('signIn')}
            </button>
          </div>
        </form>
      )}
      <p className="muted small">{t(`store.${st.secretStore}`)}</p>
    </section>
  );
}
