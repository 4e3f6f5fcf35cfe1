import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotion } from '@renderer/stores/notion';
import { formatDateTime } from '@renderer/i18n/format';
import './notion.css';

/** Settings page panel: whether Notion feeds OpsDeck and what; the connection and mappings are on the Notion page. */
export function NotionSettingsSection() {
  const { t } = useTranslation('notion');
  const st = useNotion((s) => s.status);
  const watch = useNotion((s) => s.watch);
  useEffect(() => watch(), [watch]);
  return (
    <section className="panel notion-settings-section" data-testid="settings-notion">
      <h2>{t('title')}</h2>
      {!st?.connected ? (
        <p className="muted">{t('section.off')}</p>
      ) : (
        <ul className="plain">
          <li>{t('connection.on', { url: st.baseUrl })}</li>
          <li>
            {st.sources.length
              ? st.sources.map((s) => `${t(`entities.${s.entity}`)} ← ${s.dataSourceName}`).join(' · ')
              : t('sources.noneYet')}
          </li>
          <li>{st.lastRun ? t('section.lastRun', { when: formatDateTime(st.lastRun.startedAt) }) : t('report.never')}</li>
        </ul>
      )}
      <p>
        <a href="#/notion" data-testid="open-notion">
          {t('section.open')}
        </a>
      </p>
    </section>
  );
}
