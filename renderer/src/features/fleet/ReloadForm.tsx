import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { formatNumber } from '@renderer/i18n/format';
import type { Booth } from '@shared/model/booth';
import type { Location } from '@shared/model/stock';
import { fieldErrors } from '../catalog/fieldErrors';
import { paperLeftText } from './paperWords';

/**
 * Logs a paper reload: the booth back to a full roll, and the rolls booked out of the paper
 * product's stock at the chosen place (warehouse, van, or the booth's own spare rolls).
 */
export function ReloadForm({ booth, onDone, onCancel }: { booth: Booth; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation('fleet');
  const [places, setPlaces] = useState<Location[]>([]);
  const [mainId, setMainId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [rolls, setRolls] = useState('1');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    void api.call('stock.locations.list', {}, { silent: true }).then(
      (ls) => setPlaces(ls.filter((l) => l.active && (l.kind !== 'booth' || l.boothId === booth.id))),
      () => undefined,
    );
    void api.call('stock.mainWarehouse.get', {}, { silent: true }).then(
      (m) => setMainId(m?.locationId ?? null),
      () => undefined,
    );
  }, [booth.id]);
  const chosen = from || mainId || '';
  const submit = async () => {
    setError(null);
    const n = Number(rolls);
    if (!Number.isInteger(n) || n < 1 || n > 20) {
      setError(t('reloadForm.rollsInvalid'));
      return;
    }
    try {
      const r = await api.call('booths.reloadPaper', { booth: booth.id, rolls: n, fromLocationId: chosen || undefined }, { silent: true });
      setDone(
        r.booked
          ? t('reloadForm.booked', {
              count: r.booked.rolls,
              place: r.booked.locationName,
              left: formatNumber(r.booked.onHandAfter, { maximumFractionDigits: 2 }),
              paper: paperLeftText(r, t),
            })
          : t('reloadForm.notBooked', { paper: paperLeftText(r, t) }),
      );
      onDone();
    } catch (e) {
      setError(Object.values(fieldErrors(e))[0] ?? (e as Error).message);
    }
  };
  if (done)
    return (
      <p className="notice" role="status" data-testid="reload-done">
        {done}{' '}
        <button type="button" className="link-button" onClick={onCancel}>
          {t('reloadForm.close')}
        </button>
      </p>
    );
  return (
    <form
      className="reload-form"
      noValidate
      aria-label={t('reloadForm.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="muted small">
        {t('reloadForm.help', { prints: paperLeftText({ remainingPrints: booth.rollCapacity, printsPerCopy: booth.printsPerCopy }, t) })}
      </p>
      <label className="field">
        <span>{t('reloadForm.rolls')}</span>
        <input type="number" min={1} max={20} step={1} value={rolls} onChange={(e) => setRolls(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('reloadForm.from')}</span>
        <select value={chosen} onChange={(e) => setFrom(e.target.value)}>
          {places.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
              {l.id === mainId ? ` (${t('reloadForm.main')})` : ''}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('reloadForm.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('reloadForm.cancel')}
        </button>
      </div>
    </form>
  );
}
