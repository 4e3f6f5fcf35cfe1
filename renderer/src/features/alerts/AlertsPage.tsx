import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { formatDateTime } from '../../i18n/format';
import { useSystem } from '../../stores/system';
import type { Alert } from '../../../../shared/model/alert';
import '../fleet/fleet.css';

/** Alert centre: open alerts first, then the recently cleared ones; live through push events. */
export default function AlertsPage() {
  const { t } = useTranslation('alerts');
  const [tab, setTab] = useState<'open' | 'all'>('open');
  const [items, setItems] = useState<Alert[] | null>(null);
  const dataVersion = useSystem((s) => s.dataVersion);
  useEffect(() => {
    const load = () => void api.call('alerts.list', { open: tab === 'open' ? true : undefined, limit: 200 }, { silent: true }).then(setItems, () => setItems([]));
    load();
    const offs = [api.subscribe('alert.raised', load), api.subscribe('alert.cleared', load)];
    const poll = setInterval(load, 5000);
    return () => {
      offs.forEach((o) => o());
      clearInterval(poll);
    };
  }, [tab, dataVersion]);
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
      </header>
      <div className="filters">
        <div role="radiogroup" aria-label={t('show')} className="segmented">
          {(['open', 'all'] as const).map((k) => (
            <label key={k} className={tab === k ? 'selected' : undefined}>
              <input type="radio" name="alert-tab" checked={tab === k} onChange={() => setTab(k)} />
              {t(`tabs.${k}`)}
            </label>
          ))}
        </div>
      </div>
      {items && items.length === 0 && <p className="muted">{tab === 'open' ? t('noneOpen') : t('none')}</p>}
      {items && items.length > 0 && (
        <table className="table panel">
          <thead>
            <tr><th>{t('severity')}</th><th>{t('booth')}</th><th>{t('what')}</th><th>{t('raised')}</th><th>{t('cleared')}</th></tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} className={`alert-row severity-${a.severity}`} data-kind={a.kind}>
                <td><span className={`chip level-chip level-${a.severity === 'critical' ? 'critical' : 'warning'}`}>{t(`severities.${a.severity}`)}</span></td>
                <td><a href={`#/fleet/${a.boothId}`}>{a.boothName}</a></td>
                <td>{t(`alertKinds.${a.kind}`)} <span className="muted small">{describe(a, t)}</span></td>
                <td>{formatDateTime(a.raisedAt)}</td>
                <td>{a.clearedAt ? formatDateTime(a.clearedAt) : <strong>{t('stillOpen')}</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Localised detail from the alert's structured details (the stored message is the English log line). */
function describe(a: Alert, t: (k: string, o?: Record<string, unknown>) => string): string {
  const d = a.details as Record<string, number | undefined>;
  switch (a.kind) {
    case 'paper_warning':
    case 'paper_critical':
      return t('detail.paper', { n: d.remaining });
    case 'disk_low':
      return t('detail.disk', { pct: d.diskFreePct });
    case 'high_temperature':
      return t('detail.temp', { c: d.temperatureC });
    case 'print_burst':
      return t('detail.burst', { left: d.minutesLeft, end: d.minutesToEnd });
    default:
      return '';
  }
}
