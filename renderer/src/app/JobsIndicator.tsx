import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { listenToJobs, useJobs, type Job } from '../stores/jobs';
import { formatNumber, formatPercent } from '../i18n/format';

/**
 * A job's label: kind "forecast.catalog" is looked up as `forecast:jobs.catalog` (the feature's own
 * namespace; a bare kind "forecast" as `forecast:jobs.default`), else the core's message, else the raw kind.
 */
function useJobLabel() {
  const { t } = useTranslation();
  return (job: Job) => {
    const [ns, ...rest] = job.kind.split('.');
    // A bare kind ("forecast") reads `forecast:jobs.default`.
    return t(`${ns}:jobs.${rest.length ? rest.join('.') : 'default'}`, { defaultValue: job.message ?? job.kind });
  };
}

export function JobsIndicator() {
  const { t } = useTranslation('common');
  const jobs = useJobs((s) => s.jobs);
  const label = useJobLabel();
  useEffect(listenToJobs, []);
  if (jobs.length === 0) return null;
  return (
    <span className="jobs" role="status" aria-live="polite">
      {jobs.slice(0, 3).map((job) => {
        const ratio = job.total > 0 ? Math.min(1, job.done / job.total) : 0;
        return (
          <span key={job.jobId} className={`chip job${job.finished ? ' job-finished' : ''}`} title={job.message}>
            {job.finished ? (
              t(job.message === 'cancelled' ? 'jobs.stopped' : 'jobs.finished', { label: label(job) })
            ) : (
              <>
                {label(job)} <progress value={job.total > 0 ? job.done : undefined} max={job.total || undefined} aria-label={label(job)} />{' '}
                {job.total > 0 ? formatPercent(ratio) : job.done > 0 ? formatNumber(job.done) : t('jobs.starting')}
              </>
            )}
          </span>
        );
      })}
      {jobs.length > 3 && <span className="chip">{t('jobs.more', { count: jobs.length - 3 })}</span>}
    </span>
  );
}
