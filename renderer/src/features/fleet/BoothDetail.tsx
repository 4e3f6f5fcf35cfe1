import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useSystem } from '@renderer/stores/system';
import { useFleet } from '@renderer/stores/fleet';
import { navigate } from '@renderer/app/router';
import { formatDateTime, formatNumber } from '@renderer/i18n/format';
import type { BoothDetail as Detail } from '@shared/contract/booths';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { PaperGauge } from './PaperGauge';
import { HealthCharts } from './HealthCharts';
import { StatusDot } from './BoothCard';
import { CorrectionForm } from './CorrectionForm';
import { WakeState } from './WakeState';
import { ReloadForm } from './ReloadForm';
import { PaperForecast } from './PaperForecast';
import { SpeedPanel } from './SpeedPanel';

export function BoothDetail({ id }: { id: string }) {
  const { t } = useTranslation('fleet');
  const [d, setD] = useState<Detail | null>(null);
  const [missing, setMissing] = useState(false);
  const role = useSystem((s) => s.info?.user.role);
  const canEdit = role === 'admin' || role === 'installer';
  const fleetBooths = useFleet((s) => s.booths);
  const wake = useFleet((s) => s.wakes[id]);
  const startWake = useFleet((s) => s.wake);
  const [wakeError, setWakeError] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const load = useCallback(() => {
    api.call('booths.get', { id, healthHours: 24 }, { silent: true }).then(setD, () => setMissing(true));
  }, [id]);
  // Reload when the fleet store sees this booth change (push or poll).
  const version = fleetBooths.find((b) => b.id === id)?.updatedAt;
  useEffect(load, [load, version]);
  if (missing)
    return (
      <div className="page">
        <p>{t('detail.notFound')}</p>
        <a href="#/fleet">{t('back')}</a>
      </div>
    );
  if (!d) return <div className="page" aria-busy="true" />;
  const b = d.booth;
  const remove = async () => {
    if (!window.confirm(t('detail.removeConfirm', { name: b.name }))) return;
    await api.call('booths.remove', { id: b.id });
    navigate('fleet');
  };
  const facts: Array<[string, string]> = [
    [t('form.hostname'), b.hostname ?? '—'],
    [t('form.mac'), b.mac ?? '—'],
    [t('form.pcAddress'), b.pcAddress ?? '—'],
    [t('form.routerAddress'), b.routerAddress ? `${b.routerAddress}:${b.routerWolPort}` : '—'],
    [t('form.wolRoutes'), b.wolRoutes.map((r) => t(`routes.${r}`)).join(' → ')],
    [t('lastSeenLabel'), b.lastSeen ? formatDateTime(b.lastSeen) : t('neverSeen')],
  ];
  return (
    <div className="page">
      <header className="page-header">
        <p>
          <a href="#/fleet">← {t('back')}</a>
        </p>
        <h1>
          {b.name}{' '}
          <span className="small">
            <StatusDot status={b.status} />
            {t(`status.${b.status}`)}
          </span>
        </h1>
      </header>
      {canEdit && b.mac && (
        <section className="panel wake-panel" aria-label={t('powerOn')}>
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              data-testid="booth-power-on"
              disabled={!!wake && (wake.state === 'queued' || wake.state === 'sent' || wake.state === 'waiting')}
              onClick={() => {
                setWakeError(null);
                startWake(b.id).catch((e: unknown) => setWakeError(localizeCoreMessage((e as Error).message)));
              }}
            >
              {t('powerOn')}
            </button>
            <span className="muted small">{t('powerOnHelp', { routes: b.wolRoutes.map((r) => t(`routes.${r}`)).join(' → ') })}</span>
          </div>
          {wake && <WakeState wake={wake} />}
          {wakeError && (
            <p className="field-error" role="alert">
              {wakeError}
            </p>
          )}
        </section>
      )}
      <div className="grid-2">
        <section className="panel">
          <h2>{t('paper.title')}</h2>
          <PaperGauge booth={b} />
          <p className="muted small">{t('detail.thresholds', { w: b.warningThreshold, c: b.criticalThreshold, cap: b.rollCapacity })}</p>
          {canEdit && (
            <div className="form-actions">
              <button type="button" onClick={() => setReloading(true)} aria-expanded={reloading}>
                {t('reloadForm.title')}
              </button>
              <button type="button" onClick={() => navigate('fleet', b.id, 'edit')}>
                {t('edit')}
              </button>
              <button type="button" className="danger" onClick={() => void remove()}>
                {t('detail.remove')}
              </button>
            </div>
          )}
          {canEdit && reloading && <ReloadForm booth={b} onDone={load} onCancel={() => setReloading(false)} />}
          {canEdit && <CorrectionForm boothId={b.id} onDone={load} />}
        </section>
        <section className="panel">
          <h2>{t('detail.facts')}</h2>
          <dl className="facts">
            {facts.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd className="mono small">{v}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      <section className="panel">
        <h2>{t('forecastPaper.title')}</h2>
        <PaperForecast booth={b} />
      </section>
      <section className="panel">
        <h2>{t('detail.health')}</h2>
        <HealthCharts samples={d.health} />
      </section>
      <section className="panel">
        <h2>{t('detail.events')}</h2>
        {d.events.length === 0 ? (
          <p className="muted">{t('detail.noEvents')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('detail.date')}</th>
                  <th>{t('detail.client')}</th>
                  <th className="num">{t('totals.sessions')}</th>
                  <th className="num">{t('totals.prints')}</th>
                  <th className="num">{t('totals.digital')}</th>
                  <th className="num">{t('totals.gifs')}</th>
                </tr>
              </thead>
              <tbody>
                {d.events.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTime(e.startsAt)}</td>
                    <td>
                      <a href={`#/events/${e.id}`}>{e.clientName}</a>
                    </td>
                    {e.startsAt > Date.now() ? (
                      // Not started yet (issue 11, defect 6): "à venir", never a row of zeros.
                      <td colSpan={4} className="muted" data-testid="booth-event-upcoming">
                        {t('upcoming', { ns: 'events' })}
                      </td>
                    ) : (
                      <>
                        <td className="num">{formatNumber(e.totals.sessions)}</td>
                        <td className="num">{formatNumber(e.totals.prints)}</td>
                        <td className="num">{formatNumber(e.totals.digital)}</td>
                        <td className="num">{formatNumber(e.totals.gifs)}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel">
        <h2>{t('detail.speed')}</h2>
        <SpeedPanel boothId={b.id} />
      </section>
    </div>
  );
}
