import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { formatDateTime } from '@renderer/i18n/format';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useSystem } from '@renderer/stores/system';
import { type RegistrationStatus } from '@shared/model/crm';
import type { Output } from '@shared/contract';
import type { BookingEvent } from '@shared/model/bookingEvent';
import './clients.css';

/** #/events/<id>/registrations: who comes to an event the shop hosts, its capacity and waiting list. */
export function Registrations({ eventId }: { eventId: string }) {
  const { t } = useTranslation('clients');
  const isAdmin = useSystem((s) => s.info?.user.role) === 'admin';
  const [event, setEvent] = useState<BookingEvent | null>(null);
  const [data, setData] = useState<Output<'registrations.list'> | null>(null);
  const [capacity, setCapacity] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [seats, setSeats] = useState('1');
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => onDataChanged(['registrations', 'events'], () => setReload((n) => n + 1)), []);
  useEffect(() => {
    void api.call('bookings.get', { id: eventId }, { silent: true }).then(setEvent, () => undefined);
    void api.call('registrations.list', { eventId }, { silent: true }).then(
      (d) => {
        setData(d);
        setCapacity(d.capacity === null ? '' : String(d.capacity));
      },
      () => undefined,
    );
  }, [eventId, reload]);
  const fail = (e: unknown) => setError(localizeCoreMessage(e instanceof Error ? e.message : String(e)));
  const refresh = () => setReload((n) => n + 1);
  const add = (ev: FormEvent) => {
    ev.preventDefault();
    setError(null);
    if (!name.trim() || !/^\d+$/.test(seats.trim()) || Number(seats) < 1) return setError(t('reg.invalid'));
    void api
      .call('registrations.create', { eventId, name: name.trim(), email: email.trim() || null, seats: Number(seats) }, { silent: true })
      .then(() => {
        setName('');
        setEmail('');
        setSeats('1');
        refresh();
      }, fail);
  };
  const saveCapacity = () => {
    setError(null);
    // Empty: no limit. Anything else must be a whole number of seats (a typo never lifts the limit).
    if (capacity.trim() && (!/^\d+$/.test(capacity.trim()) || Number(capacity) < 1)) return setError(t('reg.invalidCapacity'));
    void api
      .call('registrations.setCapacity', { eventId, capacity: capacity.trim() ? Number(capacity) : null }, { silent: true })
      .then(refresh, fail);
  };
  const setStatus = (id: string, status: (typeof RegistrationStatus.options)[number]) =>
    void api.call('registrations.setStatus', { id, status }, { silent: true }).then(refresh, fail);
  if (!data) return null;
  const held = data.registrations.filter((r) => r.status === 'pending' || r.status === 'confirmed').reduce((s, r) => s + r.seats, 0);
  return (
    <div className="page">
      <header className="page-header">
        <p>
          <a href="#/events">← {t('reg.back')}</a>
        </p>
        <h1>{t('reg.title', { event: event?.clientName ?? '' })}</h1>
        {event && (
          <p className="muted">
            {formatDateTime(event.startsAt)}
            {event.place ? ` · ${event.place}` : ''}
          </p>
        )}
        <p data-testid="registrations-summary">
          {data.capacity === null
            ? t('reg.noCapacity', { count: held })
            : t('reg.seats', { count: held, capacity: data.capacity, confirmed: t('reg.confirmedSeats', { count: data.confirmedSeats }) })}
        </p>
      </header>
      {isAdmin && (
        <section className="panel">
          <div className="inline-form">
            <label>
              {t('reg.capacity')}{' '}
              <input inputMode="numeric" value={capacity} onChange={(e) => setCapacity(e.target.value)} style={{ width: '6rem' }} />
            </label>
            <button type="button" onClick={saveCapacity}>
              {t('reg.saveCapacity')}
            </button>
          </div>
          <form className="inline-form" onSubmit={add} style={{ marginTop: '0.75rem' }}>
            <input
              aria-label={t('reg.name')}
              placeholder={t('reg.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={200}
            />
            <input
              aria-label={t('fields.email')}
              placeholder={t('fields.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              maxLength={200}
            />
            <input
              aria-label={t('reg.seatsLabel')}
              inputMode="numeric"
              value={seats}
              onChange={(e) => setSeats(e.target.value)}
              style={{ width: '4rem' }}
            />
            <button type="submit" className="primary">
              {t('reg.add')}
            </button>
          </form>
        </section>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <section className="panel history-section">
        {data.registrations.length === 0 ? (
          <p className="muted">{t('reg.none')}</p>
        ) : (
          <table className="table" data-testid="registrations">
            <thead>
              <tr>
                <th>{t('reg.name')}</th>
                <th>{t('fields.email')}</th>
                <th className="num">{t('reg.seatsLabel')}</th>
                <th>{t('reg.status')}</th>
                <th>{t('reg.when')}</th>
                {isAdmin && <th />}
              </tr>
            </thead>
            <tbody>
              {data.registrations.map((r) => (
                <tr key={r.id}>
                  <td>{r.name}</td>
                  <td>{r.email ?? ''}</td>
                  <td className="num">{r.seats}</td>
                  <td>
                    <span className={`chip status-${r.status}`}>{t(`reg.statuses.${r.status}`)}</span>
                  </td>
                  <td>{formatDateTime(r.registeredAt)}</td>
                  {isAdmin && (
                    <td>
                      <div className="inline-form">
                        {r.status !== 'confirmed' && r.status !== 'cancelled' && (
                          <button type="button" className="link-button" onClick={() => setStatus(r.id, 'confirmed')}>
                            {t('reg.confirm')}
                          </button>
                        )}
                        {r.status !== 'cancelled' && (
                          <button type="button" className="link-button" onClick={() => setStatus(r.id, 'cancelled')}>
                            {t('reg.cancel')}
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
