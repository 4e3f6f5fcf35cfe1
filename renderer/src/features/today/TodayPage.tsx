import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { formatDate, formatDateTime, formatNumber, formatRelative } from '@renderer/i18n/format';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useSystem } from '@renderer/stores/system';
import type { TodayEntry, TodayView } from '@shared/model/today';
import { ChecklistPanel } from '../checklists/ChecklistPanel';
import { StatusDot } from '../fleet/BoothCard';
import { PowerOnButton } from '../fleet/PowerOnButton';
import { paperAmount, paperLeftText, reachWord } from '../fleet/paperWords';
import { ReloadForm } from '../fleet/ReloadForm';
import './today.css';

// In the app's locale (English: en-GB, 14:30), not the page's bare 'en', which wrote 02:30 PM.
const time = (ms: number) => formatDate(ms, { hour: '2-digit', minute: '2-digit' });

/** The installer's home: today's and tomorrow's events with their booths, from this device's data (works offline). */
export default function TodayPage() {
  const { t } = useTranslation('today');
  const [view, setView] = useState<TodayView | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(
    () =>
      void api.call('today.get', {}, { silent: true }).then(
        (v) => (setView(v), setFailed(false)),
        () => setFailed(true),
      ),
    [],
  );
  useEffect(() => {
    load();
    return onDataChanged(
      [
        'events',
        'booths',
        'checklist_items',
        'alerts',
        'speed_tests',
        'booth_health',
        'booth_counter_events',
        'stock_movements',
        'event_staff',
        'clients',
      ],
      load,
    );
  }, [load]);
  useEffect(() => {
    // Reachability and paper come as push events too; a light refresh keeps the ages honest.
    const offs = [api.subscribe('fleet.statusChanged', load), api.subscribe('booth.countersChanged', load)];
    return () => offs.forEach((o) => o());
  }, [load]);
  if (failed && !view) return <p className="muted">{t('failed')}</p>;
  if (!view) return <p className="muted">{t('loading', { ns: 'common' })}</p>;
  const today = view.entries.filter((e) => e.day === 'today');
  const tomorrow = view.entries.filter((e) => e.day === 'tomorrow');
  return (
    <div className="page today-page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <p className="muted">{formatDate(view.now, { dateStyle: 'full' })}</p>
        <p className="muted small" data-testid="data-age">
          {!view.hubConfigured
            ? t('age.local')
            : view.lastSyncAt
              ? t('age.synced', { when: formatRelative(view.lastSyncAt, view.now), at: formatDateTime(view.lastSyncAt) })
              : t('age.never')}
        </p>
      </header>
      <DaySection title={t('today')} entries={today} empty={t('noneToday')} />
      <DaySection title={t('tomorrow')} entries={tomorrow} empty={t('noneTomorrow')} />
    </div>
  );
}

function DaySection({ title, entries, empty }: { title: string; entries: TodayEntry[]; empty: string }) {
  return (
    <section className="today-day" aria-label={title}>
      <h2>{title}</h2>
      {entries.length === 0 ? <p className="muted">{empty}</p> : entries.map((e) => <EventCard key={e.event.id} entry={e} />)}
    </section>
  );
}

