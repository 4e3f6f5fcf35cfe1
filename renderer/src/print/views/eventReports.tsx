import { z } from 'zod';
import { EventReportData } from '@shared/model/eventReport';
import EventReportView from './eventReport';
import type { PrintViewProps } from '../registry';

const Reports = z.object({ reports: z.array(EventReportData).min(1) });

/** A month's client reports in one PDF: the one-page event report, once per event, each on its own page. */
export default function EventReportsView({ data, lang }: PrintViewProps) {
  const { reports } = Reports.parse(data);
  return (
    <>
      {reports.map((r, i) => (
        <div key={r.event.id} className={i < reports.length - 1 ? 'page-break-after' : undefined}>
          <EventReportView data={r} lang={lang} />
        </div>
      ))}
    </>
  );
}
