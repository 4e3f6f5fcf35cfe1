import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { ApiError } from '@renderer/api/errors';
import { useStock } from '@renderer/stores/stock';
import { formatNumber, parseNumber } from '@renderer/i18n/format';
import { Num } from '@renderer/app/Num';
import type { Product } from '@shared/model/product';
import type { EntryWarning, Location } from '@shared/model/stock';
import { fieldErrors } from '@renderer/api/fieldErrors';
import { defaultEntryLocation } from './locationOrder';

/** The movement kinds a person chooses from; an adjustment says its direction. */
export const ENTRY_KINDS = ['in', 'out', 'adjust+', 'adjust-', 'transfer'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

interface Line {
  key: number;
  product: Product;
  quantity: number;
  /** Each line carries its own type and places: what the table shows is what is recorded. */
  kind: EntryKind;
  locationId: string;
  toLocationId: string;
}

const LAST_LOCATION_KEY = 'opsdeck.stockEntry.location';

function lastLocation(): string | null {
  try {
    return localStorage.getItem(LAST_LOCATION_KEY);
  } catch {
    return null;
  }
}

function rememberLocation(id: string): void {
  try {
    localStorage.setItem(LAST_LOCATION_KEY, id);
  } catch {
    // Private mode: the main warehouse stays the default.
  }
}

const toMovement = (l: Line, reason: string) => ({
  productId: l.product.id,
  locationId: l.locationId,
  type: l.kind === 'adjust+' || l.kind === 'adjust-' ? ('adjust' as const) : l.kind,
  quantity: l.quantity,
  reason,
  ...(l.kind === 'transfer' ? { toLocationId: l.toLocationId } : {}),
  ...(l.kind === 'adjust+' ? { direction: 1 as const } : l.kind === 'adjust-' ? { direction: -1 as const } : {}),
});

/**
 * Receiving a delivery at the keyboard: type or scan a SKU, Enter, type the quantity, Enter — the line
 * is added with the type and location chosen above, and focus is back on the SKU. Every line shows
 * (and can change) its own type and location. Ctrl+Enter (or the button) records every line in one
 * transaction; lines far outside a product's usual range or leaving stock negative ask first.
 */
export function StockEntry() {
  const { t } = useTranslation('stock');
  const locations = useStock((s) => s.locations);
  const mainWarehouseId = useStock((s) => s.mainWarehouseId);
  const reload = useStock((s) => s.load);
  const [kind, setKind] = useState<EntryKind>('in');
  const [chosenLocation, setChosenLocation] = useState('');
  const [toLocationId, setToLocationId] = useState('');
  const [reason, setReason] = useState('');
  const [sku, setSku] = useState('');
  const [qty, setQty] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<EntryWarning[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [matches, setMatches] = useState<Product[]>([]);
  const skuRef = useRef<HTMLInputElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);
  const from = chosenLocation || defaultEntryLocation(locations, mainWarehouseId, lastLocation());
  const pending = useRef<Product | null>(null);
  // Counts the lines added: a SKU lookup that comes back after its line was added (the quantity's
  // Enter looked it up too) must not put that SKU back in the emptied field.
  const added = useRef(0);

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
      const before = added.current;
      found = (await api.call('catalog.products.list', { q: typed.trim(), limit: 8 }, { silent: true })).items;
      if (added.current !== before) return null;
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
  const changeLines = (f: (l: Line[]) => Line[]) => {
    setLines(f);
    // What was confirmed no longer matches the lines.
    setWarnings(null);
  };
  const addLine = async (typed: string = qty) => {
    const n = parseNumber(typed);
    // The quantity was typed before the SKU lookup came back: resolve it now rather than drop the line.
    if (!pending.current && skuRef.current?.value.trim()) await pick(skuRef.current.value);
    if (!pending.current) return skuRef.current?.focus();
    if (n === null || n <= 0) return setError(t('quantityPositive'));
    if (kind === 'transfer' && !toLocationId) return setError(t('needsDestination'));
    // Captured now: the state updater runs later, after pending is cleared below.
    const line: Line = {
      key: Date.now() + Math.random(),
      product: pending.current,
      quantity: n,
      kind,
      locationId: from,
      toLocationId: kind === 'transfer' ? toLocationId : '',
    };
    changeLines((l) => [...l, line]);
    added.current++;
    pending.current = null;
    setSku('');
    setQty('');
    setMatches([]);
    setError(null);
    setDone(null);
    skuRef.current?.focus();
  };
  const submit = async (confirm = false) => {
    if (!lines.length || busy) return;
    if (lines.some((l) => l.kind === 'transfer' && (!l.toLocationId || l.toLocationId === l.locationId)))
      return setError(t('needsDestination'));
    setError(null);
    setBusy(true);
    try {
      const res = await api.call('stock.recordBatch', { movements: lines.map((l) => toMovement(l, reason)), confirm }, { silent: true });
      setDone(t('recorded', { count: res.recorded }));
      setLines([]);
      setWarnings(null);
      void reload();
      skuRef.current?.focus();
    } catch (e) {
      // The batch is refused whole: keep every line so nothing typed is lost.
      const details =
        e instanceof ApiError ? (e.details as { needsConfirmation?: boolean; warnings?: EntryWarning[] } | undefined) : undefined;
      if (details?.needsConfirmation && details.warnings) {
        setWarnings(details.warnings);
      } else {
        const errs = fieldErrors(e);
        setError(Object.values(errs)[0] ?? String(e));
      }
    } finally {
      setBusy(false);
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit(false);
    }
  };
  const warningText = (w: EntryWarning) =>
    w.kind === 'unusual'
      ? t('warn.unusual', {
          line: w.index + 1,
          quantity: formatNumber(w.quantity),
          product: w.productName,
          usual: formatNumber(w.reference),
        })
      : t('warn.negative', { line: w.index + 1, product: w.productName, location: w.locationName, after: formatNumber(w.reference) });
  const flagged = new Set((warnings ?? []).map((w) => w.index));
  const kindSelect = (value: EntryKind, onChange: (k: EntryKind) => void, label: string, testId?: string) => (
    <select value={value} aria-label={label} data-testid={testId} onChange={(e) => onChange(e.target.value as EntryKind)}>
      {ENTRY_KINDS.map((x) => (
        <option key={x} value={x}>
          {t(`kinds.${x}`)}
        </option>
      ))}
    </select>
  );
  const locationSelect = (
    value: string,
    onChange: (id: string) => void,
    label: string,
    options: Location[],
    testId?: string,
    blank = false,
  ) => (
    <select value={value} aria-label={label} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
      {blank && <option value="">—</option>}
      {options.map((l) => (
        <option key={l.id} value={l.id}>
          {l.name}
          {l.id === mainWarehouseId ? ` (${t('main')})` : ''}
        </option>
      ))}
    </select>
  );
  return (
    <section className="panel stock-entry" onKeyDown={onKey} aria-label={t('entryTitle')}>
      <h2>{t('entryTitle')}</h2>
      <fieldset className="se-head">
        <legend>{t('nextLine')}</legend>
        <label>
          <span>{t('type')}</span>
          {kindSelect(kind, setKind, t('type'), 'se-type')}
        </label>
        <label>
          <span>{kind === 'transfer' ? t('from') : t('location')}</span>
          {locationSelect(
            from,
            (id) => {
              setChosenLocation(id);
              rememberLocation(id);
            },
            kind === 'transfer' ? t('from') : t('location'),
            locations,
            'se-location',
          )}
        </label>
        {kind === 'transfer' && (
          <label>
            <span>{t('to')}</span>
            {locationSelect(
              toLocationId,
              setToLocationId,
              t('to'),
              locations.filter((l) => l.id !== from),
              'se-to',
              true,
            )}
          </label>
        )}
        <label className="grow">
          <span>{t('reason')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('reasonHint')} />
        </label>
      </fieldset>
      <div className="se-line">
        <label className="grow">
          <span>{t('sku')}</span>
          <input
            ref={skuRef}
            value={sku}
            list="se-skus"
            autoComplete="off"
            data-testid="se-sku"
            onChange={(e) => void lookup(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.ctrlKey) {
                e.preventDefault();
                void pick(e.currentTarget.value);
              }
            }}
          />
          <datalist id="se-skus">
            {matches.map((p) => (
              <option key={p.id} value={p.sku}>
                {p.name}
              </option>
            ))}
          </datalist>
        </label>
        <label>
          <span>{t('quantity')}</span>
          <input
            ref={qtyRef}
            value={qty}
            inputMode="decimal"
            data-testid="se-qty"
            onChange={(e) => setQty(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.ctrlKey) {
                e.preventDefault();
                void addLine(e.currentTarget.value);
              }
            }}
          />
        </label>
        <button type="button" onClick={() => void addLine()}>
          {t('addLine')}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {done && !error && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {lines.length > 0 && (
        <div className="table-scroll">
          <table className="table se-lines" data-testid="se-lines">
            <thead>
              <tr>
                <th>{t('type')}</th>
                <th>{t('location')}</th>
                <th>{t('sku')}</th>
                <th>{t('product')}</th>
                <th className="num">{t('quantity')}</th>
                <th>
                  <span className="visually-hidden">{t('remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={l.key} className={flagged.has(i) ? 'warn' : undefined} data-testid="se-line">
                  <td>
                    {kindSelect(
                      l.kind,
                      (k) => changeLines((x) => x.map((y) => (y.key === l.key ? { ...y, kind: k } : y))),
                      t('typeOfLine', { line: i + 1 }),
                    )}
                  </td>
                  <td className="se-places">
                    {locationSelect(
                      l.locationId,
                      (id) => changeLines((x) => x.map((y) => (y.key === l.key ? { ...y, locationId: id } : y))),
                      t('locationOfLine', { line: i + 1 }),
                      locations,
                    )}
                    {l.kind === 'transfer' && (
                      <>
                        {' '}
                        →{' '}
                        {locationSelect(
                          l.toLocationId,
                          (id) => changeLines((x) => x.map((y) => (y.key === l.key ? { ...y, toLocationId: id } : y))),
                          t('destinationOfLine', { line: i + 1 }),
                          locations.filter((x) => x.id !== l.locationId),
                          undefined,
                          true,
                        )}
                      </>
                    )}
                  </td>
                  <td className="mono">{l.product.sku}</td>
                  <td>{l.product.name}</td>
                  <td className="num">
                    <Num value={l.quantity} unit={l.product.unit} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button danger"
                      onClick={() => changeLines((x) => x.filter((y) => y.key !== l.key))}
                    >
                      {t('remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {warnings && (
        <div className="se-confirm" role="alertdialog" aria-labelledby="se-confirm-title" data-testid="se-confirm">
          <p id="se-confirm-title">
            <strong>{t('warn.title', { count: warnings.length })}</strong>
          </p>
          <ul>
            {warnings.map((w) => (
              <li key={`${w.index}-${w.kind}`}>{warningText(w)}</li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="primary danger" disabled={busy} onClick={() => void submit(true)}>
              {t('warn.confirm')}
            </button>
            <button type="button" onClick={() => setWarnings(null)}>
              {t('warn.fix')}
            </button>
          </div>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="primary" disabled={!lines.length || busy || warnings !== null} onClick={() => void submit(false)}>
          {t('record', { count: lines.length })}
        </button>
        <span className="muted small">{t('keyboardHint')}</span>
      </div>
    </section>
  );
}
