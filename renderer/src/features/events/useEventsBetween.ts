import { useEffect, useState } from 'react';
import { api } from '@renderer/api';
import { useSystem } from '@renderer/stores/system';
import { onDataChanged } from '@renderer/stores/dataFeed';
import type { BookingEvent } from '@shared/model/bookingEvent';

/** The events overlapping [from, to), read again after any change to events (here or synced in). */
export function useEventsBetween(from: number, to: number): BookingEvent[] {
  const dataVersion = useSystem((s) => s.dataVersion);
  const [items, setItems] = useState<BookingEvent[]>([]);
  const [reload, setReload] = useState(0);
  useEffect(() => onDataChanged(['events'], () => setReload((n) => n + 1)), []);
  useEffect(() => {
    void api.call('bookings.list', { from, to, limit: 1000 }, { silent: true }).then(setItems, () => setItems([]));
  }, [from, to, dataVersion, reload]);
  return items;
}
