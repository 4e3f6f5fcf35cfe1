import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useSystem } from '@renderer/stores/system';
import { formatRelative } from '@renderer/i18n/format';
import { hrefFor } from '@renderer/app/router';
import type { AuditEntry } from '@shared/contract/system';
import type { Output } from '@shared/contract/index';
import type { User } from '@shared/model/user';
import { auditSentence } from '../settings/auditAction';

export function DeviceTile() {
  const { t } = useTranslation('dashboard');
  const info = useSystem((s) => s.info);
  const [health, setHealth] = useState<Output<'system.health'> | null>(null);
  useEffect(() => {
    api.call('system.health', {}).then(setHealth, () => undefined);
  }, []);
  return (
    <article className="tile" aria-labelledby="tile-device">
      <h2 id="tile-device">{t('device')}</h2>
      <p className="tile-figure">{info?.deviceName}</p>
      <p className={health?.ok === false ? 'bad-text' : 'ok-text'}>{health ? (health.ok ? t('healthOk') : t('healthProblem')) : '…'}</p>
    </article>
  );
}

export function TeamTile() {
  const { t } = useTranslation(['dashboard', 'common']);
  const [users, setUsers] = useState<User[] | null>(null);
  useEffect(() => {
    api.call('users.list', {}, { silent: true }).then(setUsers, () => setUsers(null));
  }, []);
  if (!users) return null;
  const byRole = (['admin', 'installer', 'viewer'] as const).map((r) => [r, users.filter((u) => u.role === r && u.active).length] as const);
  return (
    <article className="tile" aria-labelledby="tile-team">
      <h2 id="tile-team">{t('team')}</h2>
      <p className="tile-figure">{t('people', { count: users.filter((u) => u.active && u.role !== 'booth').length })}</p>
      <p className="muted">{byRole.map(([r, n]) => t(`roleCount.${r}`, { count: n })).join(' · ')}</p>
    </article>
  );
}

export function RecentActivityTile() {
  const { t } = useTranslation(['dashboard', 'settings']);
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  useEffect(() => {
    const load = () =>
      api.call('audit.list', { limit: 6 }, { silent: true }).then(
        (p) => setItems(p.items),
        () => setItems(null),
      );
    void load();
    return api.subscribe('audit.appended', () => void load());
  }, []);
  if (!items) return null;
  return (
    <article className="tile tile-wide" aria-labelledby="tile-activity">
      <h2 id="tile-activity">{t('recentActivity')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('noActivity')}</p>
      ) : (
        <ul className="activity">
          {items.map((a) => (
            <li key={a.id}>
              <span>{auditSentence(t, a)}</span>{' '}
              {a.outcome !== 'ok' && <span className={`badge badge-${a.outcome}`}>{t(`settings:outcomes.${a.outcome}`)}</span>}{' '}
              <span className="muted small">
                {/* Work the app did on its own (a forecast run, the demo) names nobody: just when. */}
                {a.userName ? `${a.userName} · ` : ''}
                {formatRelative(a.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <a href={hrefFor('settings')}>{t('seeAll')}</a>
    </article>
  );
}
