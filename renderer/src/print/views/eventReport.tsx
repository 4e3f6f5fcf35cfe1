import { useTranslation } from 'react-i18next';
import { EventReportData } from '@shared/model/eventReport';
import { formatDate, formatDateTime, formatNumber } from '@renderer/i18n/format';
import type { PrintViewProps } from '../registry';

// In the app's locale (English: en-GB, 14:30), not the page's bare 'en', which wrote 02:30 PM.
const hour = (ms: number) => formatDate(ms, { hour: '2-digit', minute: '2-digit' });

/** The client's one-page report of an event: figures, per-hour chart (plain SVG), booth and dates. */
export default function EventReportView({ data }: PrintViewProps) {
  const { t } = useTranslation('reports');
  const r = EventReportData.parse(data);
  const max = Math.max(1, ...r.hours.map((h) => Math.max(h.sessions, h.prints)));
  const W = 640;
  const H = 180;
  const bw = r.hours.length ? W / r.hours.length : W;
  return (
    <div className="event-report">
      <p className="print-muted">{r.business?.name ?? 'OpsDeck'}</p>
      <h1>{t('title', { client: r.event.clientName })}</h1>
      <p>
        {formatDateTime(r.event.startsAt)} → {formatDateTime(r.event.endsAt)}
        {r.event.eventType ? ` · ${r.event.eventType}` : ''}
        {r.event.boothName ? ` · ${t('booth')} ${r.event.boothName}` : ''}
        {r.event.albumName ? ` · ${t('album')} ${r.event.albumName}` : ''}
      </p>
      <table className="report-figures">
        <tbody>
          <tr>
            {(['sessions', 'photos', 'prints', 'digital', 'gifs'] as const).map((k) => (
              <td key={k}>
                <div className="print-muted">{t(`totals.${k}`)}</div>
                <div className="report-figure">{formatNumber(r.totals[k])}</div>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <h2>{t('perHour')}</h2>
      <svg width={W} height={H + 24} role="img" aria-label={t('perHour')}>
        {r.hours.map((h, i) => (
          <g key={h.at}>
            <rect x={i * bw + 2} y={H - (h.sessions / max) * H} width={bw / 2 - 3} height={(h.sessions / max) * H} fill="#3b5bdb" />
            <rect x={i * bw + bw / 2} y={H - (h.prints / max) * H} width={bw / 2 - 3} height={(h.prints / max) * H} fill="#2f9e44" />
            <text x={i * bw + bw / 2} y={H + 16} fontSize="10" textAnchor="middle">
              {hour(h.at)}
            </text>
          </g>
        ))}
      </svg>
      <p className="print-muted">
        <span style={{ color: '#3b5bdb' }}>■</span> {t('totals.sessions')} · <span style={{ color: '#2f9e44' }}>■</span>{' '}
        {t('totals.prints')}
      </p>
      <p className="print-muted">{t('generated', { when: formatDateTime(r.generatedAt) })}</p>
    </div>
  );
}
