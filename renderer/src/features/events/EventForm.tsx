import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, format, set as setTime } from 'date-fns';
import { api, ApiError } from '@renderer/api';
import { navigate } from '@renderer/app/router';
import { formatDateTime } from '@renderer/i18n/format';
import { say, sayCore, word, type Said } from '@renderer/api/fieldErrors';
import { useFocusFirstError } from '@renderer/app/useFocusFirstError';
import { useLeaveGuard } from '@renderer/app/useLeaveGuard';
import type { Booth } from '@shared/model/booth';

interface Fields {
  clientName: string;
  eventType: string;
  boothId: string;
  startsAt: string;
  endsAt: string;
  albumName: string;
  place: string;
  clientId: string;
}

/** <input type="datetime-local"> speaks local wall-clock time without a zone. */
const toLocalInput = (ms: number) => format(ms, "yyyy-MM-dd'T'HH:mm");
const fromLocalInput = (v: string) => (v ? new Date(v).getTime() : NaN);

function defaults(): Fields {
  const start = setTime(addDays(new Date(), 1), { hours: 18, minutes: 0, seconds: 0, milliseconds: 0 });
  return {
    clientName: '',
    eventType: '',
    boothId: '',
    startsAt: toLocalInput(start.getTime()),
    endsAt: toLocalInput(start.getTime() + 5 * 3_600_000),
    albumName: '',
    place: '',
    clientId: '',
  };
}

