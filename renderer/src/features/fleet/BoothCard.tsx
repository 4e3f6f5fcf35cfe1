import { useTranslation } from 'react-i18next';
import type { Booth } from '@shared/model/booth';
import type { Alert, WakeCommand } from '@shared/model/alert';
import { formatDateTime } from '@renderer/i18n/format';
import { navigate } from '@renderer/app/router';
import { PaperGauge } from './PaperGauge';
import { WakeState } from './WakeState';

export function StatusDot({ status }: { status: Booth['status'] }) {
  return <span className={`status-dot ${status}`} aria-hidden="true" />;
}

function reach(v: boolean | null, t: (k: string) => string) {
  return v === null ? t('reach.unknown') : v ? t('reach.up') : t('reach.down');
}

export function BoothCard({
  booth,
  alerts,
  wake,
  simulated = false,
  canWake,
  onWake,
}: {
  booth: Booth;
  alerts: Alert[];
  wake?: WakeCommand;
  simulated?: boolean;
  canWake: boolean;
  onWake(): void;
}) {
  const { t } = useTranslation('fleet');
  const waking = wake && (wake.state === 'queued' || wake.state === 'sent' || wake.state === 'waiting');
  return (
    <article className={`booth-card status-${booth.status}`} aria-label={booth.name} data-booth={booth.name}>
      <h2>
        <a href={`#/fleet/${booth.id}`}>{booth.name}</a>
        <span className="small booth-status" data-testid="booth-status">
          <StatusDot status={booth.status} />
          {t(`status.${booth.status}`)}
        </span>
        {simulated && (
          <span className="chip demo-chip" title={t('demoAgentHelp')} data-testid="demo-chip">
            {t('demoAgent')}
          </span>
        )}
      </h2>
      <PaperGauge booth={booth} />
      <div className="row muted">
        <span>{t('reachPc', { state: reach(booth.pcConnected, t) })}</span>·
        <span>{t('reachRouter', { state: reach(booth.routerConnected, t) })}</span>
      </div>
      <div className="row muted">{booth.lastSeen ? t('lastSeen', { when: formatDateTime(booth.lastSeen) }) : t('neverSeen')}</div>
      {alerts.length > 0 && (
        <div className="row">
          {alerts.map((a) => (
            <span key={a.id} className={`chip level-chip level-${a.severity === 'critical' ? 'critical' : 'warning'}`}>
              {t(`alertKinds.${a.kind}`, { ns: 'alerts' })}
            </span>
          ))}
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={() => navigate('fleet', booth.id)}>
          {t('details')}
        </button>
        {canWake && booth.mac && booth.status !== 'online' && (
          <button
            type="button"
            className="primary"
            onClick={onWake}
            disabled={!!waking}
            title={t('powerOnHelp', { routes: booth.wolRoutes.map((r) => t(`routes.${r}`)).join(' → ') })}
          >
            {t('powerOn')}
          </button>
        )}
        {wake && <WakeState wake={wake} />}
      </div>
    </article>
  );
}
