import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { formatDate } from '@renderer/i18n/format';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { STAGES, type Stage } from '@shared/model/crm';
import type { Output } from '@shared/contract';
import { ClientForm } from './ClientForm';
import { ClientDetail } from './ClientDetail';
import { PipelineBoard } from './PipelineBoard';
import { Duplicates } from './Duplicates';
import { ImportClients } from './ImportClients';
import { LostReason } from './LostReason';
import { ClientsNav, CLIENT_TABLES } from './nav';
import type React from 'react';
import './clients.css';

/** #/clients · /new · /pipeline · /duplicates · /import · /<id> · /<id>/edit · /new?company=<id> (as /new/<companyId>). */
export default function ClientsPage({ route = [] }: { route?: string[] }) {
  const [first, second] = route;
  if (first === 'new') return <ClientForm key={`new-${second ?? ''}`} companyId={second} />;
  if (first === 'pipeline') return <PipelineBoard />;
  if (first === 'duplicates') return <Duplicates />;
  if (first === 'import') return <ImportClients />;
  if (first && second === 'edit') return <ClientForm key={first} id={first} />;
  if (first) return <ClientDetail id={first} />;
  return <ClientsList />;
}

function ClientsList() {
  const { t } = useTranslation('clients');
  const [search, setSearch] = useState('');
  const [stage, setStage] = useState<Stage | ''>('');
  const [items, setItems] = useState<Output<'clients.list'> | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => onDataChanged(CLIENT_TABLES, () => setReload((n) => n + 1)), []);
  useEffect(() => {
    const h = setTimeout(
      () =>
        void api
          .call('clients.list', { search: search.trim() || undefined, stage: stage || undefined }, { silent: true })
          .then(setItems, () => setItems([])),
      search ? 150 : 0,
    );
    return () => clearTimeout(h);
  }, [search, stage, reload]);
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        {items && <p className="muted">{t('summary', { count: items.length })}</p>}
      </header>
      <ClientsNav current="list" />
      <div className="filters">
        <input
          type="search"
          className="search-input"
          style={{ '--ph': t('search').length } as React.CSSProperties}
          aria-label={t('search')}
          placeholder={t('search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select aria-label={t('stage')} value={stage} onChange={(e) => setStage(e.target.value as Stage | '')}>
          <option value="">{t('allStages')}</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`stages.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {items && items.length === 0 && <p className="muted">{search || stage ? t('noMatch') : t('empty')}</p>}
      {items && items.length > 0 && (
        <div className="table-scroll panel" style={{ maxHeight: 'none' }}>
          <table className="table clients-table">
            <thead>
              <tr>
                <th>{t('cols.name')}</th>
                <th>{t('cols.contact')}</th>
                <th>{t('cols.stage')}</th>
                <th>{t('cols.next')}</th>
                <th className="num">{t('cols.quotes')}</th>
                <th className="num">{t('cols.events')}</th>
                <th className="num">{t('cols.orders')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a href={`#/clients/${c.id}`}>{c.name}</a>
                    {c.companyName && <div className="muted small">{c.companyName}</div>}
                    {c.tags.length > 0 && (
                      <div className="tags">
                        {c.tags.map((x) => (
                          <span key={x} className="chip small">
                            {x}
                          </span>
                        ))}
                      </div>
                    )}
                  </td>
                  <td>
                    {c.email && <div>{c.email}</div>}
                    {c.phone && <div className="muted small">{c.phone}</div>}
                  </td>
                  <td>
                    <span className={`chip stage-${c.stage}`}>{t(`stages.${c.stage}`)}</span>
                    {c.stage === 'lost' && <LostReason reason={c.lostReason} />}
                  </td>
                  <td>
                    {c.nextAction ?? ''}
                    {c.nextActionAt && <div className="muted small">{formatDate(c.nextActionAt)}</div>}
                  </td>
                  <td className="num">{c.quotes}</td>
                  <td className="num">{c.events}</td>
                  <td className="num">{c.orders}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
