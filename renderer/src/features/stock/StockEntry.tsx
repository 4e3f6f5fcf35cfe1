import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useStock } from '../../stores/stock';
import { formatNumber } from '../../i18n/format';
import type { Product } from '../../../../shared/model/product';
import { fieldErrors } from '../catalog/fieldErrors';

interface Line {
  key: number;
  product: Product;
  quantity: number;
}

/**
 * Receiving a delivery at the keyboard: type or scan a SKU, Enter, type the quantity, Enter — the line
 * is added and focus is back on the SKU. Ctrl+Enter (or the button) records every line in one
 * transaction; nothing is recorded if one line is refused.
 */
export function StockEntry() {
  const { t } = useTranslation('stock');
  const locations = useStock((s) => s.locations);
  const reload = useStock((s) => s.load);
  const [type, setType] = useState<'in' | 'out' | 'adjust' | 'transfer'>('in');
  const [direction, setDirection] = useState<1 | -1>(1);
  const [locationId, setLocationId] = useState('');
  const [toLocationId, setToLocationId] = useState('');
  const [reason, setReason] = useState('');
  const [sku, setSku] = useState('');
  const [qty, setQty] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [matches, setMatches] = useState<Product[]>([]);
  const skuRef = useRef<HTMLInputElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);
  const from = locationId || locations.find((l) => l.kind === 'warehouse')?.id || '';
  const pending = useRef<Product | null>(null);

  const lookup = async (value: string) => {
    setSku(value);
    if (value.trim().length < 2) return setMatches([]);
    const res = await api.call('catalog.products.list', { q: value.trim(), limit: 8 }, { silent: true });
    setMatches(res.items);
  };
  // Scanners type the SKU and press Enter at once: read the typed value, and look it up if the list is stale.
  const pick = async (typed: string): Promise<Product | null> => {
    let found = matches;
    if (!found.some((p) => p.sku.toLowerCase() === typed.trim().toLowerCase())) {
      found = (await api.call('catalog.products.list', { q: typed.trim(), limit: 8 }, { silent: true })).items;
    }
    const exact = found.find((p) => p.sku.toLowerCase() === typed.trim().toLowerCase()) ?? (found.length === 1 ? found[0] : undefined);
    if (!exact) {
      setError(t('unknownSku', { sku: typed }));
      return null;
    }
    pending.current = exact;
    setSku(exact.sku);
    setError(null);
    qtyRef.current?.focus();
    return exact;
  };
  const addLine = async (typed: string = qty) => {
    const n = Number(typed.replace(/\s/g, '').replace(',', '.'));
    // The quantity was typed before the SKU lookup came back: resolve it now rather than drop the line.
    if (!pending.current && skuRef.current?.value.trim()) await pick(skuRef.current.value);
    if (!pending.current) return skuRef.current?.focus();
    if (!Number.isFinite(n) || n <= 0) return setError(t('quantityPositive'));
    // Captured now: the state updater runs later, after pending is cleared below.
    const product = pending.current;
    setLines((l) => [...l, { key: Date.now() + Math.random(), product, quantity: n }]);
    pending.current = null;
    setSku('');
    setQty('');
    setMatches([]);
    setError(null);
    skuRef.current?.focus();
  };
  const submit = async () => {
    if (!lines.length) return;
    setError(null);
    try {
      const res = await api.call(
        'stock.recordBatch',
        {
          movements: lines.map((l) => ({
            productId: l.product.id,
            locationId: from,
            type,
            quantity: l.quantity,
            reason,
            ...(type === 'transfer' ? { toLocationId } : {}),
            ...(type === 'adjust' ? { direction } : {}),
          })),
        },
        { silent: true },
      );
      setDone(t('recorded', { count: res.recorded }));
      setLines([]);
      void reload();
      skuRef.current?.focus();
    } catch (e) {
      // The batch is refused whole: keep every line so nothing typed is lost.
      const errs = fieldErrors(e);
      setError(Object.values(errs)[0] ?? String(e));
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };
  return (
    <section className="panel stock-entry" onKeyDown={onKey} aria-label={t('entryTitle')}>
      <h2>{t('entryTitle')}</h2>
      <div className="se-head">
        <label><span>{t('type')}</span>
          <select value={type} onChange={(e) => setType(e.target.value as typeof type)}>
            {(['in', 'out', 'adjust', 'transfer'] as const).map((x) => <option key={x} value={x}>{t(`types.${x}`)}</option>)}
          </select>
        </label>
        {type === 'adjust' && (
          <label><span>{t('direction')}</span>
            <select value={direction} onChange={(e) => setDirection(Number(e.target.value) as 1 | -1)}>
              <option value={1}>{t('found')}</option><option value={-1}>{t('lost')}</option>
            </select>
          </label>
        )}
        <label><span>{type === 'transfer' ? t('from') : t('location')}</span>
          <select value={from} onChange={(e) => setLocationId(e.target.value)}>
            {locations.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </label>
        {type === 'transfer' && (
          <label><span>{t('to')}</span>
            <select value={toLocationId} onChange={(e) => setToLocationId(e.target.value)}>
              <option value="">—</option>
              {locations.filter((l) => l.id !== from).map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
            </select>
          </label>
        )}
        <label className="grow"><span>{t('reason')}</span><input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('reasonHint')} /></label>
      </div>
      <div className="se-line">
        <label className="grow"><span>{t('sku')}</span>
          <input ref={skuRef} value={sku} list="se-skus" autoComplete="off" data-testid="se-sku" onChange={(e) => void lookup(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter' && !e.ctrlKey) { e.preventDefault(); void pick(e.currentTarget.value); } }} />
          <datalist id="se-skus">{matches.map((p) => <option key={p.id} value={p.sku}>{p.name}</option>)}</datalist>
        </label>
        <label><span>{t('quantity')}</span>
          <input ref={qtyRef} value={qty} inputMode="decimal" data-testid="se-qty" onChange={(e) => setQty(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter' && !e.ctrlKey) { e.preventDefault(); void addLine(e.currentTarget.value); } }} />
        </label>
        <button onClick={() => void addLine()}>{t('addLine')}</button>
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
      {done && !error && <p className="notice" role="status">{done}</p>}
      {lines.length > 0 && (
        <table className="table">
          <thead><tr><th>{t('sku')}</th><th>{t('product')}</th><th className="num">{t('quantity')}</th><th /></tr></thead>
          <tbody>{lines.map((l) => (
            <tr key={l.key}><td>{l.product.sku}</td><td>{l.product.name}</td><td className="num">{formatNumber(l.quantity)} {l.product.unit}</td>
              <td><button className="link-button" onClick={() => setLines((x) => x.filter((y) => y.key !== l.key))}>{t('remove')}</button></td></tr>
          ))}</tbody>
        </table>
      )}
      <div className="form-actions">
        <button className="primary" disabled={!lines.length || (type === 'transfer' && !toLocationId)} onClick={() => void submit()}>{t('record', { count: lines.length })}</button>
        <span className="muted small">{t('keyboardHint')}</span>
      </div>
    </section>
  );
}
