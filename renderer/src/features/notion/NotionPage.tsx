import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { Table } from '@renderer/app/Table';
import { useAction, type RunAction } from '@renderer/app/useAction';
import { useNotion } from '@renderer/stores/notion';
import { useSystem } from '@renderer/stores/system';
import { formatDateTime, formatNumber, formatRelative } from '@renderer/i18n/format';
import { NOTION_ENTITIES, type NotionEntity } from '@shared/model/notion';
import { MappingEditor } from './MappingEditor';
import { localizeReason } from './reasons';
import './notion.css';

/** Settings → Notion: the connection (admin), the mapping of each entity, the last import's report. */
export default function NotionPage() {
  const { t } = useTranslation('notion');
  const n = useNotion();
  const isAdmin = useSystem((x) => x.info?.user.role === 'admin');
  const [editing, setEditing] = useState<NotionEntity | null>(null);
  const { busy, message, run } = useAction();
  useEffect(() => n.watch(), []); // eslint-disable-line react-hooks/exhaustive-deps
  const st = n.status;
  const last = st?.lastRun ?? null;
  return (
    <div className="page notion-page">
      <header className="page-header with-action">
        <h1>{t('title')}</h1>
        <button
          className="primary"
          disabled={busy || !st?.connected || !st.sources.length || st.running}
          data-testid="notion-sync-now"
          onClick={() =>
            void run(async () => {
              const r = await n.syncNow();
              if (!r.ok) throw new Error(r.error ?? t('failed'));
            }, t('done'))
          }
        >
          {st?.running ? t('running') : t('syncNow')}
        </button>
      </header>
      {!isAdmin && <p className="notice">{t('adminOnly')}</p>}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {st?.running && (
        <div className="progress-line" role="progressbar" aria-busy="true" aria-label={t('progress')}>
          <progress />
          <span>
            {st.progress
              ? t('progressText', { entity: t(`entities.${st.progress.entity}`), read: formatNumber(st.progress.read) })
              : t('running')}
          </span>
        </div>
      )}
      {st && <Connection key={`${st.baseUrl}|${st.tokenSet}`} disabled={!isAdmin || busy} run={run} />}
      {st?.connected && (
        <section className="panel" aria-label={t('sources.title')}>
          <h2>{t('sources.title')}</h2>
          <Table head={[t('sources.entity'), t('sources.dataSource'), t('sources.pages'), t('sources.skipped'), '']}>
            {NOTION_ENTITIES.map((e) => {
              const s = st.sources.find((x) => x.entity === e);
              return (
                <tr key={e} data-testid={`source-${e}`}>
                  <td>{t(`entities.${e}`)}</td>
                  <td>{s ? s.dataSourceName : <span className="muted">{t('sources.none')}</span>}</td>
                  <td>{s ? formatNumber(s.pages) : '—'}</td>
                  <td className={s?.skipped ? 'warn' : undefined}>{s ? formatNumber(s.skipped) : '—'}</td>
                  <td>
                    <div className="actions">
                      <button disabled={!isAdmin || busy} onClick={() => setEditing(e)} data-testid={`map-${e}`}>
                        {s ? t('sources.change') : t('sources.map')}
                      </button>
                      {s && (
                        <button
                          className="danger"
                          disabled={!isAdmin || busy}
                          onClick={() => window.confirm(t('sources.removeConfirm')) && void run(() => removeSource(e))}
                        >
                          {t('sources.remove')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </Table>
          <p className="muted small">{t('sources.ownership')}</p>
        </section>
      )}
      {editing && <MappingEditor key={editing} entity={editing} disabled={!isAdmin} onClose={() => setEditing(null)} />}
      {st?.connected && (
        <section className="panel notion-report" aria-label={t('report.title')} data-testid="notion-report">
          <h2>{t('report.title')}</h2>
          <dl>
            <dt>{t('report.lastRun')}</dt>
            <dd>
              {last
                ? `${formatDateTime(last.startedAt)} (${formatRelative(last.startedAt)}) — ${last.ok === null ? t('report.unfinished') : last.ok ? t('report.ok') : t('report.failed')}`
                : t('report.never')}
            </dd>
            {last && (
              <>
                <dt>{t('report.pages')}</dt>
                <dd data-testid="notion-counts">
                  {t('report.counts', {
                    read: formatNumber(last.counts.read),
                    created: formatNumber(last.counts.created),
                    updated: formatNumber(last.counts.updated),
                    unchanged: formatNumber(last.counts.unchanged),
                    skipped: formatNumber(last.counts.skipped),
                    deleted: formatNumber(last.counts.deleted),
                  })}
                </dd>
                <dt>{t('report.written')}</dt>
                <dd>{formatNumber(last.written)}</dd>
                <dt>{t('report.requests')}</dt>
                <dd>
                  {t('report.requestsValue', {
                    n: formatNumber(last.requests),
                    s: formatNumber(((last.finishedAt ?? last.startedAt) - last.startedAt) / 1000),
                  })}
                </dd>
                {last.error && (
                  <>
                    <dt>{t('report.error')}</dt>
                    <dd className="error">{last.error}</dd>
                  </>
                )}
              </>
            )}
            <dt>{t('report.next')}</dt>
            <dd>{st.nextRunAt ? formatDateTime(st.nextRunAt) : t('report.every', { minutes: st.intervalMinutes })}</dd>
            <dt>{t('report.writeBackPending')}</dt>
            <dd>{formatNumber(st.writeBack.pending)}</dd>
          </dl>
          <h3>{t('report.skippedTitle')}</h3>
          {n.skipped.length === 0 ? (
            <p className="muted">{t('report.noSkipped')}</p>
          ) : (
            <Table data-testid="notion-skipped" head={[t('sources.entity'), t('report.page'), t('report.reason')]}>
              {n.skipped.map((s) => (
                <tr key={s.pageId}>
                  <td>{t(`entities.${s.entity}`)}</td>
                  <td>
                    <a href={s.url} target="_blank" rel="noreferrer">
                      {s.title || s.pageId}
                    </a>
                  </td>
                  <td>{localizeReason(s.reason, t)}</td>
                </tr>
              ))}
            </Table>
          )}
          {st.writeBack.problems.length > 0 && (
            <>
              <h3>{t('report.writeBackTitle')}</h3>
              <ul className="plain" data-testid="notion-writeback-problems">
                {st.writeBack.problems.map((p) => (
                  <li key={p.eventId} className={p.gaveUp ? 'error' : 'warn'}>
                    {p.clientName} — {localizeReason(p.error, t)} {p.gaveUp ? t('report.gaveUp') : t('report.willRetry')}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}

async function removeSource(entity: NotionEntity) {
  useNotion.setState({ status: await api.call('notion.removeSource', { entity }) });
}

function Connection({ disabled, run }: { disabled: boolean; run: RunAction }) {
  const { t } = useTranslation('notion');
  const n = useNotion();
  const st = n.status!;
  const [token, setToken] = useState('');
  const [baseUrl, setBaseUrl] = useState(st.baseUrl);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await n.connect({ ...(token.trim() ? { token: token.trim() } : {}), baseUrl: baseUrl.trim() });
      setToken('');
      await n.loadDataSources();
    }, t('connection.connected'));
  };
  return (
    <section className="panel" aria-label={t('connection.title')}>
      <h2>{t('connection.title')}</h2>
      <p className={st.connected ? 'ok' : 'muted'} data-testid="notion-connection-state">
        {st.connected ? t('connection.on', { url: st.baseUrl }) : t('connection.off')}
      </p>
      <form className="form-grid" onSubmit={submit}>
        <label>
          {t('connection.token')}
          <input
            type="password"
            autoComplete="off"
            value={token}
            disabled={disabled}
            placeholder={st.tokenSet ? t('connection.tokenKept') : 'ntn_…'}
            onChange={(e) => setToken(e.target.value)}
            data-testid="notion-token"
          />
        </label>
        <label>
          {t('connection.baseUrl')}
          <input value={baseUrl} disabled={disabled} onChange={(e) => setBaseUrl(e.target.value)} data-testid="notion-base-url" />
        </label>
        <div className="actions">
          <button className="primary" type="submit" disabled={disabled || (!token.trim() && !st.tokenSet)} data-testid="notion-connect">
            {st.connected ? t('connection.save') : t('connection.connect')}
          </button>
          {st.connected && (
            <button
              type="button"
              disabled={disabled}
              onClick={() => window.confirm(t('connection.disconnectConfirm')) && void run(() => n.disconnect())}
            >
              {t('connection.disconnect')}
            </button>
          )}
        </div>
      </form>
      <p className="muted small">{t('connection.help', { store: t(`stores.${st.secretStore}`, { defaultValue: st.secretStore }) })}</p>
    </section>
  );
}