/** Create (#/events/new) or edit (#/events/<id>/edit) a booking of the calendar. */
export function EventForm({ id }: { id?: string }) {
  const { t } = useTranslation('events');
  const [f, setF] = useState<Fields>(defaults);
  /** What is stored (or the new form's defaults): leaving with anything else asks first. */
  const [stored, setStored] = useState<Fields>(f);
  const leave = useLeaveGuard(JSON.stringify(f) !== JSON.stringify(stored));
  const [booths, setBooths] = useState<Booth[]>([]);
  const [types, setTypes] = useState<string[]>([]);
  const [clients, setClients] = useState<Array<{ id: string; name: string; kind: string; companyName: string | null }>>([]);
  const [errors, setErrors] = useState<Partial<Record<keyof Fields, Said>>>({});
  const [serverError, setServerError] = useState<Said | null>(null);
  const [saving, setSaving] = useState(false);
  const focus = useFocusFirstError<HTMLFormElement>();
  useEffect(() => {
    void api.call('booths.list', {}, { silent: true }).then(setBooths, () => undefined);
    void api.call('bookings.types', {}, { silent: true }).then(setTypes, () => undefined);
    void api.call('clients.list', {}, { silent: true }).then(setClients, () => undefined);
  }, []);
  useEffect(() => {
    if (!id) return;
    void api.call('bookings.get', { id }).then((e) => {
      const loaded: Fields = {
        clientName: e.clientName,
        eventType: e.eventType ?? '',
        boothId: e.boothId ?? '',
        startsAt: toLocalInput(e.startsAt),
        endsAt: toLocalInput(e.endsAt),
        albumName: e.albumName ?? '',
        place: e.place ?? '',
        clientId: e.clientId ?? '',
      };
      setF(loaded);
      setStored(loaded);
    });
  }, [id]);
  /** The start of a new event that already ended, while the user is asked whether they meant it. */
  const [pastWarning, setPastWarning] = useState<number | null>(null);
  // The question takes the keyboard (Enter answers yes, Escape closes it and goes back to Save):
  // it used to appear below a Save button that kept focus, so Enter only asked it again.
  const saveRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (pastWarning !== null) askRef.current?.focus();
  }, [pastWarning]);
  const set = (k: keyof Fields) => (e: { target: { value: string } }) => {
    setPastWarning(null);
    setF((p) => ({ ...p, [k]: e.target.value }));
    // The field the user is correcting drops its error (it told them what to fix; it no longer applies).
    setErrors(({ [k]: _fixed, ...rest }) => rest);
  };
  /** Picking a client on file fills the event's client name (and its address as the place) when they are empty. */
  const pickClient = (e: { target: { value: string } }) => {
    const c = clients.find((x) => x.id === e.target.value);
    setF((p) => ({ ...p, clientId: e.target.value, clientName: p.clientName.trim() ? p.clientName : (c?.name ?? '') }));
  };

  const submit = async (ev: FormEvent | null, pastConfirmed = false) => {
    ev?.preventDefault();
    setServerError(null);
    const startsAt = fromLocalInput(f.startsAt);
    const endsAt = fromLocalInput(f.endsAt);
    const errs: Partial<Record<keyof Fields, Said>> = {};
    if (!f.clientName.trim()) errs.clientName = say('events:form.errors.client');
    if (!Number.isFinite(startsAt)) errs.startsAt = say('events:form.errors.date');
    if (!Number.isFinite(endsAt)) errs.endsAt = say('events:form.errors.date');
    else if (Number.isFinite(startsAt) && endsAt < startsAt) errs.endsAt = say('events:form.errors.order');
    setErrors(errs);
    if (Object.keys(errs).length) return focus.refused();
    // A new event that already ended is most often a typo in the year: ask before saving it.
    if (!id && endsAt < Date.now() && !pastConfirmed) return setPastWarning(startsAt);
    setPastWarning(null);
    const fields = {
      clientName: f.clientName.trim(),
      eventType: f.eventType.trim() || null,
      boothId: f.boothId || null,
      startsAt,
      endsAt,
      albumName: f.albumName.trim() || null,
      place: f.place.trim() || null,
      clientId: f.clientId || null,
    };
    setSaving(true);
    try {
      if (id) await api.call('bookings.update', { id, patch: fields }, { silent: true });
      else await api.call('bookings.create', fields, { silent: true });
      leave.release();
      navigate('events');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'conflict') {
        const d = e.details as { clientName?: string; startsAt?: number; endsAt?: number } | undefined;
        setErrors({
          boothId: say('events:form.errors.booked', { client: d?.clientName ?? '', from: d?.startsAt ?? '', to: d?.endsAt ?? '' }, [
            'from',
            'to',
          ]),
        });
        focus.refused();
      } else if (e instanceof ApiError && e.code === 'not_found' && (e.details as { field?: string } | undefined)?.field === 'clientId') {
        setErrors({ clientId: say('events:form.errors.clientGone') });
        focus.refused();
      } else setServerError(sayCore(e instanceof Error ? e.message : String(e)));
    } finally {
      setSaving(false);
    }
  };

  const error = (k: keyof Fields) =>
    errors[k] && (
      <p className="field-error" role="alert">
        {word(errors[k])}
      </p>
    );
  return (
    <div className="page">
      <header className="page-header">
        <p>
          <a href="#/events">← {t('form.back')}</a>
        </p>
        <h1>{id ? t('form.editTitle') : t('form.newTitle')}</h1>
      </header>
      <form ref={focus.ref} className="panel form-grid" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="event-client">{t('client')}</label>
        <div>
          <input
            id="event-client"
            value={f.clientName}
            onChange={set('clientName')}
            maxLength={200}
            aria-invalid={errors.clientName ? true : undefined}
            autoFocus
          />
          {error('clientName')}
        </div>
        {(clients.length > 0 || f.clientId) && (
          <>
            <label htmlFor="event-client-file">{t('form.clientFile')}</label>
            <div>
              <select id="event-client-file" value={f.clientId} onChange={pickClient} aria-invalid={errors.clientId ? true : undefined}>
                <option value="">{t('form.noClientFile')}</option>
                {f.clientId && !clients.some((c) => c.id === f.clientId) && <option value={f.clientId}>{t('form.clientNotHere')}</option>}
                {clients.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.companyName ? `${c.name} (${c.companyName})` : c.name}
                  </option>
                ))}
              </select>
              {error('clientId')}
              <p className="help small muted">{t('form.clientFileHelp')}</p>
            </div>
          </>
        )}
        <label htmlFor="event-place">{t('form.place')}</label>
        <div>
          <textarea
            id="event-place"
            value={f.place}
            onChange={set('place')}
            maxLength={300}
            rows={2}
            aria-invalid={errors.place ? true : undefined}
          />
          {error('place')}
          <p className="help small muted">{t('form.placeHelp')}</p>
        </div>
        <label htmlFor="event-type">{t('type')}</label>
        <div>
          <input id="event-type" value={f.eventType} onChange={set('eventType')} maxLength={100} list="event-types" />
          <datalist id="event-types">
            {types.map((x) => (
              <option key={x} value={x} />
            ))}
          </datalist>
          <p className="help small muted">{t('form.typeHelp')}</p>
        </div>
        <label htmlFor="event-booth">{t('booth')}</label>
        <div>
          <select id="event-booth" value={f.boothId} onChange={set('boothId')} aria-invalid={errors.boothId ? true : undefined}>
            <option value="">{t('form.noBooth')}</option>
            {booths.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
          {error('boothId')}
        </div>
        <label htmlFor="event-start">{t('form.start')}</label>
        <div>
          <input
            id="event-start"
            type="datetime-local"
            value={f.startsAt}
            onChange={set('startsAt')}
            aria-invalid={errors.startsAt ? true : undefined}
          />
          {error('startsAt')}
        </div>
        <label htmlFor="event-end">{t('form.end')}</label>
        <div>
          <input
            id="event-end"
            type="datetime-local"
            value={f.endsAt}
            onChange={set('endsAt')}
            aria-invalid={errors.endsAt ? true : undefined}
          />
          {error('endsAt')}
        </div>
        <label htmlFor="event-album">{t('form.album')}</label>
        <div>
          <input id="event-album" value={f.albumName} onChange={set('albumName')} maxLength={200} />
          <p className="help small muted">{t('form.albumHelp')}</p>
        </div>
        <span />
        <div className="form-actions">
          <button ref={saveRef} type="submit" className="primary" disabled={saving}>
            {t('form.save')}
          </button>
          {pastWarning !== null && (
            <div
              className="notice warn"
              role="alertdialog"
              aria-labelledby="event-past"
              data-testid="event-past"
              onKeyDown={(e) => {
                if (e.key !== 'Escape') return;
                e.preventDefault();
                setPastWarning(null);
                saveRef.current?.focus();
              }}
            >
              <p id="event-past">{t('form.pastWarning', { when: formatDateTime(pastWarning) })}</p>
              <button ref={askRef} type="button" onClick={() => void submit(null, true)}>
                {t('form.pastConfirm')}
              </button>
            </div>
          )}
          {serverError && (
            <p className="field-error" role="alert">
              {word(serverError)}
            </p>
          )}
        </div>
      </form>
    </div>
  );
}
