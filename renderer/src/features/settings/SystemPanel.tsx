import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useSystem } from '@renderer/stores/system';
import type { Output } from '@shared/contract/index';

export function SystemPanel() {
  const { t } = useTranslation('settings');
  const info = useSystem((s) => s.info);
  const [health, setHealth] = useState<Output<'system.health'> | null>(null);
  useEffect(() => {
    api.call('system.health', {}).then(setHealth, () => undefined);
  }, []);
  if (!info) return null;
  const rows: Array<[string, string]> = [
    [t('version'), info.version],
    [t('shell'), t(`shells.${info.shell}`)],
    [t('platform'), `${info.platform} · Node ${info.nodeVersion}`],
    [t('deviceId'), info.deviceId],
    [t('database'), info.dbPath],
    [t('schema'), `v${info.schemaVersion}`],
  ];
  return (
    <section className="panel" aria-labelledby="system-title">
      <h2 id="system-title">{t('system')}</h2>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd className={k === t('deviceId') || k === t('database') ? 'mono small' : undefined}>{v}</dd>
          </div>
        ))}
      </dl>
      {health && (
        <>
          <h3>
            {t('health')} — <span className={health.ok ? 'ok-text' : 'bad-text'}>{health.ok ? t('healthOk') : t('healthProblem')}</span>
          </h3>
          <ul className="checks">
            {health.checks.map((c) => (
              <li key={c.name} className={c.ok ? 'ok' : 'bad'}>
                <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> {t(`checks.${c.name}`, { defaultValue: c.name })}{' '}
                <span className="muted small">{checkDetail(t, c)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * A check's detail in words: the journal mode and foreign keys say "on", the secret store says
 * which kind; versions and errors are shown as they come.
 */
function checkDetail(t: (k: string, o?: Record<string, unknown>) => string, c: { name: string; ok: boolean; detail: string }): string {
  if (c.name === 'wal' || c.name === 'foreign_keys') return c.ok ? t('checkDetail.on') : t('checkDetail.off', { detail: c.detail });
  if (c.name === 'secrets') return t(`checkDetail.secrets.${c.detail}`, { defaultValue: c.detail });
  return c.detail;
}
