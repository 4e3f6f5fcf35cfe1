import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { formatDateTime, formatNumber } from '@renderer/i18n/format';
import { useSystem } from '@renderer/stores/system';
import type { BookingEvent } from '@shared/model/bookingEvent';
import type { Booth } from '@shared/model/booth';
import { navigate } from '@renderer/app/router';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { Registrations } from '@renderer/features/clients/Registrations';
import { EventForm } from './EventForm';
import { EventDetail } from './EventDetail';
import { completeEvent } from './completeEvent';
import { MonthCalendar } from './MonthCalendar';
import { WeekCalendar } from './WeekCalendar';
import { ViewSwitch } from './ViewSwitch';
import './events.css';

const VIEWS = ['upcoming', 'past', 'all'] as const;

/** #/events → the calendar · #/events/new → create · #/events/<id>/edit → edit. */
export default function EventsPage({ route = [] }: { route?: string[] }) {
  const [first, second] = route;
  // Keyed by what they show: a form or a page opened for another event starts afresh, never with the last one's state.
  if (first === 'new') return <EventForm key="new" />;
  if (first && second === 'edit') return <EventForm key={first} id={first} />;
  if (first && second === 'registrations') return <Registrations key={first} eventId={first} />;
  if (first === 'month') return <MonthCalendar />;
  if (first === 'week') return <WeekCalendar />;
  if (first) return <EventDetail key={first} id={first} />;
  return <EventsList />;
}

/** The business-events calendar as a list: upcoming first, past with their counters. */
function EventsList() {
  const { t } = useTranslation('events');
  const { t: tc } = useTranslation('clients');
  const role = useSystem((s) => s.info?.user.role);
  const canEdit = role === 'admin' || role === 'installer';
  const [reload, setReload] = useState(0);
  const [view, setView] = useState<(typeof VIEWS)[number]>('upcoming');
  const [boothId, setBoothId] = useState('');
  const [items, setItems] = useState<BookingEvent[] | null>(null);
  const [booths, setBooths] = useState<Booth[]>([]);
  const dataVersion = useSystem((s) => s.dataVersion);
  useEffect(() => onDataChanged(['events', 'booths'], () => setReload((n) => n + 1)), []);
  useEffect(() => void api.call('booths.list', {}, { silent: true }).then(setBooths, () => undefined), [dataVersion]);
  useEffect(() => {
    const now = Date.now();
    const range = view === 'upcoming' ? { from: now } : view === 'past' ? { to: now } : {};
    void api
      .call('bookings.list', { ...range, boothId: boothId || undefined, limit: 500 }, { silent: true })
      .then(setItems, () => setItems([]));
  }, [view, boothId, dataVersion, reload]);
  const setStatus = (id: string, status: BookingEvent['status']) =>
    void (status === 'completed' ? completeEvent(id) : api.call('bookings.setStatus', { id, status })).then(
      () => setReload((n) => n + 1),
      () => undefined,
    );
  const rows = useMemo(() => (view === 'upcoming' && items ? [...items].reverse() : (items ?? [])), [items, view]);
  const sum = rows.reduce((s, e) => ({ sessions: s.sessions + e.totals.sessions, prints: s.prints + e.totals.prints }), {
    sessions: 0,
    prints: 0,
  });
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <p className="muted">
          {t('summary', { count: rows.length, sessions: formatNumber(sum.sessions), prints: formatNumber(sum.prints) })}
        </p>
      </header>
      <div className="filters" style={{ display: 'flex', gap: '0.75rem', flexWrap: 'wrap', marginBottom: '1rem' }}>
        <div role="radiogroup" aria-label={t('view')} className="segmented">
          {VIEWS.map((v) => (
            <label key={v} className={view === v ? 'selected' : undefined}>
              <input type="radio" name="events-view" checked={view === v} onChange={() => setView(v)} />
              {t(`views.${v}`)}
            </label>
          ))}
        </div>
        <select aria-label={t('booth')} value={boothId} onChange={(e) => setBoothId(e.target.value)}>
          <option value="">{t('allBooths')}</option>
          {booths.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        <ViewSwitch current="list" />
        {canEdit && (
          <button type="button" className="primary" onClick={() => navigate('events', 'new')}>
            {t('add')}
          </button>
        )}
      </div>
      {items && rows.length === 0 && <p className="muted">{t('empty')}</p>}
      {rows.length > 0 && (
        <div className="table-scroll panel" style={{ maxHeight: 'none' }}>
          <table className="table events-table">
            <thead>
              <tr>
                <th>{t('date')}</th>
                <th>{t('client')}</th>
                <th>{t('type')}</th>
                <th>{t('booth')}</th>
                <th>{t('status')}</th>
                <th className="num">{t('totals.sessions')}</th>
                <th className="num">{t('totals.prints')}</th>
                <th className="num">{t('totals.digital')}</th>
                <th className="num">{t('totals.gifs')}</th>
                {canEdit && (
                  <th>
                    <span className="visually-hidden">{t('actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.startsAt)}</td>
                  <td>
                    <a href={`#/events/${e.id}`}>{e.clientName}</a>
                    {e.albumName && <div className="muted small">{e.albumName}</div>}
                  </td>
                  <td>{e.eventType ?? '—'}</td>
                  <td>{e.boothId ? <a href={`#/fleet/${e.boothId}`}>{e.boothName}</a> : '—'}</td>
                  <td>
                    <span className="chip">{t(`statuses.${e.status}`)}</span>
                  </td>
                  {e.startsAt > Date.now() ? (
                    // Not started yet: nothing to count, so no row of zeros.
                    <td colSpan={4} className="muted upcoming-totals" data-testid="event-upcoming">
                      {t('upcoming')}
                    </td>
                  ) : (
                    <>
                      <td className="num">{formatNumber(e.totals.sessions)}</td>
                      <td className="num">{formatNumber(e.totals.prints)}</td>
                      <td className="num">{formatNumber(e.totals.digital)}</td>
                      <td className="num">{formatNumber(e.totals.gifs)}</td>
                    </>
                  )}
                  {canEdit && (
                    <td>
                      <div className="row-actions">
                        <a href={`#/events/${e.id}/edit`} aria-label={t('editOf', { client: e.clientName })}>
                          {t('edit')}
                        </a>
                        <a href={`#/events/${e.id}/registrations`}>{tc('reg.link')}</a>
                        {e.status === 'active' && (
                          <button type="button" className="link-button" onClick={() => setStatus(e.id, 'completed')}>
                            {t('complete')}
                          </button>
                        )}
                        {e.status !== 'active' && (
                          <button type="button" className="link-button" onClick={() => setStatus(e.id, 'active')}>
                            {t('reactivate')}
                          </button>
                        )}
                        {e.status !== 'archived' && (
                          <button type="button" className="link-button danger" onClick={() => setStatus(e.id, 'archived')}>
                            {t('archive')}
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
