import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useCatalog, type SortField } from '@renderer/stores/catalog';
import { useSystem } from '@renderer/stores/system';
import { navigate } from '@renderer/app/router';
import { formatInputNumber, formatNumber, formatNumberFit, parseNumber } from '@renderer/i18n/format';
import type { Product } from '@shared/model/product';
import { fieldErrors } from '@renderer/api/fieldErrors';

const ROW_H = 36;
interface Col {
  key: SortField;
  width: string;
  numeric?: boolean;
  editable?: 'text' | 'number';
}
const COLS: Col[] = [
  { key: 'sku', width: '7rem', editable: 'text' },
  { key: 'name', width: 'minmax(10rem, 2fr)', editable: 'text' },
  { key: 'category', width: 'minmax(6rem, 1fr)', editable: 'text' },
  { key: 'supplier', width: 'minmax(6rem, 1fr)', editable: 'text' },
  { key: 'price', width: '5.5rem', numeric: true, editable: 'number' },
  { key: 'cost', width: '5.5rem', numeric: true, editable: 'number' },
  { key: 'onHand', width: '5rem', numeric: true },
  { key: 'leadTimeDays', width: '4.5rem', numeric: true, editable: 'number' },
  { key: 'ecoScore', width: '4.5rem', numeric: true, editable: 'number' },
];
const GRID = [...COLS.map((c) => c.width), '8.5rem'].join(' ');

/** The whole catalog in one virtualized table: only visible rows exist in the DOM; pages load as you scroll. */
export function CatalogTable() {
  const { t } = useTranslation('catalog');
  const c = useCatalog();
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: c.total, getScrollElement: () => parent.current, estimateSize: () => ROW_H, overscan: 12 });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => c.ensure(first, last), [first, last, c.total, c.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const sortBy = (key: SortField) => c.setQuery({ sort: key, dir: c.sort === key && c.dir === 'asc' ? 'desc' : 'asc' });
  return (
    <div className="catalog-table" role="table" aria-rowcount={c.total + 1} data-testid="catalog-table">
      <div className="ct-row ct-head" role="row" style={{ gridTemplateColumns: GRID }}>
        {COLS.map((col) => (
          <button
            key={col.key}
            role="columnheader"
            className={col.numeric ? 'num' : ''}
            aria-sort={c.sort === col.key ? (c.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
            onClick={() => sortBy(col.key)}
          >
            {t(`col.${col.key}`)} {c.sort === col.key ? (c.dir === 'asc' ? '▲' : '▼') : ''}
          </button>
        ))}
        <span role="columnheader" />
      </div>
      <div ref={parent} className="ct-body">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {items.map((vi) => {
            const p = c.rows[vi.index];
            return (
              <div
                key={vi.key}
                role="row"
                className={`ct-row${p && !p.active ? ' archived' : ''}`}
                style={{
                  gridTemplateColumns: GRID,
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_H,
                  transform: `translateY(${vi.start}px)`,
                }}
              >
                {p ? <ProductRow p={p} canEdit={isAdmin} /> : <span className="muted ct-loading">…</span>}
              </div>
            );
          })}
        </div>
        {c.total === 0 && <p className="muted ct-empty">{t('empty')}</p>}
      </div>
    </div>
  );
}

function ProductRow({ p, canEdit }: { p: Product; canEdit: boolean }) {
  const { t } = useTranslation('catalog');
  const replace = useCatalog((s) => s.replace);
  const archive = async () => replace(await api.call('catalog.products.archive', { id: p.id, archived: p.active }));
  return (
    <>
      {COLS.map((col) => (
        <Cell key={col.key} p={p} col={col} canEdit={canEdit && !!col.editable} />
      ))}
      <span role="cell" className="ct-actions">
        <button className="link-button" onClick={() => navigate('catalog', 'product', p.id)}>
          {t('open')}
        </button>
        {canEdit && (
          <button className={p.active ? 'link-button danger' : 'link-button'} onClick={() => void archive()}>
            {p.active ? t('archive') : t('restore')}
          </button>
        )}
      </span>
    </>
  );
}

/** Double-click (or Enter) to edit; Enter saves, Escape cancels; a refused value keeps the input open with the reason. */
function Cell({ p, col, canEdit }: { p: Product; col: Col; canEdit: boolean }) {
  const { t } = useTranslation('catalog');
  const replace = useCatalog((s) => s.replace);
  const value = p[col.key as keyof Product] as string | number | null;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const money = col.key === 'price' || col.key === 'cost';
  const full =
    value === null || value === undefined
      ? '—'
      : col.numeric
        ? formatNumber(Number(value), money ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : undefined)
        : String(value);
  // A narrow numeric column never cuts a number: a long one is abbreviated, the full value in a tooltip.
  const shown = col.numeric && !money && typeof value === 'number' && full.length > 9 ? formatNumberFit(value, 9).text : full;
  // Edit fields speak the UI language too: "30,76", never "30.76".
  const draftOf = () =>
    value === null || value === undefined
      ? ''
      : col.editable === 'number' && typeof value === 'number'
        ? formatInputNumber(value)
        : String(value);
  // The value comes from the input itself: a fast typist or a scanner presses Enter before React re-renders.
  const save = async (raw: string | null = draft) => {
    if (raw === null) return;
    const draft = raw;
    let next: string | number | null = draft.trim();
    if (col.editable === 'number') {
      const n = parseNumber(draft);
      if (draft.trim() === '' && col.key === 'ecoScore') next = null;
      else if (n === null) return setError(t('notANumber'));
      else next = n;
    }
    setSaving(true);
    try {
      replace(await api.call('catalog.products.update', { id: p.id, patch: { [col.key]: next } }, { silent: true }));
      setDraft(null);
      setError(null);
    } catch (e) {
      const errs = fieldErrors(e);
      setError(errs[col.key] ?? Object.values(errs)[0] ?? t('saveFailed'));
    } finally {
      setSaving(false);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') void save(e.currentTarget.value);
    if (e.key === 'Escape') {
      setDraft(null);
      setError(null);
    }
  };
  if (draft !== null) {
    return (
      <span role="cell" className="ct-edit">
        <input
          autoFocus
          value={draft}
          readOnly={saving}
          aria-invalid={!!error}
          aria-label={t(`col.${col.key}`)}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKey}
          onBlur={(e) => !error && void save(e.currentTarget.value)}
        />
        {error && (
          <span className="field-error ct-error" role="alert">
            {error}
          </span>
        )}
      </span>
    );
  }
  return (
    <span
      role="cell"
      className={`${col.numeric ? 'num' : ''}${canEdit ? ' editable' : ''}`}
      tabIndex={canEdit ? 0 : -1}
      title={shown !== full ? full : canEdit ? t('editHint') : undefined}
      data-full={shown !== full ? full : undefined}
      onDoubleClick={() => canEdit && setDraft(draftOf())}
      onKeyDown={(e) => canEdit && e.key === 'Enter' && setDraft(draftOf())}
    >
      {shown}
    </span>
  );
}
