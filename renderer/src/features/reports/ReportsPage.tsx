import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { saveExportedFile } from '@renderer/app/download';
import { navigate } from '@renderer/app/router';
import { formatDate, formatDateTime, formatNumber } from '@renderer/i18n/format';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useSystem } from '@renderer/stores/system';
import type { ReportLine } from '@shared/contract/reports';
import './reports.css';

type Preview = { clients: string[]; events: ReportLine[]; totals: ReportLine['totals'] };
const FIGURES = ['sessions', 'photos', 'prints', 'digital', 'gifs'] as const;
const FORMATS = ['pdf', 'xlsx', 'csv'] as const;

const thisMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

/**
 * #/reports[/YYYY-MM[/client[/eventId]]]: the clients' reports. Pick a month, a client, an event;
 * the figures show before anything is downloaded; the month (or the client's month) or the one
 * event comes out as PDF, XLSX or CSV. The choice lives in the address, so a reload keeps it.
 */
export default function ReportsPage({ route = [] }: { route?: string[] }) {
  const { t } = useTranslation('reports');
  const lang = useSystem((s) => s.settings?.language ?? 'fr');
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(route[0] ?? '') ? route[0]! : thisMonth();
  const client = route[1] && route[1] !== '-' ? route[1] : '';
  const eventId = route[2] ?? '';
  // The preview belongs to the month and client it was asked for: until that scope's own answer
  // has come, the screen shows it loading, never the figures of the scope shown before.
  const scopeKey = `${month}|${client}`;
  const [loaded, setLoaded] = useState<{ key: string; preview: Preview } | null>(null);
  const latest = useRef(scopeKey);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const go = (m: string, c: string, e = '') => navigate('reports', m, c || '-', ...(e ? [e] : []));

  const load = useCallback(() => {
    latest.current = scopeKey;
    const keep = (p: Preview) => {
      // An answer for a scope left meanwhile is dropped.
      if (latest.current === scopeKey) setLoaded({ key: scopeKey, preview: p });
    };
    void api
      .call('reports.preview', { year, month: mon, ...(client ? { client } : {}) }, { silent: true })
      .then(keep, () => keep({ clients: [], events: [], totals: { sessions: 0, photos: 0, prints: 0, digital: 0, gifs: 0 } }));
  }, [scopeKey, year, mon, client]);
  useEffect(() => {
    load();
    return onDataChanged(['events', 'booth_counter_events'], load);
  }, [load]);

  const preview = loaded?.key === scopeKey ? loaded.preview : null;
  const selected = preview?.events.find((e) => e.id === eventId) ?? null;
  // An event asked for by the address but not in this month's reports (archived, removed, mistyped).
  const missing = eventId !== '' && preview !== null && selected === null;
  const download = async (key: string, call: () => Promise<Parameters<typeof saveExportedFile>[0]>) => {
    setBusy(key);
    setError(null);
    try {
      saveExportedFile(await call());
    } catch (e) {
      setError(localizeCoreMessage(e instanceof Error ? e.message : String(e)));
    } finally {
      setBusy(null);
    }
  };
  const monthLabel = formatDate(new Date(year, mon - 1, 1).getTime(), { month: 'long', year: 'numeric' });
  const scope = selected
    ? t('screen.scopeEvent', { client: selected.clientName, when: formatDate(selected.startsAt) })
    : eventId
      ? t(missing ? 'screen.scopeEventMissing' : 'screen.scopeEventLoading')
      : client
        ? t('screen.scopeClient', { client, month: monthLabel })
        : t('screen.scopeMonth', { month: monthLabel });

  return (
    <div className="page reports-page">
      <header className="page-header">
        <h1>{t('screen.title')}</h1>
        <p className="muted">{t('screen.help')}</p>
      </header>
      <div className="filters reports-filters">
        <label htmlFor="report-month">{t('screen.month')}</label>
        <input id="report-month" type="month" value={month} onChange={(e) => e.target.value && go(e.target.value, client)} />
        <label htmlFor="report-client">{t('screen.client')}</label>
        <select id="report-client" value={client} onChange={(e) => go(month, e.target.value)}>
          <option value="">{t('screen.allClients')}</option>
          {[...new Set([...(preview?.clients ?? []), ...(client ? [client] : [])])].map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>

      <section className="panel reports-preview" aria-label={t('screen.preview')} data-testid="report-preview">
        <h2>{scope}</h2>
        {preview === null ? (
          <p className="muted">{t('loading', { ns: 'common' })}</p>
        ) : missing ? (
          <>
            <p className="muted">{t('screen.eventMissing', { month: monthLabel })}</p>
            <button type="button" className="link-button" onClick={() => go(month, client)}>
              {t('screen.backToList')}
            </button>
          </>
        ) : preview.events.length === 0 ? (
          <p className="muted">{t('screen.none')}</p>
        ) : (
          <>
            <dl className="report-figures-screen">
              {FIGURES.map((k) => (
                <div key={k}>
                  <dt>{t(`totals.${k}`)}</dt>
                  <dd className="num" data-figure={k}>
                    {formatNumber((selected ?? preview).totals[k])}
                  </dd>
                </div>
              ))}
            </dl>
            {selected && (
              <p className="muted">
                {formatDateTime(selected.startsAt)} → {formatDateTime(selected.endsAt)}
                {selected.boothName ? ` · ${t('booth')} ${selected.boothName}` : ''}
                {selected.place ? ` · ${selected.place}` : ''}
              </p>
            )}
            <div className="form-actions">
              <span>{selected ? t('screen.downloadEvent') : client ? t('screen.downloadClient') : t('screen.downloadMonth')}</span>
              {FORMATS.map((format) => (
                <button
                  key={format}
                  type="button"
                  disabled={busy !== null}
                  onClick={() =>
                    void download(format, () =>
                      selected
                        ? api.call('reports.event', { eventId: selected.id, format, lang }, { silent: true })
                        : api.call('reports.month', { year, month: mon, ...(client ? { client } : {}), format, lang }, { silent: true }),
                    )
                  }
                >
                  {busy === format ? t('screen.preparing') : t(format)}
                </button>
              ))}
              {selected && (
                <button type="button" className="link-button" onClick={() => go(month, client)}>
                  {t('screen.backToList')}
                </button>
              )}
            </div>
            {error && (
              <p className="field-error" role="alert">
                {t('screen.failed', { error })}
              </p>
            )}
          </>
        )}
      </section>

      {preview && preview.events.length > 0 && (
        <section className="panel">
          <h2>{t('screen.events', { count: preview.events.length })}</h2>
          <div className="table-scroll">
            <table className="table" data-testid="report-events">
              <thead>
                <tr>
                  <th>{t('screen.date')}</th>
                  <th>{t('screen.client')}</th>
                  <th>{t('screen.booth')}</th>
                  {FIGURES.map((k) => (
                    <th key={k} className="num">
                      {t(`totals.${k}`)}
                    </th>
                  ))}
                  <th />
                </tr>
              </thead>
              <tbody>
                {preview.events.map((e) => (
                  <tr
                    key={e.id}
                    aria-selected={e.id === eventId}
                    className={e.id === eventId ? 'selected' : undefined}
                    data-event={e.clientName}
                  >
                    <td>{formatDate(e.startsAt)}</td>
                    <td>
                      {e.clientName}
                      {e.eventType && <span className="muted"> · {e.eventType}</span>}
                    </td>
                    <td>{e.boothName ?? '—'}</td>
                    {FIGURES.map((k) => (
                      <td key={k} className="num">
                        {formatNumber(e.totals[k])}
                      </td>
                    ))}
                    <td>
                      <button type="button" className="link-button" onClick={() => go(month, client, e.id)}>
                        {t('screen.pick')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
