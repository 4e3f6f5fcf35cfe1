import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { saveExportedFile } from '@renderer/app/download';
import { formatDate, formatDateTime } from '@renderer/i18n/format';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useStock } from '@renderer/stores/stock';
import { useSystem } from '@renderer/stores/system';
import type { Output } from '@shared/contract';
import type { Product } from '@shared/model/product';
import { LocationSelect } from '../stock/LocationSelect';
import '../clients/clients.css';

type Read = Output<'deliveryNotes.read'>;
interface Row {
  keep: boolean;
  productId: string;
  quantity: string;
  receiveOrder: boolean;
}
const MIME: Record<string, 'image/png' | 'image/jpeg' | 'application/pdf'> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  pdf: 'application/pdf',
};

/** Stock → delivery note: drop a photo or PDF, review what OCR read (matched, unsure, unknown), confirm the receipt. */
export function DeliveryNoteReceive() {
  const { t } = useTranslation('receiving');
  const mainWarehouseId = useStock((s) => s.mainWarehouseId);
  const canWrite = useSystem((x) => x.info?.user.role === 'admin' || x.info?.user.role === 'installer');
  const [products, setProducts] = useState<Product[]>([]);
  const [supplier, setSupplier] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [read, setRead] = useState<Read | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [locationId, setLocationId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  // The receipt on its way: a double click on Confirm books it once and says so (not "already booked").
  const [confirming, setConfirming] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // The notes already received, each with its original file (kept in the data folder) to open again.
  const [history, setHistory] = useState<Output<'deliveryNotes.list'>>([]);
  const [historyReload, setHistoryReload] = useState(0);
  useEffect(() => onDataChanged(['delivery_notes'], () => setHistoryReload((n) => n + 1)), []);
  useEffect(() => void api.call('deliveryNotes.list', { limit: 20 }, { silent: true }).then(setHistory, () => undefined), [historyReload]);
  const openFile = (id: string) =>
    void api
      .call('deliveryNotes.file', { id }, { silent: true })
      .then(saveExportedFile, (e: unknown) => setError(localizeCoreMessage(e instanceof Error ? e.message : String(e))));
  const booked = history.filter((n) => n.status === 'booked');
  useEffect(() => {
    void api.call('catalog.products.list', { limit: 5000 }, { silent: true }).then(
      (r) => setProducts(r.items),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    if (!locationId && mainWarehouseId) setLocationId(mainWarehouseId);
  }, [locationId, mainWarehouseId]);
  useEffect(
    () =>
      api.subscribe('job.progress', (p) => {
        if (p.kind === 'receiving.deliveryNote') setProgress(p.total ? p.done / p.total : 0);
      }),
    [],
  );

  const readFile = (file: File) => {
    setError(null);
    setDone(null);
    setRead(null);
    const mime = MIME[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? (file.type as 'image/png');
    if (!Object.values(MIME).includes(mime)) return setError(t('errors.type'));
    if (file.size > 15 * 1024 * 1024) return setError(t('errors.size'));
    setBusy(true);
    setProgress(0);
    const reader = new FileReader();
    reader.onload = () => {
      const base64 = String(reader.result).replace(/^data:[^,]*,/, '');
      void api
        .call('deliveryNotes.read', { fileName: file.name, mime, base64, supplier: supplier.trim() || null }, { silent: true })
        .then(
          (r) => {
            setRead(r);
            setRows(
              r.lines.map((l) => ({
                keep: l.status !== 'unknown',
                productId: l.productId ?? '',
                quantity: l.quantity > 0 ? String(l.quantity) : '', // 0: not read, to be entered
                receiveOrder: !!l.purchaseOrder,
              })),
            );
          },
          (e: unknown) => setError(localizeCoreMessage(e instanceof Error ? e.message : String(e))),
        )
        .finally(() => {
          setBusy(false);
          setProgress(null);
        });
    };
    reader.onerror = () => {
      setBusy(false);
      setError(t('errors.unreadable'));
    };
    reader.readAsDataURL(file);
  };

  const kept = rows.map((r, i) => ({ r, l: read?.lines[i] })).filter((x) => x.r.keep);
  const invalid = kept.some(({ r }) => !r.productId || !/^\d+$/.test(r.quantity) || Number(r.quantity) <= 0);
  const confirm = () => {
    if (!read || invalid || !locationId || kept.length === 0 || confirming) return;
    setConfirming(true);
    void api
      .call('deliveryNotes.confirm', {
        id: read.id,
        locationId,
        lines: kept.map(({ r, l }) => ({
          productId: r.productId,
          quantity: Number(r.quantity),
          purchaseOrderId: r.receiveOrder && l?.purchaseOrder && l.productId === r.productId ? l.purchaseOrder.id : null,
        })),
      })
      .then(
        (res) => {
          setDone(res.alreadyBooked ? t('already') : t('booked', { count: res.movements }));
          setRead(null);
        },
        () => undefined,
      )
      .finally(() => setConfirming(false));
  };
  const set = (i: number, patch: Partial<Row>) => setRows((all) => all.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  return (
    <section className="panel" data-testid="delivery-note">
      <h2>{t('title')}</h2>
      <p className="muted">{t('help')}</p>
      {/* Reading and booking a note is staff work: a viewer (who may open this page by its address) only reads the notes received. */}
      {canWrite && (
        <>
          <div className="filters">
            <label>
              {t('supplier')} <input value={supplier} onChange={(e) => setSupplier(e.target.value)} maxLength={200} />
            </label>
          </div>
          <div
            className={`drop-zone${over ? ' over' : ''}`}
            role="button"
            tabIndex={0}
            aria-label={t('drop')}
            onClick={() => input.current?.click()}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && input.current?.click()}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={(e) => {
              e.preventDefault();
              setOver(false);
              const f = e.dataTransfer.files[0];
              if (f) readFile(f);
            }}
          >
            {busy ? t('reading', { pct: Math.round((progress ?? 0) * 100) }) : t('drop')}
            {busy && <progress max={1} value={progress ?? 0} aria-label={t('progress')} />}
          </div>
          <input
            ref={input}
            type="file"
            accept="image/png,image/jpeg,application/pdf"
            hidden
            data-testid="delivery-note-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) readFile(f);
              e.target.value = '';
            }}
          />
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      )}
      {read && (
        <>
          <h3>{t('review', { file: read.fileName })}</h3>
          <p className="muted small">
            {t('summary', {
              matched: read.lines.filter((l) => l.status === 'matched').length,
              unsure: read.lines.filter((l) => l.status === 'unsure').length,
              unknown: read.lines.filter((l) => l.status === 'unknown').length,
            })}
          </p>
          <table className="table quote-lines" data-testid="delivery-note-review">
            <thead>
              <tr>
                <th>{t('cols.keep')}</th>
                <th>{t('cols.status')}</th>
                <th>{t('cols.read')}</th>
                <th>{t('cols.product')}</th>
                <th className="num">{t('cols.qty')}</th>
                <th>{t('cols.order')}</th>
              </tr>
            </thead>
            <tbody>
              {read.lines.map((l, i) => (
                <tr key={l.index} className={`line-${l.status}`}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('cols.keep')}
                      checked={rows[i]!.keep}
                      onChange={(e) => set(i, { keep: e.target.checked })}
                    />
                  </td>
                  <td>
                    <span className={`chip status-${l.status === 'matched' ? 'confirmed' : l.status === 'unsure' ? 'sent' : 'cancelled'}`}>
                      {t(`status.${l.status}`)}
                    </span>
                  </td>
                  <td className="small">{l.raw}</td>
                  <td>
                    <select
                      aria-label={t('cols.product')}
                      value={rows[i]!.productId}
                      onChange={(e) => set(i, { productId: e.target.value, keep: true })}
                    >
                      <option value="">—</option>
                      {products.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.sku} · {p.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="num">
                    <input
                      aria-label={t('cols.qty')}
                      inputMode="numeric"
                      aria-invalid={rows[i]!.keep && !/^[1-9]\d*$/.test(rows[i]!.quantity) ? true : undefined}
                      value={rows[i]!.quantity}
                      onChange={(e) => set(i, { quantity: e.target.value })}
                    />
                  </td>
                  <td className="small">
                    {l.purchaseOrder && (
                      <label>
                        <input
                          type="checkbox"
                          checked={rows[i]!.receiveOrder}
                          onChange={(e) => set(i, { receiveOrder: e.target.checked })}
                        />{' '}
                        {t('order', { qty: l.purchaseOrder.outstanding, when: formatDate(l.purchaseOrder.expectedAt) })}
                      </label>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="quote-actions">
            <label>
              {t('location')} <LocationSelect label={t('location')} value={locationId} onChange={setLocationId} />
            </label>
            <button
              type="button"
              className="primary"
              disabled={invalid || !locationId || kept.length === 0 || confirming}
              onClick={confirm}
            >
              {t('confirm', { count: kept.length })}
            </button>
            {invalid && <span className="field-error">{t('errors.lines')}</span>}
          </div>
        </>
      )}
      {booked.length > 0 && (
        <div className="history-section" data-testid="delivery-notes-booked">
          <h3>{t('history.title')}</h3>
          <table className="table">
            <thead>
              <tr>
                <th>{t('history.bookedAt')}</th>
                <th>{t('history.file')}</th>
                <th>{t('history.supplier')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {booked.map((n) => (
                <tr key={n.id}>
                  <td>{n.bookedAt ? formatDateTime(n.bookedAt) : ''}</td>
                  <td>{n.fileName}</td>
                  <td>{n.supplier ?? '—'}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => openFile(n.id)}>
                      {t('history.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
