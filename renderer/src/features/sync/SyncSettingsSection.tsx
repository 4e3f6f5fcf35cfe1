import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSync } from '@renderer/stores/sync';
import './sync.css';

/** Settings page panel: where this device syncs, as whom and how often; the form is on the sync page. */
export function SyncSettingsSection() {
  const { t } = useTranslation('sync');
  const status = useSync((s) => s.status);
  const watch = useSync((s) => s.watch);
  useEffect(() => watch(), [watch]);
  return (
    <section className="panel sync-settings-section" data-testid="settings-sync">
      <h2>{t('section.title')}</h2>
      {!status?.configured ? (
        <p className="muted">{t('section.off')}</p>
      ) : (
        <ul className="plain">
          <li>{t('section.hub', { url: status.hubUrl })}</li>
          <li>
            {status.account ? t('section.account', { email: status.account.email, role: status.account.role }) : t('section.signedOut')}
          </li>
          <li>{status.enabled ? t('section.every', { minutes: status.intervalMinutes }) : t('section.paused')}</li>
          <li>{t(`section.live.${status.realtime}`)}</li>
        </ul>
      )}
      <p>
        <a href="#/sync">{t('section.open')}</a>
      </p>
    </section>
  );
}
