import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { formatNumber } from '@renderer/i18n/format';
import { useSystem } from '@renderer/stores/system';
import type { PaperStock } from '@shared/model/paperStock';
import type { Product } from '@shared/model/product';
import { fieldErrors } from '../catalog/fieldErrors';

/** Settings panel: the catalog product the booths' paper rolls are (reloads book them out of its stock). */
export function PaperStockSection() {
  const { t } = useTranslation('fleet');
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const [cfg, setCfg] = useState<PaperStock | null>(null);
  const [products, setProducts] = useState<Product[]>([]);
  const [productId, setProductId] = useState('');
  const [rollsPerUnit, setRollsPerUnit] = useState('1');
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  useEffect(() => {
    void api.call('booths.paperStock.get', {}, { silent: true }).then(
      (c) => {
        setCfg(c);
        setProductId(c.productId ?? '');
        setRollsPerUnit(String(c.rollsPerUnit));
      },
      () => undefined,
    );
    if (isAdmin)
      void api.call('catalog.products.list', { limit: 20000 }, { silent: true }).then(
        (r) => setProducts(r.items),
        () => undefined,
      );
  }, [isAdmin]);
  const save = async () => {
    try {
      const c = await api.call(
        'booths.paperStock.set',
        { productId: productId || null, rollsPerUnit: Number(rollsPerUnit) },
        { silent: true },
      );
      setCfg(c);
      setMessage({ text: t('paperStock.saved') });
    } catch (e) {
      setMessage({ text: Object.values(fieldErrors(e))[0] ?? (e as Error).message, error: true });
    }
  };
  return (
    <section className="panel" data-testid="settings-paper-stock">
      <h2>{t('paperStock.title')}</h2>
      <p className="muted small">{t('paperStock.help')}</p>
      {cfg && (
        <p data-testid="paper-stock-current">
          {cfg.productId
            ? t('paperStock.current', {
                name: cfg.productName,
                sku: cfg.sku,
                count: cfg.rollsPerUnit,
                onHand: formatNumber(cfg.onHand ?? 0, { maximumFractionDigits: 2 }),
              })
            : t('paperStock.unset')}
        </p>
      )}
      {isAdmin && (
        <form
          className="stacked-fields"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label className="field">
            <span>{t('paperStock.product')}</span>
            <select value={productId} onChange={(e) => setProductId(e.target.value)}>
              <option value="">{t('paperStock.none')}</option>
              {products.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.sku} — {p.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('paperStock.rollsPerUnit')}</span>
            <input type="number" min={1} max={100} step={1} value={rollsPerUnit} onChange={(e) => setRollsPerUnit(e.target.value)} />
          </label>
          <div className="form-actions">
            <button type="submit" className="primary">
              {t('paperStock.save')}
            </button>
          </div>
        </form>
      )}
      {message && (
        <p className={message.error ? 'field-error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
