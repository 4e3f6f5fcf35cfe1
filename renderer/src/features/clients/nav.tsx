import { useTranslation } from 'react-i18next';
import { navigate } from '@renderer/app/router';
import { useSystem } from '@renderer/stores/system';
import { downloadCsv } from '../catalog/exportCsv';

/** The tables a client's screens are computed from. */
export const CLIENT_TABLES = [
  'clients',
  'client_stage_changes',
  'client_messages',
  'quotes',
  'customer_orders',
  'events',
  'registrations',
  'event_staff',
];

export function ClientsNav({ current }: { current: 'list' | 'pipeline' | 'duplicates' | 'import' }) {
  const { t } = useTranslation('clients');
  const role = useSystem((s) => s.info?.user.role);
  const isAdmin = role === 'admin';
  // The whole list is the office's (installers read the clients of their events only).
  const mayExport = role === 'admin' || role === 'viewer';
  // The merge screen is the office's: an installer may not read the whole list it compares.
  const tabs = isAdmin
    ? (['list', 'pipeline', 'duplicates', 'import'] as const)
    : role === 'viewer'
      ? (['list', 'pipeline', 'duplicates'] as const)
      : (['list', 'pipeline'] as const);
  return (
    <div className="filters clients-nav">
      <div role="tablist" aria-label={t('title')} className="segmented">
        {tabs.map((v) => (
          <a
            key={v}
            role="tab"
            aria-selected={current === v}
            className={current === v ? 'selected' : undefined}
            href={v === 'list' ? '#/clients' : `#/clients/${v}`}
          >
            {t(v)}
          </a>
        ))}
      </div>
      <div className="clients-nav-actions">
        {mayExport && (
          <button type="button" data-testid="clients-export" onClick={() => void downloadCsv('clients')}>
            {t('exportCsv')}
          </button>
        )}
        {isAdmin && (
          <button type="button" className="primary" onClick={() => navigate('clients', 'new')}>
            {t('add')}
          </button>
        )}
      </div>
    </div>
  );
}
