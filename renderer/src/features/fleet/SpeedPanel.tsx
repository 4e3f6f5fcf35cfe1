import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '@renderer/api';
import { formatDate, formatDateTime, formatNumber } from '@renderer/i18n/format';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useSystem } from '@renderer/stores/system';
import type { SpeedTest } from '@shared/model/booth';
import { DEFAULT_SPEED_EVERY_MIN, slowReason, type SpeedConfig } from '@shared/model/speedtest';

const when = (ms: number) => formatDate(ms, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
const SCHEDULES = [0, 15, 30, 60, 120, 360, 1440];

/** A booth's speed tests: chart over time (download, upload, latency), "Test now", its schedule and the warning thresholds. */
export function SpeedPanel({ boothId }: { boothId: string }) {
  const { t } = useTranslation('fleet');
  const role = useSystem((s) => s.info?.user.role);
  const [tests, setTests] = useState<SpeedTest[]>([]);
  const [cfg, setCfg] = useState<SpeedConfig | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    void api.call('speedtest.history', { boothId, days: 14 }, { silent: true }).then(setTests, () => undefined);
    void api.call('speedtest.config.get', {}, { silent: true }).then(setCfg, () => undefined);
  }, [boothId]);
  useEffect(() => {
    load();
    return onDataChanged(['speed_tests', 'settings'], load);
  }, [load]);
  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const r = await api.call('speedtest.run', { boothId }, { silent: true });
      if (r.error) setError(t('speed.failed', { error: r.error }));
      load();
    } catch (e) {
      setError(localizeCoreMessage((e as Error).message));
    } finally {
      setRunning(false);
    }
  };
  const last = tests.at(-1);
  const every = cfg ? (cfg.everyMin[boothId] ?? DEFAULT_SPEED_EVERY_MIN) : DEFAULT_SPEED_EVERY_MIN;
  const ok = tests.filter((x) => !x.error);
  return (
    <div className="speed-panel" data-testid="speed-panel">
      <div className="form-actions">
        {(role === 'admin' || role === 'installer') && (
          <button type="button" className="primary" onClick={() => void run()} disabled={running}>
            {running ? t('speed.running') : t('speed.testNow')}
          </button>
        )}
        <label className="inline-field">
          {t('speed.schedule')}{' '}
          <select
            value={every}
            disabled={role !== 'admin'}
            onChange={(e) =>
              void api.call('speedtest.schedule.set', { boothId, everyMin: Number(e.target.value) }).then(setCfg, () => undefined)
            }
          >
            {SCHEDULES.map((m) => (
              <option key={m} value={m}>
                {m === 0 ? t('speed.off') : t('speed.every', { count: m })}
              </option>
            ))}
          </select>
        </label>
        {cfg && (
          <span className="muted small">
            {t('speed.thresholds', {
              down: formatNumber(cfg.warnDownMbps),
              up: formatNumber(cfg.warnUpMbps),
              ping: formatNumber(cfg.warnPingMs),
            })}
          </span>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {last && (
        <p data-testid="speed-last" className={cfg && slowReason(last, cfg) ? 'bad-text' : undefined}>
          {last.error
            ? t('speed.lastFailed', { when: formatDateTime(last.testedAt), error: last.error })
            : t('speed.last', {
                when: formatDateTime(last.testedAt),
                down: formatNumber(last.downMbps ?? 0, { maximumFractionDigits: 1 }),
                up: last.upMbps === null ? '—' : formatNumber(last.upMbps, { maximumFractionDigits: 1 }),
                ping: formatNumber(last.pingMs ?? 0, { maximumFractionDigits: 0 }),
              })}
        </p>
      )}
      {ok.length === 0 ? (
        <p className="muted">{t('detail.noSpeed')}</p>
      ) : (
        <figure className="chart-box speed-chart" aria-label={t('speed.chart')}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={ok} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis dataKey="testedAt" tickFormatter={when} minTickGap={50} stroke="var(--muted)" fontSize={12} />
              <YAxis yAxisId="mbps" unit=" Mb/s" stroke="var(--muted)" fontSize={12} width={80} />
              <YAxis yAxisId="ms" orientation="right" unit=" ms" stroke="var(--muted)" fontSize={12} />
              <Tooltip labelFormatter={(v) => formatDateTime(Number(v))} />
              <Legend />
              <Line
                yAxisId="mbps"
                type="monotone"
                dataKey="downMbps"
                name={t('speed.down')}
                stroke="var(--accent)"
                dot={ok.length < 30}
                isAnimationActive={false}
              />
              <Line
                yAxisId="mbps"
                type="monotone"
                dataKey="upMbps"
                name={t('speed.up')}
                stroke="var(--ok)"
                dot={ok.length < 30}
                isAnimationActive={false}
                connectNulls
              />
              <Line
                yAxisId="ms"
                type="monotone"
                dataKey="pingMs"
                name={t('speed.ping')}
                stroke="var(--warn)"
                dot={ok.length < 30}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}
    </div>
  );
}
