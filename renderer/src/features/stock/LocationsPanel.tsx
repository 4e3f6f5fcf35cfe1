import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useSystem } from '@renderer/stores/system';
import { useStock } from '@renderer/stores/stock';
import { formatNumber } from '@renderer/i18n/format';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import type { Location } from '@shared/model/stock';

type PlaceKind = 'warehouse' | 'van';

/**
 * Warehouses, vans and booths' own stock: add, rename, change kind, archive when empty, restore.
 * The stock area's Locations tab and the set-up wizard's locations step both show it.
 */
export function LocationsPanel({ title = true, onChanged }: { title?: boolean; onChanged?: () => void }) {
  const { t } = useTranslation('stock');
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const reloadStock = useStock((s) => s.load);
  const [list, setList] = useState<Location[] | null>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PlaceKind>('warehouse');
  const [editing, setEditing] = useState<{ id: string; name: string; kind: PlaceKind } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => setList(await api.call('stock.locations.list', {}, { silent: true }));
  useEffect(() => void load().catch(() => undefined), []);
  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      await load();
      void reloadStock().catch(() => undefined);
      onChanged?.();
      return true;
    } catch (e) {
      setError(localizeCoreMessage((e as Error).message));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    if (await run(() => api.call('stock.locations.create', { name, kind }, { silent: true }))) setName('');
  };
  const save = async () => {
    if (!editing) return;
    if (await run(() => api.call('stock.locations.update', { id: editing.id, name: editing.name, kind: editing.kind }, { silent: true })))
      setEditing(null);
  };

  return (
    <section className="panel locations-panel" aria-label={t('locations.title')} data-testid="locations-panel">
      {title && <h2>{t('locations.title')}</h2>}
      <p className="muted small">{t('locations.intro')}</p>
      {list && list.length === 0 && <p className="notice">{t('locations.none')}</p>}
      {list && list.length > 0 && (
        <table className="table" data-testid="locations-table">
          <thead>
            <tr>
              <th>{t('locations.name')}</th>
              <th>{t('locations.kind')}</th>
              <th className="num">{t('locations.onHand')}</th>
              <th className="num">{t('locations.products')}</th>
              <th>{t('locations.state')}</th>
              {isAdmin && <th />}
            </tr>
          </thead>
          <tbody>
            {list.map((l) => {
              const mine = editing?.id === l.id;
              return (
                <tr key={l.id} className={l.active ? undefined : 'muted'}>
                  <td>
                    {mine ? (
                      <input
                        aria-label={t('locations.name')}
                        value={editing.name}
                        maxLength={100}
                        onChange={(e) => setEditing({ ...editing, name: e.target.value })}
                        autoFocus
                      />
                    ) : (
                      l.name
                    )}
                  </td>
                  <td>
                    {mine ? (
                      <select
                        aria-label={t('locations.kind')}
                        value={editing.kind}
                        onChange={(e) => setEditing({ ...editing, kind: e.target.value as PlaceKind })}
                      >
                        <option value="warehouse">{t('locationKinds.warehouse')}</option>
                        <option value="van">{t('locationKinds.van')}</option>
                      </select>
                    ) : (
                      t(`locationKinds.${l.kind}`)
                    )}
                  </td>
                  <td className="num">{formatNumber(l.onHand)}</td>
                  <td className="num">{l.products}</td>
                  <td>{l.active ? t('locations.active') : t('locations.archived')}</td>
                  {isAdmin && (
                    <td className="row-actions">
                      {l.kind === 'booth' ? (
                        <span className="muted small">{t('locations.boothOwned')}</span>
                      ) : mine ? (
                        <>
                          <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
                            {t('locations.save')}
                          </button>
                          <button type="button" onClick={() => setEditing(null)}>
                            {t('locations.cancel')}
                          </button>
                        </>
                      ) : (
                        <>
                          <button
                            type="button"
                            disabled={busy}
                            onClick={() => setEditing({ id: l.id, name: l.name, kind: l.kind as PlaceKind })}
                          >
                            {t('locations.edit')}
                          </button>
                          {l.active ? (
                            <button
                              type="button"
                              className="danger"
                              disabled={busy || l.products > 0}
                              title={l.products > 0 ? t('locations.notEmpty') : undefined}
                              onClick={() => void run(() => api.call('stock.locations.archive', { id: l.id }, { silent: true }))}
                            >
                              {t('locations.archive')}
                            </button>
                          ) : (
                            <button
                              type="button"
                              disabled={busy}
                              onClick={() =>
                                void run(() => api.call('stock.locations.update', { id: l.id, active: true }, { silent: true }))
                              }
                            >
                              {t('locations.restore')}
                            </button>
                          )}
                        </>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {isAdmin && (
        <form className="se-head" onSubmit={(e) => void add(e)} data-testid="location-add">
          <label className="grow">
            <span>{t('locations.newName')}</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              placeholder={t('locations.placeholder')}
              required
            />
          </label>
          <label>
            <span>{t('locations.kind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as PlaceKind)}>
              <option value="warehouse">{t('locationKinds.warehouse')}</option>
              <option value="van">{t('locationKinds.van')}</option>
            </select>
          </label>
          <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
            {t('locations.add')}
          </button>
        </form>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
