import { useTranslation } from 'react-i18next';
import { navigate } from '@renderer/app/router';
import { useSystem } from '@renderer/stores/system';

/** The tables a client's screens are computed from. */
export const CLIENT_TABLES = ['clients', 'client_stage_changes', 'quotes', 'customer_orders', 'events', 'registrations'];

export function ClientsNav({ current }: { current: 'list' | 'pipeline' | 'duplicates' }) {
  const { t } = useTranslation('clients');
  const isAdmin = useSystem((s) => s.info?.user.role) === 'admin';
  return (
    <div className="filters clients-nav">
      <div role="tablist" aria-label={t('title')} className="segmented">
        {(['list', 'pipeline', 'duplicates'] as const).map((v) => (
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
      {isAdmin && (
        <button type="button" className="primary" onClick={() => navigate('clients', 'new')}>
          {t('add')}
        </button>
      )}
    </div>
  );
}
