import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForecast } from '@renderer/stores/forecast';
import { useJobs } from '@renderer/stores/jobs';
import { formatDateTime, formatNumber, formatRelative } from '@renderer/i18n/format';

/**
 * "Recompute" (incremental; Shift+click or the menu: everything), the run's progress from
 * job.progress with a Stop button, when the forecasts were computed and how many are stale.
 */
export function RunControls({ primary = false, label, showStatus = true }: { primary?: boolean; label?: string; showStatus?: boolean }) {
  const { t } = useTranslation('forecast');
  const f = useForecast();
  const own = useJobs((s) => s.jobs.find((j) => j.jobId === f.jobId));
  // A run this window did not start (the core's daily run, another window, the CLI on this database).
  // An empty run reports 0 / 0 once and nothing more: only a run with work to do counts.
  const other = useJobs((s) =>
    s.jobs.find((j) => j.jobId !== f.jobId && j.kind.split('.')[0] === 'forecast' && !j.finished && j.total > 0),
  );
  const [stopping, setStopping] = useState<string | null>(null);
  const job = own ?? other;
  const menu = useRef<HTMLDetailsElement>(null);
  // The menu closes on a click elsewhere or Escape, like any menu.
  useEffect(() => {
    const close = (e: Event) => {
      const m = menu.current;
      if (!m?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !m.contains(e.target as Node)) m.open = false;
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  const start = (mode: 'incremental' | 'full') => {
    if (menu.current) menu.current.open = false;
    void f.run(mode);
  };
  const running = f.jobId !== null || other !== undefined;
  const cancelling = f.jobId !== null ? f.cancelling : stopping === other?.jobId;
  const stop = () => {
    if (f.jobId !== null) return void f.cancel();
    if (other) {
      setStopping(other.jobId);
      void f.cancel(other.jobId);
    }
  };
  return (
    <div className="fc-run" data-testid="forecast-run">
      {!running ? (
        <span className="fc-split">
          <button
            className={primary ? 'primary' : ''}
            title={t('run.incrementalHint')}
            onClick={(e) => start(e.shiftKey ? 'full' : 'incremental')}
            data-testid="forecast-recompute"
          >
            {label ?? t('run.incremental')}
          </button>
          <details className="fc-menu" ref={menu}>
            <summary aria-label={t('run.more')} title={t('run.more')}>
              ▾
            </summary>
            <div className="fc-menu-list" role="menu">
              <button role="menuitem" onClick={() => start('incremental')}>
                {t('run.incrementalLong')}
              </button>
              <button role="menuitem" onClick={() => start('full')} data-testid="forecast-full">
                {t('run.full')}
              </button>
            </div>
          </details>
        </span>
      ) : (
        <span className="fc-progress" role="status" aria-live="polite">
          <span>{t('run.running')}</span>
          <progress
            max={job && job.total > 0 ? job.total : undefined}
            value={job && job.total > 0 ? job.done : undefined}
            aria-label={t('run.progress')}
          />
          {job && job.total > 0 && (
            <span className="muted small">{t('run.progressText', { done: formatNumber(job.done), total: formatNumber(job.total) })}</span>
          )}
          <button onClick={stop} disabled={cancelling} data-testid="forecast-cancel">
            {cancelling ? t('run.cancelling') : t('run.cancel')}
          </button>
        </span>
      )}
      {showStatus && (
        <span className="muted small" data-testid="forecast-computed">
          {f.computedAt === null ? (
            t('neverComputed')
          ) : (
            <>
              <span title={formatDateTime(f.computedAt)}>{t('computedAt', { when: formatRelative(f.computedAt) })}</span>
              {' · '}
              {f.stale > 0 ? <span className="warn-text">{t('stale', { count: f.stale })}</span> : t('upToDate')}
            </>
          )}
        </span>
      )}
      <RunOutcome />
    </div>
  );
}

function RunOutcome() {
  const { t } = useTranslation('forecast');
  const { lastRun, runError, runConflict } = useForecast();
  if (runConflict)
    return (
      <p className="muted small fc-outcome" role="status">
        {t('run.already')}
      </p>
    );
  if (runError)
    return (
      <p className="field-error fc-outcome" role="alert">
        {t('run.error', { message: runError })}
      </p>
    );
  if (!lastRun) return null;
  const seconds = formatNumber(lastRun.ms / 1000, { maximumFractionDigits: 1 });
  return (
    <p className="muted small fc-outcome" role="status" data-testid="forecast-outcome">
      {lastRun.cancelled
        ? t('run.cancelled', { computed: lastRun.computed })
        : t('run.done', { computed: lastRun.computed, skipped: lastRun.skipped, seconds })}
      {lastRun.failed.length > 0 && (
        <span
          className="warn-text"
          title={lastRun.failed
            .slice(0, 10)
            .map((f) => `${f.productId}: ${f.error}`)
            .join('\n')}
        >
          {' '}
          {t('run.failed', { count: lastRun.failed.length })}
        </span>
      )}
    </p>
  );
}
