import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '@renderer/i18n/format';
import { CalendarNav } from './CalendarNav';
import { useEventsBetween } from './useEventsBetween';

/** The 6 × 7 days (Monday first) shown for a month, as local midnights. */
export function monthGrid(year: number, month: number): Date[] {
  const first = new Date(year, month, 1);
  const offset = (first.getDay() + 6) % 7;
  return Array.from({ length: 42 }, (_, i) => new Date(year, month, 1 - offset + i));
}

/** #/events/month: the month's events day by day (the list stays at #/events). */
export function MonthCalendar() {
  const { t } = useTranslation('events');
  const [cursor, setCursor] = useState(() => {
    const d = new Date();
    return { y: d.getFullYear(), m: d.getMonth() };
  });
  const days = monthGrid(cursor.y, cursor.m);
  const last = days[41]!;
  const items = useEventsBetween(days[0]!.getTime(), new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1).getTime());
  const move = (delta: number) =>
    setCursor((c) => ({ y: c.m + delta < 0 ? c.y - 1 : c.m + delta > 11 ? c.y + 1 : c.y, m: (c.m + delta + 12) % 12 }));
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const weekdays = days.slice(0, 7).map((d) => formatDate(d, { weekday: 'short' }));
  return (
    <div className="page">
      <CalendarNav
        view="month"
        label={formatDate(new Date(cursor.y, cursor.m, 1), { month: 'long', year: 'numeric' })}
        labelId="cal-month"
        prevLabel={t('prevMonth')}
        nextLabel={t('nextMonth')}
        onMove={move}
      />
      <div className="month-grid panel" role="grid" aria-labelledby="cal-month">
        {weekdays.map((w) => (
          <div key={w} className="cal-head" role="columnheader">
            {w}
          </div>
        ))}
        {days.map((d) => {
          const start = d.getTime();
          // The next local midnight, not 24 h on: a DST day lasts 23 or 25 hours.
          const end = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
          const mine = items.filter((e) => e.startsAt < end && e.endsAt > start);
          const classes = ['cal-day', d.getMonth() !== cursor.m ? 'other-month' : '', d.getTime() === today.getTime() ? 'today' : '']
            .filter(Boolean)
            .join(' ');
          return (
            <div key={start} className={classes} role="gridcell" data-day={d.getDate()}>
              <span className="cal-date">{d.getDate()}</span>
              {mine.map((e) => (
                <a
                  key={e.id}
                  className={`cal-event status-${e.status}`}
                  href={`#/events/${e.id}`}
                  title={`${e.clientName}${e.boothName ? ` · ${e.boothName}` : ''}`}
                >
                  {e.clientName}
                </a>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
