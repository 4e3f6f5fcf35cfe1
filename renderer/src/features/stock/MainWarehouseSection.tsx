import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useStock } from '@renderer/stores/stock';
import { useSystem } from '@renderer/stores/system';
import { fieldErrors } from '@renderer/api/fieldErrors';

/**
 * Settings panel: the business's main warehouse (a global setting shared by every device), where
 * purchase orders are delivered and what stock entry offers first. Admins change it.
 */
export function MainWarehouseSection() {
  const { t } = useTranslation('stock');
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const locations = useStock((s) => s.locations);
  const mainId = useStock((s) => s.mainWarehouseId);
  const load = useStock((s) => s.load);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  useEffect(() => void load().catch(() => undefined), [load]);
  const warehouses = locations.filter((l) => l.kind === 'warehouse' && l.active);
  const current = warehouses.find((l) => l.id === mainId);
  const choose = async (locationId: string) => {
    try {
      const r = await api.call('stock.mainWarehouse.set', { locationId }, { silent: true });
      setMessage({ text: t('mainWarehouse.saved', { name: r.name }) });
      await load();
    } catch (e) {
      setMessage({ text: Object.values(fieldErrors(e))[0] ?? String(e), error: true });
    }
  };
  return (
    <section className="panel" data-testid="settings-main-warehouse">
      <h2>{t('mainWarehouse.title')}</h2>
      <p className="muted small">{t('mainWarehouse.help')}</p>
      {warehouses.length === 0 ? (
        <p className="muted">{t('mainWarehouse.none')}</p>
      ) : isAdmin ? (
        <label className="field">
          <span>{t('mainWarehouse.label')}</span>
          <select value={mainId ?? ''} onChange={(e) => void choose(e.target.value)} data-testid="main-warehouse-select">
            {!current && <option value="">—</option>}
            {warehouses.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p>{t('mainWarehouse.readOnly', { name: current?.name ?? '—' })}</p>
      )}
      {message && (
        <p className={message.error ? 'field-error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
