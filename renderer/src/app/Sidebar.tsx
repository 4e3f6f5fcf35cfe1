import { useTranslation } from 'react-i18next';
import { useSystem } from '../stores/system';
import { sidebarAreas } from './areas';
import { hrefFor } from './router';

export function Sidebar({ current }: { current: string }) {
  const { t } = useTranslation('nav');
  const mode = useSystem((s) => s.settings?.mode);
  return (
    <nav className="sidebar" aria-label={t('mainNav')} data-mode={mode}>
      <ul>
        {sidebarAreas(mode).map((a) => (
          <li key={a.id}>
            <a href={hrefFor(a.id)} aria-current={current === a.id ? 'page' : undefined} data-area={a.id}>
              <span className="nav-icon" aria-hidden="true">
                {a.icon}
              </span>
              <span>{t(a.labelKey)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
