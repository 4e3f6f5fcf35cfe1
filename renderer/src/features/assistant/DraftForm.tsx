import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingEvent } from '@shared/model/bookingEvent';
import type { DraftKind } from '@shared/model/assistant';
import { api } from '@renderer/api';
import { useAssistant } from '@renderer/stores/assistant';
import { formatDateTime } from '@renderer/i18n/format';

const DAY = 86_400_000;

/** Draft a client follow-up, an event recap or a supplier order e-mail from the business's data. */
export function DraftForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation('assistant');
  const send = useAssistant((s) => s.send);
  const [kind, setKind] = useState<DraftKind>('client_followup');
  const [events, setEvents] = useState<BookingEvent[]>([]);
  const [eventId, setEventId] = useState('');
  const [supplier, setSupplier] = useState('');
  useEffect(() => {
    const now = Date.now();
    void api
      .call('bookings.list', { from: now - 60 * DAY, to: now + 30 * DAY, limit: 200 }, { silent: true })
      .then((list) => {
        setEvents(list);
        setEventId((cur) => cur || (list.at(-1)?.id ?? ''));
      })
      .catch(() => undefined);
  }, []);
  const event = events.find((e) => e.id === eventId);
  return (
    <form
      className="as-draft-form"
      onSubmit={(e) => {
        e.preventDefault();
        const text = t(`draft.request.${kind}`, { client: event?.clientName ?? '', supplier: supplier ? ` (${supplier})` : '' });
        void send(text, { kind, ...(kind === 'supplier_order' ? (supplier ? { supplier } : {}) : { eventId }) })
          .then(onDone)
          .catch(() => undefined);
      }}
    >
      <label>
        {t('draft.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as DraftKind)}>
          {(['client_followup', 'event_recap', 'supplier_order'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`draft.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {kind === 'supplier_order' ? (
        <label>
          {t('draft.supplier')}
          <input value={supplier} onChange={(e) => setSupplier(e.target.value)} />
        </label>
      ) : (
        <label>
          {t('draft.event')}
          <select value={eventId} onChange={(e) => setEventId(e.target.value)} required>
            {events.map((ev) => (
              <option key={ev.id} value={ev.id}>
                {ev.clientName} · {formatDateTime(ev.startsAt)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" className="primary" disabled={kind !== 'supplier_order' && !eventId}>
        {t('draft.write')}
      </button>
    </form>
  );
}