function EventCard({ entry }: { entry: TodayEntry }) {
  const { t } = useTranslation('today');
  const role = useSystem((s) => s.info?.user.role);
  const canAct = role === 'admin' || role === 'installer';
  const [open, setOpen] = useState(false);
  const [reloading, setReloading] = useState(false);
  const { event, booth, paper, checklist } = entry;
  return (
    <article
      className={`panel today-event${entry.mine ? ' today-mine' : ''}`}
      data-event={event.clientName}
      data-mine={entry.mine ? 'true' : undefined}
      aria-label={event.clientName}
    >
      <header className="today-event-head">
        <h3>
          <a href={`#/events/${event.id}`}>{event.clientName}</a>
        </h3>
        <span className="today-time">
          {new Date(event.startsAt).toDateString() === new Date(event.endsAt).toDateString()
            ? `${time(event.startsAt)} – ${time(event.endsAt)}`
            : `${formatDateTime(event.startsAt)} – ${formatDateTime(event.endsAt)}`}
        </span>
        {event.eventType && <span className="chip">{event.eventType}</span>}
        <span className="chip">{t(`statuses.${event.status}`, { ns: 'events' })}</span>
        {entry.mine && (
          <span className="chip today-mine-chip" data-testid="today-mine">
            {t('mine')}
          </span>
        )}
      </header>
      {entry.crew.length > 0 && (
        <p className="muted small today-crew" data-testid="today-crew">
          {t('crew', { names: entry.crew.join(', ') })}
        </p>
      )}
      <VenueBlock entry={entry} />
      {!booth ? (
        <p className="muted">{t('noBooth')}</p>
      ) : (
        <div className="today-booth">
          <p>
            <a href={`#/fleet/${booth.id}`}>
              <strong>{booth.name}</strong>
            </a>{' '}
            <span data-testid="booth-status">
              <StatusDot status={booth.status} /> {t(`status.${booth.status}`, { ns: 'fleet' })}
            </span>
            {' · '}
            <span>{t('reachPc', { ns: 'fleet', state: reachWord(booth.pcConnected, t) })}</span>
            {' · '}
            <span>{t('reachRouter', { ns: 'fleet', state: reachWord(booth.routerConnected, t) })}</span>
          </p>
          <p data-testid="paper">
            {/* The chip says what the roll in the printer holds; the verdict says what it means for this event (never read as a contradiction). */}
            <span className={`chip level-chip level-${booth.paperLevel}`}>{t(`roll.${booth.paperLevel}`)}</span> {paperLeftText(booth, t)}
            {paper && (
              <>
                {' · '}
                {t('paperExpected', { amount: paperAmount(booth, paper.expected, t) })}{' '}
                {!paper.enough ? (
                  <strong className="warn-text">{t('bringRolls', { count: paper.rollsToBring })}</strong>
                ) : booth.paperLevel === 'ok' ? (
                  <strong className="ok-text">{t('paperEnough')}</strong>
                ) : (
                  <strong className="ok-text">{t('paperEnoughSpare')}</strong>
                )}
              </>
            )}
          </p>
          <p className="muted small">
            {entry.lastSpeedTest
              ? entry.lastSpeedTest.error
                ? t('speedFailed', { when: formatRelative(entry.lastSpeedTest.testedAt), error: entry.lastSpeedTest.error })
                : t('speed', {
                    down: formatNumber(entry.lastSpeedTest.downMbps ?? 0, { maximumFractionDigits: 1 }),
                    up: formatNumber(entry.lastSpeedTest.upMbps ?? 0, { maximumFractionDigits: 1 }),
                    ping: formatNumber(entry.lastSpeedTest.pingMs ?? 0, { maximumFractionDigits: 0 }),
                    when: formatRelative(entry.lastSpeedTest.testedAt),
                  })
              : t('noSpeed')}
            {' · '}
            {entry.health
              ? t('health', {
                  disk: entry.health.diskFreePct === null ? '—' : formatNumber(entry.health.diskFreePct, { maximumFractionDigits: 0 }),
                  temp: entry.health.temperatureC === null ? '—' : formatNumber(entry.health.temperatureC, { maximumFractionDigits: 0 }),
                  when: formatRelative(entry.health.sampledAt),
                })
              : t('noHealth')}
          </p>
          {canAct && reloading && <ReloadForm booth={booth} onDone={() => undefined} onCancel={() => setReloading(false)} />}
          {entry.openAlerts.length > 0 && (
            <p data-testid="today-alerts">
              <span className="muted">{t('openAlerts')} </span>
              {entry.openAlerts.map((a) => (
                <span key={a.id} className={`chip level-chip level-${a.severity === 'critical' ? 'critical' : 'warning'}`}>
                  {t(`alertKinds.${a.kind}`, { ns: 'alerts' })}
                </span>
              ))}
            </p>
          )}
          {canAct && (
            <div className="actions">
              <button type="button" onClick={() => setReloading((v) => !v)} aria-expanded={reloading}>
                {t('reloadForm.title', { ns: 'fleet' })}
              </button>
              <button
                type="button"
                onClick={() =>
                  void api.call('speedtest.run', { boothId: booth.id }).then(
                    () => undefined,
                    () => undefined,
                  )
                }
              >
                {t('speed.testNow', { ns: 'fleet' })}
              </button>
              {booth.mac && booth.status !== 'online' && <PowerOnButton boothId={booth.id} />}
            </div>
          )}
        </div>
      )}
      <div className="today-checklist">
        <span data-testid="today-checklist-progress">
          {checklist.total === 0 ? t('noChecklist') : t('checklistProgress', { done: checklist.done, total: checklist.total })}
        </span>
        {checklist.total > 0 && <progress max={checklist.total} value={checklist.done} aria-hidden="true" />}
        <button type="button" onClick={() => setOpen((v) => !v)} aria-expanded={open}>
          {open ? t('hideChecklist') : t('showChecklist')}
        </button>
      </div>
      {open && <ChecklistPanel eventId={event.id} headingLevel={3} />}
    </article>
  );
}

/** Where to go and who to call there: the event's place (else the client's address on file) and the client's phone. */
function VenueBlock({ entry }: { entry: TodayEntry }) {
  const { t } = useTranslation('today');
  const { event, client } = entry;
  const address = event.place ?? client?.address ?? null;
  const people = client ? [client, ...client.contacts].filter((p) => p.phone || p.email) : [];
  return (
    <div className="today-venue">
      <p data-testid="today-place">
        <span className="muted">{event.place || !address ? t('place') : t('clientAddress')} </span>
        {address ? <strong className="today-address">{address}</strong> : <span className="muted">{t('noPlace')}</span>}
      </p>
      {people.length > 0 && (
        <ul className="today-people" data-testid="today-client">
          {people.map((p, i) => (
            <li key={i}>
              <span>{p.name}</span>
              {p.phone && (
                <>
                  {' · '}
                  <a href={`tel:${p.phone.replace(/[^+\d]/g, '')}`}>{p.phone}</a>
                </>
              )}
              {p.email && (
                <>
                  {' · '}
                  <a href={`mailto:${p.email}`}>{p.email}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
