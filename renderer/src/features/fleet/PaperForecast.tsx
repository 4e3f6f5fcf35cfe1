import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { formatDate, formatDateTime } from '@renderer/i18n/format';
import { onDataChanged } from '@renderer/stores/dataFeed';
import type { Booth } from '@shared/model/booth';
import type { BoothPaperForecast } from '@shared/model/forecast';
import { paperOutlook } from '@shared/model/paperOutlook';
import { paperAmount, paperLeftText } from './paperWords';

const DAYS = 30;

/** A booth's paper against its booked events (event-driven forecast): what they should use, when it runs out, reload before. */
export function PaperForecast({ booth }: { booth: Booth }) {
  const { t } = useTranslation('fleet');
  const [f, setF] = useState<BoothPaperForecast | null | undefined>(undefined);
  useEffect(() => {
    const load = () =>
      void api.call('forecast.booths', { days: DAYS }, { silent: true }).then(
        (all) => setF(all.find((x) => x.boothId === booth.id) ?? null),
        () => setF(null),
      );
    load();
    return onDataChanged(['events', 'booth_counter_events', 'booths'], load);
  }, [booth.id, booth.remainingPrints]);
  if (f === undefined) return null;
  if (f === null) return <p className="muted">{t('forecastPaper.none')}</p>;
  const o = paperOutlook(f);
  return (
    <div className="paper-forecast" data-testid="paper-forecast">
      <dl className="facts">
        <div>
          <dt>{t('forecastPaper.left')}</dt>
          <dd>{paperLeftText(booth, t)}</dd>
        </div>
        <div>
          <dt>{t('forecastPaper.expected', { days: DAYS })}</dt>
          <dd>
            {t('forecastPaper.p50p90', { p50: paperAmount(booth, o.p50, t), p90: paperAmount(booth, o.p90, t), count: f.events.length })}
          </dd>
        </div>
        <div>
          <dt>{t('forecastPaper.runsOut')}</dt>
          <dd data-testid="runs-out">{o.runsOutAt ? formatDate(o.runsOutAt, { dateStyle: 'full' }) : t('forecastPaper.lasts')}</dd>
        </div>
        <div>
          <dt>{t('forecastPaper.reloadBefore')}</dt>
          <dd data-testid="reload-before">
            {o.reloadBefore
              ? t('forecastPaper.reloadBeforeEvent', {
                  when: formatDateTime(o.reloadBefore.startsAt),
                  client: f.events.find((e) => e.eventId === o.reloadBefore!.eventId)?.clientName ?? '',
                })
              : t('forecastPaper.noReload')}
          </dd>
        </div>
      </dl>
      {f.events.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>{t('detail.date')}</th>
                <th>{t('detail.client')}</th>
                <th className="num">{t('forecastPaper.thisEvent')}</th>
                <th className="num">{t('forecastPaper.runningP50')}</th>
                <th className="num">{t('forecastPaper.runningP90')}</th>
              </tr>
            </thead>
            <tbody>
              {f.events.map((e) => (
                <tr key={e.eventId} className={e.cumulativeP90 > f.remainingPrints ? 'at-risk' : undefined}>
                  <td>{formatDateTime(e.startsAt)}</td>
                  <td>{e.clientName}</td>
                  <td className="num">{paperAmount(booth, e.expected, t)}</td>
                  <td className="num">{paperAmount(booth, e.cumulativeP50, t)}</td>
                  <td className="num">{paperAmount(booth, e.cumulativeP90, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
