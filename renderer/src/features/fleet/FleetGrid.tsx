import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFleet } from '@renderer/stores/fleet';
import { compareText } from '@renderer/i18n/format';
import { useSystem } from '@renderer/stores/system';
import { navigate } from '@renderer/app/router';
import { BoothCard } from './BoothCard';
import type React from 'react';

const FILTERS = ['all', 'online', 'offline', 'attention'] as const;
type Filter = (typeof FILTERS)[number];

export function FleetGrid() {
  const { t } = useTranslation('fleet');
  const { booths, alerts, wakes, loaded, wake, simulated } = useFleet();
  const role = useSystem((s) => s.info?.user.role);
  const canEdit = role === 'admin' || role === 'installer';
  const [filter, setFilter] = useState<Filter>('all');
  const [q, setQ] = useState('');
  const byBooth = useMemo(() => {
    const m = new Map<string, typeof alerts>();
    for (const a of alerts) m.set(a.boothId, [...(m.get(a.boothId) ?? []), a]);
    return m;
  }, [alerts]);
  // In the UI language's order ("Borne Écume" before "Borne Houle"), not the database's byte order.
  const shown = [...booths]
    .sort((a, b) => compareText(a.name, b.name))
    .filter((b) => {
      if (q && !b.name.toLowerCase().includes(q.toLowerCase())) return false;
      if (filter === 'online') return b.status === 'online';
      if (filter === 'offline') return b.status === 'offline' || b.status === 'unknown' || b.status === 'waking';
      if (filter === 'attention') return (byBooth.get(b.id)?.length ?? 0) > 0 || b.paperLevel !== 'ok';
      return true;
    });
  const counts = { online: booths.filter((b) => b.status === 'online').length, total: booths.length };
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <p className="muted">
          {t('summary', { online: counts.online, total: counts.total, alertsText: t('openAlerts', { count: alerts.length }) })}
        </p>
      </header>
      <div className="filters">
        <div role="radiogroup" aria-label={t('filter')} className="segmented">
          {FILTERS.map((f) => (
            <label key={f} className={filter === f ? 'selected' : undefined}>
              <input type="radio" name="fleet-filter" value={f} checked={filter === f} onChange={() => setFilter(f)} />
              {t(`filters.${f}`)}
            </label>
          ))}
        </div>
        <input
          type="search"
          className="search-input"
          style={{ '--ph': t('search').length } as React.CSSProperties}
          placeholder={t('search')}
          aria-label={t('search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        {canEdit && (
          <button type="button" onClick={() => navigate('fleet', 'new')}>
            {t('add')}
          </button>
        )}
      </div>
      {loaded && booths.length === 0 && <p className="muted">{t('empty')}</p>}
      {loaded && booths.length > 0 && shown.length === 0 && <p className="muted">{t('noMatch')}</p>}
      <div className="fleet-grid">
        {shown.map((b) => (
          <BoothCard
            key={b.id}
            booth={b}
            alerts={byBooth.get(b.id) ?? []}
            wake={wakes[b.id]}
            simulated={simulated.includes(b.id)}
            canWake={canEdit}
            onWake={() => void wake(b.id).catch(() => undefined)}
          />
        ))}
      </div>
    </div>
  );
}
