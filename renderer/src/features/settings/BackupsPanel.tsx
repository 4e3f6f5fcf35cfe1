import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useToasts } from '@renderer/stores/toasts';
import { formatBytes, formatDateTime } from '@renderer/i18n/format';
import type { BackupInfo } from '@shared/contract/backup';

export function BackupsPanel() {
  const { t } = useTranslation('settings');
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  const push = useToasts((s) => s.push);
  const refresh = useCallback(() => {
    api.call('backup.list', {}, { silent: true }).then(setBackups, () => setBackups(null));
  }, []);
  useEffect(refresh, [refresh]);
  if (backups === null) return null; // not an admin: the core refuses, nothing to show
  const backupNow = async () => {
    setBusy(true);
    try {
      await api.call('backup.create', {});
      refresh();
    } finally {
      setBusy(false);
    }
  };
  const restore = async (file: string) => {
    if (!window.confirm(t('restoreConfirm', { file }))) return;
    await api.call('backup.restore', { file });
    push({ kind: 'info', message: t('restoreScheduled') });
    refresh();
  };
  return (
    <section className="panel" aria-labelledby="backups-title">
      <h2 id="backups-title">{t('backups')}</h2>
      <p className="help">{t('backupsHelp')}</p>
      <button type="button" onClick={() => void backupNow()} disabled={busy}>
        {t('backupNow')}
      </button>
      {backups.length === 0 ? (
        <p className="muted">{t('noBackups')}</p>
      ) : (
        <table className="table compact">
          <tbody>
            {backups.slice(0, 10).map((b) => (
              <tr key={b.file}>
                <td>{formatDateTime(b.createdAt)}</td>
                <td>{t(`backupReasons.${b.reason}`)}</td>
                <td className="num">{formatBytes(b.sizeBytes)}</td>
                <td>
                  <button type="button" className="link-button danger" onClick={() => void restore(b.file).catch(() => undefined)}>
                    {t('restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
