import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useCatalog } from '@renderer/stores/catalog';
import { useSystem } from '@renderer/stores/system';
import { navigate } from '@renderer/app/router';
import { CatalogTable } from './CatalogTable';
import { ProductForm } from './ProductForm';
import { ProductDetail } from './ProductDetail';
import { ServicesList } from './ServicesList';
import { downloadCsv } from './exportCsv';
import { MeaningSearch } from './MeaningSearch';
import type React from 'react';
import './catalog.css';

/** #/catalog (products), #/catalog/new, #/catalog/product/<id>, #/catalog/services. */
export default function CatalogPage({ route }: { route: string[] }) {
  const { t } = useTranslation('catalog');
  const c = useCatalog();
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const [categories, setCategories] = useState<string[]>([]);
  const dataVersion = useSystem((s) => s.dataVersion);
  useEffect(() => useCatalog.getState().watch(), []);
  const section = route[0];
  // Read again after any write and on every section change (a product saved elsewhere may bring a new category).
  useEffect(() => void api.call('catalog.categories', {}, { silent: true }).then(setCategories, () => undefined), [dataVersion, section]);
  if (route[0] === 'product' && route[1])
    return (
      <div className="page">
        <ProductDetail id={route[1]} />
      </div>
    );
  const tab = route[0] === 'services' ? 'services' : 'products';
  return (
    <div className="page catalog-page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <nav className="tabs" aria-label={t('title')}>
          <button aria-current={tab === 'products' ? 'page' : undefined} onClick={() => navigate('catalog')}>
            {t('products')}
          </button>
          <button aria-current={tab === 'services' ? 'page' : undefined} onClick={() => navigate('catalog', 'services')}>
            {t('services')}
          </button>
        </nav>
        <div className="toolbar">
          <button onClick={() => void downloadCsv(tab)}>{t('export')}</button>
          <button onClick={() => navigate('stock', 'import')}>{t('import')}</button>
        </div>
      </header>
      {tab === 'services' ? (
        <ServicesList />
      ) : route[0] === 'new' ? (
        <ProductForm
          onDone={(p) => {
            void c.reload();
            navigate(...(p ? ['catalog', 'product', p.id] : ['catalog']));
          }}
        />
      ) : (
        <>
          <MeaningSearch />
          <div className="toolbar">
            <input
              type="search"
              className="ct-search search-input"
              style={{ '--ph': t('search').length } as React.CSSProperties}
              placeholder={t('search')}
              aria-label={t('search')}
              value={c.q}
              onChange={(e) => c.setQuery({ q: e.target.value })}
              autoFocus
            />
            <select value={c.category} onChange={(e) => c.setQuery({ category: e.target.value })} aria-label={t('category')}>
              <option value="">{t('allCategories')}</option>
              {categories.map((cat) => (
                <option key={cat} value={cat}>
                  {cat}
                </option>
              ))}
            </select>
            <select value={c.status} onChange={(e) => c.setQuery({ status: e.target.value as typeof c.status })} aria-label={t('status')}>
              {(['active', 'archived', 'all'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`statuses.${s}`)}
                </option>
              ))}
            </select>
            <span className="muted" data-testid="catalog-total">
              {t('count', { count: c.total })}
            </span>
            {isAdmin && (
              <button className="primary" onClick={() => navigate('catalog', 'new')}>
                {t('newProduct')}
              </button>
            )}
          </div>
          <CatalogTable />
        </>
      )}
    </div>
  );
}
