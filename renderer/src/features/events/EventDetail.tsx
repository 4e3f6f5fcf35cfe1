import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { formatDateTime, formatNumber } from '@renderer/i18n/format';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useSystem } from '@renderer/stores/system';
import type { BookingEvent } from '@shared/model/bookingEvent';
import { saveExportedFile } from '@renderer/app/download';
import { hrefFor } from '@renderer/app/router';
import { ChecklistPanel } from '../checklists/ChecklistPanel';
import { completeEvent } from './completeEvent';
import { StaffPanel } from './StaffPanel';
import './events.css';

const ym = (ms: number) => `${new Date(ms).getFullYear()}-${String(new Date(ms).getMonth() + 1).padStart(2, '0')}`;

/** #/events/<id>: one event — when, where, which booth, its counters and its checklist. */
export function EventDetail({ id }: { id: string }) {
  const { t } = useTranslation('events');
  const { t: tc } = useTranslation('common');
  const role = useSystem((s) => s.info?.user.role);
  const lang = useSystem((s) => s.settings?.language ?? 'fr');
  const canEdit = role === 'admin' || role === 'installer';
  const [event, setEvent] = useState<BookingEvent | null | undefined>(undefined);
  const load = useCallback(() => void api.call('bookings.get', { id }, { silent: true }).then(setEvent, () => setEvent(null)), [id]);
  useEffect(() => {
    load();
    return onDataChanged(['events', 'booth_counter_events'], load);
  }, [load]);
  if (event === undefined) return <p className="muted">{t('loading', { ns: 'common' })}</p>;
  if (event === null) return <p className="muted">{t('detail.notFound')}</p>;
  return (
    <div className="page event-detail">
      <header className="page-header">
        <p>
          <a href="#/events">← {t('form.back')}</a>
        </p>
        <h1>{event.clientName}</h1>
        <p className="muted">
          {formatDateTime(event.startsAt)} → {formatDateTime(event.endsAt)}
          {event.eventType && ` · ${event.eventType}`} · <span className="chip">{t(`statuses.${event.status}`)}</span>
        </p>
        <p>
          {t('booth')}
          {tc('colon')}
          {event.boothId ? <a href={`#/fleet/${event.boothId}`}>{event.boothName}</a> : t('form.noBooth')}
          {event.albumName && ` · ${t('form.album')}${tc('colon')}${event.albumName}`}
        </p>
        <p data-testid="event-place">
          {t('place')}
          {tc('colon')}
          {event.place ? <span className="today-address">{event.place}</span> : <span className="muted">—</span>}
          {event.clientId && (
            <>
              {' · '}
              <a href={`#/clients/${event.clientId}`}>{t('form.clientFile')}</a>
            </>
          )}
          {' · '}
          <a href={`#/events/${event.id}/registrations`}>{t('reg.link', { ns: 'clients' })}</a>
        </p>
        {canEdit && (
          <div className="actions">
            <a className="button" href={`#/events/${event.id}/edit`}>
              {t('edit')}
            </a>
            {event.status === 'active' && (
              <button type="button" className="primary" onClick={() => void completeEvent(event.id).then(load)}>
                {t('complete')}
              </button>
            )}
          </div>
        )}
      </header>
      <section className="panel">
        <h2>{t('detail.totals')}</h2>
        {event.startsAt > Date.now() ? (
          // Not started yet: nothing counted, so "à venir" rather than four zeros.
          <p className="muted" data-testid="event-upcoming">
            {t('upcoming')}
          </p>
        ) : (
          <dl className="event-totals">
            {(['sessions', 'prints', 'digital', 'gifs'] as const).map((k) => (
              <div key={k}>
                <dt>{t(`totals.${k}`)}</dt>
                <dd className="num">{formatNumber(event.totals[k])}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <section className="panel" aria-label={t('export', { ns: 'reports' })}>
        <h2>{t('export', { ns: 'reports' })}</h2>
        <div className="form-actions">
          {(['pdf', 'xlsx', 'csv'] as const).map((format) => (
            <button
              key={format}
              type="button"
              onClick={() => void api.call('reports.event', { eventId: event.id, format, lang }).then(saveExportedFile, () => undefined)}
            >
              {t(format, { ns: 'reports' })}
            </button>
          ))}
          <a className="button" href={hrefFor('reports', ym(event.startsAt), event.clientName, event.id)}>
            {t('month', { ns: 'reports' })}
          </a>
        </div>
      </section>
      <StaffPanel eventId={event.id} />
      <ChecklistPanel eventId={event.id} />
    </div>
  );
}
