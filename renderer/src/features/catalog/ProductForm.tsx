import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { ProductFields, type Product } from '@shared/model/product';
import { formatInputNumber, parseNumber } from '@renderer/i18n/format';
import { fieldMessages, say, sayCore, word, type Said } from '@renderer/api/fieldErrors';
import { useFocusFirstError } from '@renderer/app/useFocusFirstError';
import { useLeaveGuard } from '@renderer/app/useLeaveGuard';

/** Pre-filled in the UI language ("30,76"), without grouping so it edits easily. */
const inputNumber = (n: number) => formatInputNumber(n);

type Draft = Record<string, string>;
const TEXT = ['sku', 'name', 'category', 'supplier', 'unit'] as const;
const NUM = ['price', 'cost', 'leadTimeDays', 'moq', 'packSize', 'serviceLevel', 'reorderPoint', 'ecoScore'] as const;

function toDraft(p?: Product): Draft {
  if (!p)
    return {
      unit: 'pce',
      leadTimeDays: '7',
      moq: '1',
      packSize: '1',
      serviceLevel: '95',
      price: '0',
      cost: '0',
      ecoDetails: '',
      description: '',
    };
  return {
    ...Object.fromEntries(TEXT.map((k) => [k, p[k]])),
    ...Object.fromEntries(
      NUM.map((k) => [k, p[k] === null ? '' : inputNumber(k === 'serviceLevel' ? Math.round(p[k] * 1000) / 10 : p[k])]),
    ),
    description: p.description,
    ecoDetails: p.ecoDetails.join('\n'),
  };
}

/** Whether another product (archived ones too: the reference stays theirs) has this reference. */
async function skuTaken(sku: string, self: string | undefined): Promise<boolean> {
  try {
    const found = await api.call('catalog.products.list', { q: sku, status: 'all', limit: 200 }, { silent: true });
    return found.items.some((p) => p.sku === sku && p.id !== self);
  } catch {
    return false; // the core tells it on the next save, as before
  }
}

/** Create or edit a product; every field is checked by the core and its message shown beside it. */
export function ProductForm({ product, onDone }: { product?: Product; onDone(p: Product | null): void }) {
  const { t } = useTranslation('catalog');
  const [stored] = useState<Draft>(() => toDraft(product));
  const [d, setD] = useState<Draft>(stored);
  const leave = useLeaveGuard(JSON.stringify(d) !== JSON.stringify(stored));
  const [errors, setErrors] = useState<Record<string, Said>>({});
  const [busy, setBusy] = useState(false);
  const focus = useFocusFirstError<HTMLFormElement>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, Said> = {};
    const body: Record<string, unknown> = {
      description: d.description ?? '',
      ecoDetails: (d.ecoDetails ?? '')
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean),
    };
    for (const k of TEXT) body[k] = (d[k] ?? '').trim();
    for (const k of NUM) {
      const raw = (d[k] ?? '').trim();
      const n = parseNumber(raw);
      if (raw === '' && (k === 'reorderPoint' || k === 'ecoScore')) body[k] = null;
      else if (n === null) errs[k] = say('catalog:notANumber');
      else body[k] = k === 'serviceLevel' ? n / 100 : n;
    }
    if (Object.keys(errs).length) {
      // The text fields' own rules (required, length) are told in the same round as the numbers:
      // an empty reference used to show up only after the prices had been corrected.
      for (const k of ['sku', 'name', 'category', 'unit', 'supplier'] as const) {
        const r = (
          ProductFields as Record<string, { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } }>
        )[k]?.safeParse(body[k]);
        if (r && !r.success && r.error?.issues[0]) errs[k] = sayCore(r.error.issues[0].message);
      }
      // A reference another product already has is told in this round too: the core's own check
      // only runs once the rest is valid, so it used to come a save later than the other errors.
      if (!errs.sku && (await skuTaken(String(body.sku), product?.id))) errs.sku = sayCore(`SKU ${String(body.sku)} already exists`);
    }
    setErrors(errs);
    if (Object.keys(errs).length) return focus.refused();
    setBusy(true);
    try {
      const saved = product
        ? await api.call('catalog.products.update', { id: product.id, patch: body }, { silent: true })
        : await api.call('catalog.products.create', body as never, { silent: true });
      leave.release();
      onDone(saved);
    } catch (err) {
      setErrors(fieldMessages(err));
      focus.refused();
    } finally {
      setBusy(false);
    }
  };
  const change = (k: string, v: string) => {
    setD({ ...d, [k]: v });
    // The field the user is correcting drops its error (it told them what to fix; it no longer applies).
    setErrors(({ [k]: _fixed, ...rest }) => rest);
  };
  const field = (k: string, opts: { type?: string; suffix?: string; wide?: boolean; area?: boolean } = {}) => (
    <label key={k} className={opts.wide ? 'wide' : ''}>
      <span>
        {t(`field.${k}`)}
        {opts.suffix ? ` (${opts.suffix})` : ''}
      </span>
      {opts.area ? (
        <textarea value={d[k] ?? ''} rows={3} aria-invalid={!!errors[k]} onChange={(e) => change(k, e.target.value)} />
      ) : (
        <input
          value={d[k] ?? ''}
          inputMode={opts.type === 'num' ? 'decimal' : undefined}
          aria-invalid={!!errors[k]}
          onChange={(e) => change(k, e.target.value)}
        />
      )}
      {errors[k] && (
        <span className="field-error" role="alert">
          {word(errors[k])}
        </span>
      )}
    </label>
  );
  return (
    <form
      ref={focus.ref}
      className="panel form-grid product-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={product ? t('editProduct') : t('newProduct')}
    >
      <h2 className="wide">{product ? t('editProduct') : t('newProduct')}</h2>
      {field('sku')}
      {field('name', { wide: true })}
      {field('category')}
      {field('unit')}
      {field('price', { type: 'num', suffix: '€' })}
      {field('cost', { type: 'num', suffix: '€' })}
      {field('supplier')}
      {field('leadTimeDays', { type: 'num', suffix: t('days') })}
      {field('moq', { type: 'num' })}
      {field('packSize', { type: 'num' })}
      {field('serviceLevel', { type: 'num', suffix: '%' })}
      {field('reorderPoint', { type: 'num' })}
      {field('ecoScore', { type: 'num', suffix: '0–100' })}
      {field('ecoDetails', { wide: true, area: true })}
      {field('description', { wide: true, area: true })}
      <div className="form-actions wide">
        <button type="submit" className="primary" disabled={busy}>
          {t('save')}
        </button>
        <button
          type="button"
          onClick={() => {
            leave.release();
            onDone(null);
          }}
        >
          {t('cancel')}
        </button>
        {errors._ && (
          <p className="field-error" role="alert">
            {word(errors._)}
          </p>
        )}
      </div>
    </form>
  );
}
