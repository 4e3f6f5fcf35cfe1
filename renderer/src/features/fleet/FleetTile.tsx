import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import type { Booth } from '@shared/model/booth';
import type { Alert } from '@shared/model/alert';

/** Dashboard tile: booths online and open alerts at a glance. */
export function FleetTile() {
  const { t } = useTranslation('fleet');
  const [data, setData] = useState<{ booths: Booth[]; alerts: Alert[] } | null>(null);
  useEffect(() => {
    void Promise.all([api.call('booths.list', {}, { silent: true }), api.call('alerts.list', { open: true }, { silent: true })]).then(
      ([booths, alerts]) => setData({ booths, alerts }),
      () => undefined,
    );
  }, []);
  if (!data) return <section className="tile" aria-busy="true" />;
  const online = data.booths.filter((b) => b.status === 'online').length;
  const low = data.booths.filter((b) => b.paperLevel !== 'ok').length;
  return (
    <section className="tile">
      <h2>
        <a href="#/fleet">{t('title')}</a>
      </h2>
      <p className="tile-figure">
        {online} / {data.booths.length}
      </p>
      <p className="muted small">
        {t('tile', { lowText: t('lowBooths', { count: low }), alertsText: t('alertsCount', { count: data.alerts.length }) })}
      </p>
    </section>
  );
}
