import { useTranslation } from 'react-i18next';
import { useSystem } from '@renderer/stores/system';
import { formatDate } from '@renderer/i18n/format';
import { ErrorBoundary } from '@renderer/app/ErrorBoundary';
import { DASHBOARD_TILES } from './tiles';

export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const info = useSystem((s) => s.info);
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <p className="muted">
          {info ? t('greeting', { name: info.user.displayName.split(' ')[0] }) : ''} · {formatDate(Date.now(), { dateStyle: 'full' })}
        </p>
      </header>
      <div className="tiles">
        {DASHBOARD_TILES.map(({ id, component: Tile }) => (
          <ErrorBoundary key={id}>
            <Tile />
          </ErrorBoundary>
        ))}
      </div>
    </div>
  );
}
