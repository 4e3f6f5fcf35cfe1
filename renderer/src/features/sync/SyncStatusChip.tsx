import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSync } from '@renderer/stores/sync';
import './sync.css';
import { formatDate, formatDateTime } from '@renderer/i18n/format';

/** Title-bar summary: last sync, pending changes, errors; opens the sync page. */
export function SyncStatusChip() {
  const { t } = useTranslation('sync');
  const status = useSync((s) => s.status);
  const watch = useSync((s) => s.watch);
  useEffect(() => watch(), [watch]);
  if (!status) return null;
  let label: string;
  let tone = 'ok';
  if (!status.configured) {
    // Not a backlog of trouble: this device simply has no hub yet; its changes wait for one.
    return (
      <a
        href="#/sync"
        className="chip sync-chip sync-muted"
        data-testid="sync-chip"
        title={t('chip.noHubTitle', { count: status.pending })}
      >
        ⇅ {t('chip.noHub')}
      </a>
    );
  } else if (status.running) label = t('chip.running');
  else if (status.lastRound?.error) {
    label = t(`chip.error.${status.lastRound.error.kind}`);
    tone = 'error';
  } else if (status.lastSuccessAt) {
    const today = new Date(status.lastSuccessAt).toDateString() === new Date().toDateString();
    label = today
      ? t('chip.lastToday', { when: formatDate(status.lastSuccessAt, { timeStyle: 'short' }) })
      : t('chip.last', { when: formatDateTime(status.lastSuccessAt) });
  } else label = t('chip.never');
  const extra = [
    status.pending ? t('chip.pending', { count: status.pending }) : null,
    status.deadLetters ? t('chip.deadLetters', { count: status.deadLetters }) : null,
  ].filter(Boolean);
  return (
    <a
      href="#/sync"
      className={`chip sync-chip sync-${tone}`}
      data-testid="sync-chip"
      title={status.lastRound?.error ? `${t('chip.open')} — ${status.lastRound.error.message}` : t('chip.open')}
    >
      ⇅ {label}
      {extra.length > 0 && ` · ${extra.join(' · ')}`}
    </a>
  );
}
