import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { navigate } from '@renderer/app/router';
import { formatDate, formatDateTime, formatNumber } from '@renderer/i18n/format';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useSystem } from '@renderer/stores/system';
import { formatMoney } from '@shared/model/money';
import { STAGES, type Stage } from '@shared/model/crm';
import type { Output } from '@shared/contract';
import { CLIENT_TABLES } from './nav';

/** Asks why a lead was lost before moving it there (the stage needs a reason). */
export function LostReasonDialog({ onConfirm, onCancel }: { onConfirm(reason: string): void; onCancel(): void }) {
  const { t } = useTranslation('clients');
  const [reason, setReason] = useState('');
  return (
    <div className="notice" role="dialog" aria-labelledby="lost-title" data-testid="lost-dialog">
      <p id="lost-title">{t('detail.lostReasonPrompt')}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onConfirm(reason.trim());
        }}
      >
        <input aria-label={t('detail.lostReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoFocus />
        <button type="submit" className="primary" disabled={!reason.trim()}>
          {t('detail.confirmLost')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('detail.cancel')}
        </button>
      </form>
    </div>
  );
}

/** A client's page: its details, contacts and whole history (quotes, events with totals, orders, stages). */
export function ClientDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation('clients');
  const { t: tq } = useTranslation('quotes');
  const role = useSystem((s) => s.info?.user.role);
  const isAdmin = role === 'admin';
  // The page belongs to the client it was asked for (null: not found): while another client's
  // page loads, nothing of the previous one shows under the new address.
  const [loaded, setLoaded] = useState<{ id: string; page: Output<'clients.get'> | null } | null>(null);
  const [reload, setReload] = useState(0);
  const [askLost, setAskLost] = useState(false);
  useEffect(() => onDataChanged(CLIENT_TABLES, () => setReload((n) => n + 1)), []);
  useEffect(() => {
    let live = true;
    void api.call('clients.get', { id }, { silent: true }).then(
      (p) => live && setLoaded({ id, page: p }),
      () => live && setLoaded({ id, page: null }),
    );
    return () => {
      live = false;
    };
  }, [id, reload]);
  const page = loaded?.id === id ? loaded.page : undefined;
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  if (page === null) return <div className="page">{t('noMatch')}</div>;
  if (!page) return null;
  const c = page.client;
  const move = (stage: Stage, lostReason?: string) =>
    void api.call('pipeline.move', { id, stage, lostReason }).then(
      () => setReload((n) => n + 1),
      () => undefined,
    );
  return (
    <div className="page">
      <header className="page-header">
        <p>
          <a href="#/clients">← {t('form.back')}</a>
        </p>
        <div className="client-head">
          <div>
            <h1>
              {c.name} <span className={`chip stage-${c.stage}`}>{t(`stages.${c.stage}`)}</span>
            </h1>
            {c.companyName && (
              <p>
                <a href={`#/clients/${c.companyId}`}>{c.companyName}</a>
              </p>
            )}
          </div>
          {isAdmin && (
            <div className="quote-actions">
              <label>
                {t('detail.move')}{' '}
                <select
                  aria-label={t('detail.move')}
                  value={c.stage}
                  onChange={(e) => (e.target.value === 'lost' ? setAskLost(true) : move(e.target.value as Stage))}
                >
                  {STAGES.map((s) => (
                    <option key={s} value={s}>
                      {t(`stages.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" onClick={() => navigate('clients', id, 'edit')}>
                {t('detail.edit')}
              </button>
              <button type="button" className="primary" onClick={() => navigate('quotes', 'new', id)}>
                {t('detail.newQuote')}
              </button>
              <button type="button" onClick={() => navigate('quotes', 'orders', 'new', id)}>
                {t('detail.newOrder')}
              </button>
            </div>
          )}
        </div>
        {askLost && (
          <LostReasonDialog
            onConfirm={(r) => {
              setAskLost(false);
              move('lost', r);
            }}
            onCancel={() => setAskLost(false)}
          />
        )}
      </header>
      <div className="grid-2">
        <section className="panel">
          <dl className="client-facts">
            <dt>{t('fields.kind')}</dt>
            <dd>{t(`kinds.${c.kind}`)}</dd>
            {c.email && (
              <>
                <dt>{t('fields.email')}</dt>
                <dd>
                  <a href={`mailto:${c.email}`}>{c.email}</a>
                </dd>
              </>
            )}
            {c.phone && (
              <>
                <dt>{t('fields.phone')}</dt>
                <dd>{c.phone}</dd>
              </>
            )}
            {c.address && (
              <>
                <dt>{t('fields.address')}</dt>
                <dd>{c.address}</dd>
              </>
            )}
            {c.source && (
              <>
                <dt>{t('fields.source')}</dt>
                <dd>{c.source}</dd>
              </>
            )}
            {c.tags.length > 0 && (
              <>
                <dt>{t('fields.tags')}</dt>
                <dd className="tags">
                  {c.tags.map((x) => (
                    <span key={x} className="chip small">
                      {x}
                    </span>
                  ))}
                </dd>
              </>
            )}
            {(c.nextAction || c.nextActionAt) && (
              <>
                <dt>{t('fields.nextAction')}</dt>
                <dd>
                  {c.nextAction}{' '}
                  {c.nextActionAt && <span className="muted">({t('detail.due', { when: formatDate(c.nextActionAt) })})</span>}
                </dd>
              </>
            )}
            {c.stage === 'lost' && c.lostReason && (
              <>
                <dt>{t('detail.lostReason')}</dt>
                <dd>{c.lostReason}</dd>
              </>
            )}
            {c.notes && (
              <>
                <dt>{t('fields.notes')}</dt>
                <dd>{c.notes}</dd>
              </>
            )}
          </dl>
        </section>
        {(c.kind === 'company' || page.contacts.length > 0) && (
          <section className="panel" data-testid="client-contacts">
            <h2>{t('detail.contacts')}</h2>
            {page.contacts.length === 0 && <p className="muted">{t('detail.noContacts')}</p>}
            <ul>
              {page.contacts.map((p) => (
                <li key={p.id}>
                  <a href={`#/clients/${p.id}`}>{p.name}</a> {p.email && <span className="muted">· {p.email}</span>}{' '}
                  {p.phone && <span className="muted">· {p.phone}</span>}
                </li>
              ))}
            </ul>
            {isAdmin && c.kind === 'company' && (
              <button type="button" onClick={() => navigate('clients', 'new', id)}>
                {t('detail.addContact')}
              </button>
            )}
          </section>
        )}
      </div>
      {role !== 'installer' && (
        <section className="panel history-section">
          <h2>{t('detail.quotes')}</h2>
          {page.quotes.length === 0 ? (
            <p className="muted">{t('detail.noQuotes')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{tq('cols.number')}</th>
                  <th>{tq('cols.date')}</th>
                  <th>{tq('cols.event')}</th>
                  <th>{tq('cols.status')}</th>
                  <th className="num">{tq('cols.ttc')}</th>
                </tr>
              </thead>
              <tbody>
                {page.quotes.map((q) => (
                  <tr key={q.id}>
                    <td>
                      <a href={`#/quotes/${q.id}`}>{q.number}</a>
                    </td>
                    <td>{formatDate(q.issuedAt)}</td>
                    <td>{q.eventStartsAt ? formatDate(q.eventStartsAt) : '—'}</td>
                    <td>
                      <span className={`chip status-${q.status}`}>{tq(`statuses.${q.status}`)}</span>
                    </td>
                    <td className="num">{formatMoney(q.totalTtc, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      <section className="panel history-section">
        <h2>{t('detail.events')}</h2>
        {page.events.length === 0 ? (
          <p className="muted">{t('detail.noEvents')}</p>
        ) : (
          <ul>
            {page.events.map((e) => (
              <li key={e.id}>
                <a href={`#/events/${e.id}/edit`}>{formatDateTime(e.startsAt)}</a>
                {[e.eventType, e.boothName, e.place]
                  .filter(Boolean)
                  .map((x) => ` · ${x}`)
                  .join('')}{' '}
                ·{' '}
                <span className="muted">
                  {formatNumber(e.totals.sessions)} {t('detail.sessions')}, {formatNumber(e.totals.prints)} {t('detail.prints')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {role !== 'installer' && (
        <section className="panel history-section">
          <h2>{t('detail.orders')}</h2>
          {page.orders.length === 0 ? (
            <p className="muted">{t('detail.noOrders')}</p>
          ) : (
            <ul>
              {page.orders.map((o) => (
                <li key={o.id}>
                  <a href={`#/quotes/orders/${o.id}`}>{o.number}</a> · {formatDate(o.orderedAt)} ·{' '}
                  <span className={`chip status-${o.status}`}>{tq(`orderStatuses.${o.status}`)}</span> · {formatMoney(o.totalTtc, lang)}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {role !== 'installer' && (
        <section className="panel history-section" data-testid="client-messages">
          <h2>{t('detail.messages')}</h2>
          {page.messages.length === 0 ? (
            <p className="muted">{t('detail.noMessages')}</p>
          ) : (
            <ul className="client-messages">
              {page.messages.map((m) => (
                <li key={m.id}>
                  <div className="client-message-head">
                    <span>
                      {formatDateTime(m.draftedAt)} · {t(`messageKinds.${m.kind}`)}
                      {m.eventId && page.events.some((e) => e.id === m.eventId) && (
                        <>
                          {' · '}
                          <a href={`#/events/${m.eventId}`}>
                            {page.events.find((e) => e.id === m.eventId)!.eventType ?? t('detail.event')}
                          </a>
                        </>
                      )}
                    </span>
                    {isAdmin && (
                      <button
                        type="button"
                        className="link-button small"
                        onClick={() =>
                          void api.call('clients.messages.delete', { id: m.id }).then(
                            () => setReload((n) => n + 1),
                            () => undefined,
                          )
                        }
                      >
                        {t('detail.removeMessage')}
                      </button>
                    )}
                  </div>
                  <p className="client-message-text">{m.text}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {page.stages.length > 0 && (
        <section className="panel history-section">
          <h2>{t('detail.history')}</h2>
          <ol>
            {page.stages.map((s, i) => (
              <li key={i}>
                {formatDateTime(s.at)} · {s.from ? `${t(`stages.${s.from}`)} → ` : ''}
                {t(`stages.${s.to}`)}
                {s.reason && <span className="muted"> ({s.reason})</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
