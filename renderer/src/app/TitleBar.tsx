import { useTranslation } from 'react-i18next';
import { useSystem } from '../stores/system';
import { useSession } from '../stores/session';
import { useConnection } from '../api';
import { TITLE_BAR_ITEMS } from './slots';
import { JobsIndicator } from './JobsIndicator';

export function TitleBar() {
  const { t } = useTranslation('common');
  const info = useSystem((s) => s.info);
  const connection = useConnection((s) => s.state);
  const session = useSession((s) => s.status);
  const signOut = useSession((s) => s.signOut);
  return (
    <header className="titlebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>{' '}
        {t('appName')}
      </div>
      <div className="titlebar-meta">
        {info && (
          <>
            <span className="chip" title={info.deviceId}>
              {info.deviceName} · {t(`modes.${info.mode}`)}
            </span>
            <span className="chip" data-testid="current-user">
              {info.user.displayName} · {t(`roles.${info.user.role}`)}
            </span>
            {session?.kind === 'user' && (
              <button type="button" className="chip" onClick={() => void signOut()}>
                {t('signOut')}
              </button>
            )}
          </>
        )}
        <JobsIndicator />
        {TITLE_BAR_ITEMS.map(({ id, component: Item }) => (
          <Item key={id} />
        ))}
        <span className={`chip connection connection-${connection}`} role="status">
          {t(`connection.${connection}`)}
        </span>
      </div>
    </header>
  );
}
