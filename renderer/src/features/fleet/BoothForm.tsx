import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { navigate } from '../../app/router';
import { BoothCreate } from '../../../../shared/model/booth';

type Fields = Record<'name' | 'hostname' | 'mac' | 'pcAddress' | 'routerAddress' | 'routerWolPort' | 'remainingPrints' | 'warningThreshold' | 'criticalThreshold' | 'wakeBeforeEventMin', string>;
const EMPTY: Fields = { name: '', hostname: '', mac: '', pcAddress: '', routerAddress: '', routerWolPort: '9', remainingPrints: '700', warningThreshold: '350', criticalThreshold: '275', wakeBeforeEventMin: '' };
const NUMERIC = new Set(['routerWolPort', 'remainingPrints', 'warningThreshold', 'criticalThreshold', 'wakeBeforeEventMin']);

/** Form strings → the contract's input; empty optional text becomes null, numbers are parsed. */
function toInput(f: Fields, strips: boolean) {
  const out: Record<string, unknown> = { printsPerCopy: strips ? 0.5 : 1 };
  for (const [k, v] of Object.entries(f)) {
    const s = v.trim();
    if (NUMERIC.has(k)) out[k] = s === '' ? (k === 'wakeBeforeEventMin' ? null : undefined) : Number(s);
    else out[k] = s === '' ? (k === 'name' ? '' : null) : s;
  }
  return out;
}

function errorKey(field: string): string {
  if (field === 'mac') return 'mac';
  if (field === 'name') return 'name';
  if (field === 'warningThreshold' || field === 'criticalThreshold') return 'thresholds';
  if (['hostname', 'pcAddress', 'routerAddress'].includes(field)) return 'host';
  return 'number';
}

export function BoothForm({ id }: { id?: string }) {
  const { t } = useTranslation('fleet');
  const [f, setF] = useState<Fields>(EMPTY);
  const [strips, setStrips] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  useEffect(() => {
    if (!id) return;
    void api.call('booths.get', { id, healthHours: 1 }).then(({ booth: b }) => {
      setF({
        name: b.name, hostname: b.hostname ?? '', mac: b.mac ?? '', pcAddress: b.pcAddress ?? '', routerAddress: b.routerAddress ?? '',
        routerWolPort: String(b.routerWolPort), remainingPrints: String(b.remainingPrints), warningThreshold: String(b.warningThreshold),
        criticalThreshold: String(b.criticalThreshold), wakeBeforeEventMin: b.wakeBeforeEventMin ? String(b.wakeBeforeEventMin) : '',
      });
      setStrips(b.printsPerCopy === 0.5);
    });
  }, [id]);
  const set = (k: keyof Fields) => (e: { target: { value: string } }) => setF((p) => ({ ...p, [k]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setServerError(null);
    const input = toInput(f, strips);
    // Same schema as the core: MAC notations, host names, thresholds pair, in the browser first.
    const parsed = BoothCreate.safeParse(input);
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      // The schema's messages are English log lines; show the localised one per field.
      for (const i of parsed.error.issues) errs[String(i.path[0] ?? 'name')] ??= t(`form.errors.${errorKey(String(i.path[0] ?? 'name'))}`);
      setErrors(errs);
      return;
    }
    setErrors({});
    try {
      const b = id ? await api.call('booths.update', { ...input, id } as never, { silent: true }) : await api.call('booths.create', input as never, { silent: true });
      navigate('fleet', b.id);
    } catch (err) {
      setServerError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const field = (k: keyof Fields, type = 'text', help?: string) => (
    <>
      <label htmlFor={`booth-${k}`}>{t(`form.${k}`)}</label>
      <div>
        <input id={`booth-${k}`} type={type} value={f[k]} onChange={set(k)} aria-invalid={errors[k] ? true : undefined} inputMode={NUMERIC.has(k) ? 'decimal' : undefined} />
        {errors[k] && <p className="field-error" role="alert">{errors[k]}</p>}
        {help && <p className="help small muted">{help}</p>}
      </div>
    </>
  );
  return (
    <div className="page">
      <header className="page-header">
        <p><a href={id ? `#/fleet/${id}` : '#/fleet'}>← {t('back')}</a></p>
        <h1>{id ? t('form.editTitle') : t('form.newTitle')}</h1>
      </header>
      <form className="panel form-grid" onSubmit={(e) => void submit(e)} noValidate>
        {field('name')}
        {field('hostname')}
        {field('mac', 'text', t('form.macHelp'))}
        {field('pcAddress')}
        {field('routerAddress', 'text', t('form.routerHelp'))}
        {field('routerWolPort')}
        {field('remainingPrints')}
        {field('warningThreshold')}
        {field('criticalThreshold')}
        <span>{t('form.layout')}</span>
        <label><input type="checkbox" checked={strips} onChange={(e) => setStrips(e.target.checked)} /> {t('form.strips')}</label>
        {field('wakeBeforeEventMin', 'text', t('form.wakeHelp'))}
        <span />
        <div className="form-actions">
          <button type="submit">{t('form.save')}</button>
          {serverError && <p className="field-error" role="alert">{serverError}</p>}
        </div>
      </form>
    </div>
  );
}
