import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '@shared/model/assistant';
import { api } from '@renderer/api';
import type React from 'react';

/** Search the catalog, services and events by meaning (embeddings) or full text: the assistant's catalog_search. */
export function MeaningSearch() {
  const { t } = useTranslation('assistant');
  const [q, setQ] = useState('');
  const [res, setRes] = useState<{ mode: 'semantic' | 'fulltext'; hits: SearchHit[] } | null>(null);
  useEffect(() => {
    const query = q.trim();
    if (query.length < 2) {
      setRes(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void api
        .call('assistant.search', { q: query, limit: 8 }, { silent: true })
        .then((r) => live && setRes(r))
        .catch(() => live && setRes(null));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <div className="meaning-search" role="search">
      <label>
        {t('catalogSearch.label')}
        {res && <span className="muted small"> ({t(`catalogSearch.mode_${res.mode}`)})</span>}
        <input
          type="search"
          className="search-input"
          style={{ '--ph': t('catalogSearch.placeholder').length } as React.CSSProperties}
          value={q}
          placeholder={t('catalogSearch.placeholder')}
          onChange={(e) => setQ(e.target.value)}
          data-testid="meaning-search"
        />
      </label>
      {res && res.hits.length === 0 && <p className="muted small">{t('catalogSearch.none')}</p>}
      {res && res.hits.length > 0 && (
        <ul aria-label={t('catalogSearch.label')}>
          {res.hits.map((h) => (
            <li key={`${h.kind}:${h.id}`}>
              <a href={h.link}>{h.title}</a>{' '}
              <span className="muted small">
                · {t(`catalogSearch.kind.${h.kind}`)}
                {h.subtitle ? ` · ${h.subtitle}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
