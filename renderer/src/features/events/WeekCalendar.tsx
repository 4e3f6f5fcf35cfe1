import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '@renderer/i18n/format';
import { CalendarNav } from './CalendarNav';
import { useEventsBetween } from './useEventsBetween';

/** The Monday (local midnight) of the week holding this day. */
export function mondayOf(d: Date): Date {
  const m = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  m.setDate(m.getDate() - ((m.getDay() + 6) % 7));
  return m;
}

/** The 7 local midnights of the week starting on this Monday (DST-safe: by calendar date, not by 24 h). */
export function weekDays(monday: Date): Date[] {
  return Array.from({ length: 7 }, (_, i) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i));
}

const time = (ms: number) => formatDate(ms, { hour: '2-digit', minute: '2-digit' });

/** #/events/week: the week's events day by day, with their hours and booth (the list stays at #/events). */
export function WeekCalendar() {
  const { t } = useTranslation('events');
  const [monday, setMonday] = useState(() => mondayOf(new Date()));
  const days = weekDays(monday);
  const items = useEventsBetween(days[0]!.getTime(), new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7).getTime());
  const move = (weeks: number) => setMonday((m) => new Date(m.getFullYear(), m.getMonth(), m.getDate() + 7 * weeks));
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const last = days[6]!;
  const sameYear = days[0]!.getFullYear() === last.getFullYear();
  const label = t('weekOf', {
    from: formatDate(days[0]!, sameYear ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' }),
    to: formatDate(last, { day: 'numeric', month: 'long', year: 'numeric' }),
  });
  return (
    <div className="page">
      <CalendarNav view="week" label={label} labelId="cal-week" prevLabel={t('prevWeek')} nextLabel={t('nextWeek')} onMove={move}>
        <button type="button" onClick={() => setMonday(mondayOf(new Date()))}>
          {t('thisWeek')}
        </button>
      </CalendarNav>
      <div className="week-grid panel" role="grid" aria-labelledby="cal-week">
        {days.map((d) => {
          const start = d.getTime();
          const end = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
          const mine = items.filter((e) => e.startsAt < end && e.endsAt > start).sort((a, b) => a.startsAt - b.startsAt);
          const isToday = start === today.getTime();
          return (
            <section
              key={start}
              className={`week-day${isToday ? ' today' : ''}`}
              role="gridcell"
              data-date={formatDate(d, { year: 'numeric', month: '2-digit', day: '2-digit' })}
            >
              <h3 className="week-day-head">
                <span className="week-weekday">{formatDate(d, { weekday: 'long' })}</span>{' '}
                <span className="cal-date">{formatDate(d, { day: 'numeric', month: 'short' })}</span>
              </h3>
              {mine.length === 0 && <p className="muted small">{t('noEventThatDay')}</p>}
              {mine.map((e) => {
                // An event running over midnight shows its hours on each day it covers.
                const hours =
                  e.startsAt >= start && e.endsAt <= end
                    ? `${time(e.startsAt)} – ${time(e.endsAt)}`
                    : e.startsAt >= start
                      ? t('fromTime', { time: time(e.startsAt) })
                      : e.endsAt <= end
                        ? t('untilTime', { time: time(e.endsAt) })
                        : t('allDay');
                return (
                  <a key={e.id} className={`week-event status-${e.status}`} href={`#/events/${e.id}`}>
                    <span className="week-event-time">{hours}</span>
                    <strong>{e.clientName}</strong>
                    {e.boothName && <span className="muted small">{e.boothName}</span>}
                  </a>
                );
              })}
            </section>
          );
        })}
      </div>
    </div>
  );
}
