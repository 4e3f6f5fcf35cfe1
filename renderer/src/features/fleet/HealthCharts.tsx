import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HealthSample } from '@shared/model/booth';
import { formatDate } from '@renderer/i18n/format';

const time = (ms: number) => formatDate(ms, { hour: '2-digit', minute: '2-digit' });

export function HealthCharts({ samples }: { samples: HealthSample[] }) {
  const { t } = useTranslation('fleet');
  if (samples.length === 0) return <p className="muted">{t('detail.noHealth')}</p>;
  return (
    <div className="charts">
      <figure className="chart-box" aria-label={t('detail.loadChart')}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={samples} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="sampledAt" tickFormatter={time} minTickGap={40} stroke="var(--muted)" fontSize={12} />
            <YAxis domain={[0, 100]} unit="%" stroke="var(--muted)" fontSize={12} />
            <Tooltip labelFormatter={(v) => time(Number(v))} />
            <Legend />
            <Line type="monotone" dataKey="cpuPct" name={t('detail.cpu')} stroke="var(--accent)" dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="memUsedPct" name={t('detail.mem')} stroke="var(--ok)" dot={false} isAnimationActive={false} />
            <Line
              type="monotone"
              dataKey="diskFreePct"
              name={t('detail.diskFree')}
              stroke="var(--warn)"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="chart-box" aria-label={t('detail.tempChart')}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={samples} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="sampledAt" tickFormatter={time} minTickGap={40} stroke="var(--muted)" fontSize={12} />
            <YAxis stroke="var(--muted)" fontSize={12} />
            <Tooltip labelFormatter={(v) => time(Number(v))} />
            <Legend />
            <Line
              type="monotone"
              dataKey="temperatureC"
              name={t('detail.temp')}
              stroke="var(--bad)"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
            <Line
              type="monotone"
              dataKey="latencyMs"
              name={t('detail.latency')}
              stroke="var(--muted)"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
