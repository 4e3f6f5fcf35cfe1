import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { fieldMessages, say, word, type Said } from '@renderer/api/fieldErrors';
import { navigate } from '@renderer/app/router';
import { BoothCreate } from '@shared/model/booth';
import { useFocusFirstError } from '@renderer/app/useFocusFirstError';
import { useLeaveGuard } from '@renderer/app/useLeaveGuard';
import { formatInputNumber, parseNumber } from '@renderer/i18n/format';
import { TriggerSecret } from './TriggerSecret';

type Fields = Record<
  | 'name'
  | 'hostname'
  | 'mac'
  | 'pcAddress'
  | 'routerAddress'
  | 'routerWolPort'
  | 'wolPort'
  | 'pcProbePort'
  | 'routerProbePort'
  | 'remainingPrints'
  | 'warningThreshold'
  | 'criticalThreshold'
  | 'wakeBeforeEventMin',
  string
>;
const EMPTY: Fields = {
  name: '',
  hostname: '',
  mac: '',
  pcAddress: '',
  routerAddress: '',
  routerWolPort: '9',
  wolPort: '9',
  pcProbePort: '445',
  routerProbePort: '80',
  remainingPrints: '700',
  warningThreshold: '350',
  criticalThreshold: '275',
  wakeBeforeEventMin: '',
};
const NUMERIC = new Set([
  'routerWolPort',
  'wolPort',
  'pcProbePort',
  'routerProbePort',
  'remainingPrints',
  'warningThreshold',
  'criticalThreshold',
  'wakeBeforeEventMin',
]);
/** Tried in this order by a wake; the form only chooses which ones. */
const ROUTES = ['local', 'router', 'relay'] as const;
type Route = (typeof ROUTES)[number];

/** Form strings → the contract's input; empty optional text becomes null, numbers are parsed. */
function toInput(f: Fields, strips: boolean, routes: ReadonlySet<Route>) {
  const out: Record<string, unknown> = { printsPerCopy: strips ? 0.5 : 1, wolRoutes: ROUTES.filter((r) => routes.has(r)) };
  for (const [k, v] of Object.entries(f)) {
    const s = v.trim();
    // Typed in the UI language: "699,5" prints left on a strips booth in French (Number() read NaN).
    if (NUMERIC.has(k)) out[k] = s === '' ? (k === 'wakeBeforeEventMin' ? null : undefined) : (parseNumber(s) ?? NaN);
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
  const [routes, setRoutes] = useState<ReadonlySet<Route>>(new Set(ROUTES));
  const [errors, setErrors] = useState<Record<string, Said>>({});
  const [serverError, setServerError] = useState<Said[] | null>(null);
  const focus = useFocusFirstError<HTMLFormElement>();
  const snapshot = (fields: Fields, s: boolean, r: ReadonlySet<Route>) => JSON.stringify([fields, s, ROUTES.filter((x) => r.has(x))]);
  /** What is stored (or the new form's defaults): leaving with anything else asks first. */
  const [stored, setStored] = useState(() => snapshot(EMPTY, false, new Set(ROUTES)));
  const leave = useLeaveGuard(snapshot(f, strips, routes) !== stored);
  useEffect(() => {
    if (!id) return;
    void api.call('booths.get', { id, healthHours: 1 }).then(({ booth: b }) => {
      const loaded: Fields = {
        name: b.name,
        hostname: b.hostname ?? '',
        mac: b.mac ?? '',
        pcAddress: b.pcAddress ?? '',
        routerAddress: b.routerAddress ?? '',
        routerWolPort: String(b.routerWolPort),
        wolPort: String(b.wolPort),
        pcProbePort: String(b.pcProbePort),
        routerProbePort: String(b.routerProbePort),
        remainingPrints: formatInputNumber(b.remainingPrints),
        warningThreshold: String(b.warningThreshold),
        criticalThreshold: String(b.criticalThreshold),
        wakeBeforeEventMin: b.wakeBeforeEventMin ? String(b.wakeBeforeEventMin) : '',
      };
      setF(loaded);
      setStrips(b.printsPerCopy === 0.5);
      setRoutes(new Set(b.wolRoutes));
      setStored(snapshot(loaded, b.printsPerCopy === 0.5, new Set(b.wolRoutes)));
    });
  }, [id]);
  const set = (k: keyof Fields) => (e: { target: { value: string } }) => {
    setF((p) => ({ ...p, [k]: e.target.value }));
    // The field the user is correcting drops its error (it told them what to fix; it no longer applies).
    setErrors(({ [k]: _fixed, ...rest }) => rest);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setServerError(null);
    const input = toInput(f, strips, routes);
    // Same schema as the core: MAC notations, host names, thresholds pair, in the browser first.
    const parsed = BoothCreate.safeParse(input);
    const errs: Record<string, Said> = {};
    // The schema's messages are English log lines; show the localised one per field.
    if (!parsed.success)
      for (const i of parsed.error.issues)
        errs[String(i.path[0] ?? 'name')] ??= say(`fleet:form.errors.${errorKey(String(i.path[0] ?? 'name'))}`);
    // No wake route is told with the rest (it used to wait until every other field was right).
    if (routes.size === 0) errs.wolRoutes = say('fleet:form.errors.routes');
    if (Object.keys(errs).length) {
      setErrors(errs);
      focus.refused();
      return;
    }
    setErrors({});
    try {
      const b = id
        ? await api.call('booths.update', { ...input, id } as never, { silent: true })
        : await api.call('booths.create', input as never, { silent: true });
      leave.release();
      navigate('fleet', b.id);
    } catch (err) {
      // A duplicate name or MAC (a SQLite unique index) comes back with its field: shown there, translated.
      const byField = fieldMessages(err);
      const { _: general, ...rest } = byField;
      const known = Object.fromEntries(Object.entries(rest).filter(([k]) => k in EMPTY));
      setErrors(known);
      focus.refused();
      const other = [
        general,
        ...Object.entries(rest)
          .filter(([k]) => !(k in EMPTY))
          .map(([, v]) => v),
      ].filter((m): m is Said => m !== undefined);
      setServerError(other.length ? other : null);
    }
  };
  const field = (k: keyof Fields, type = 'text', help?: string) => (
    <>
      <label htmlFor={`booth-${k}`}>{t(`form.${k}`)}</label>
      <div>
        <input
          id={`booth-${k}`}
          type={type}
          value={f[k]}
          onChange={set(k)}
          aria-invalid={errors[k] ? true : undefined}
          inputMode={NUMERIC.has(k) ? 'decimal' : undefined}
        />
        {errors[k] && (
          <p className="field-error" role="alert">
            {word(errors[k])}
          </p>
        )}
        {help && <p className="help small muted">{help}</p>}
      </div>
    </>
  );
  return (
    <div className="page">
      <header className="page-header">
        <p>
          <a href={id ? `#/fleet/${id}` : '#/fleet'}>← {t('back')}</a>
        </p>
        <h1>{id ? t('form.editTitle') : t('form.newTitle')}</h1>
      </header>
      <form ref={focus.ref} className="panel form-grid" onSubmit={(e) => void submit(e)} noValidate>
        {field('name')}
        {field('hostname')}
        {field('mac', 'text', t('form.macHelp'))}
        {field('pcAddress')}
        {field('routerAddress', 'text', t('form.routerHelp'))}
        {field('routerWolPort')}
        <span id="booth-routes-label">{t('form.wolRoutes')}</span>
        <div role="group" aria-labelledby="booth-routes-label">
          <div className="route-choices" style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
            {ROUTES.map((r) => (
              <label key={r}>
                <input
                  type="checkbox"
                  checked={routes.has(r)}
                  aria-invalid={errors.wolRoutes ? true : undefined}
                  onChange={(e) => {
                    setErrors(({ wolRoutes: _fixed, ...rest }) => rest);
                    setRoutes((prev) => {
                      const next = new Set(prev);
                      if (e.target.checked) next.add(r);
                      else next.delete(r);
                      return next;
                    });
                  }}
                />{' '}
                {t(`form.routes.${r}`)}
              </label>
            ))}
          </div>
          {errors.wolRoutes && (
            <p className="field-error" role="alert">
              {word(errors.wolRoutes)}
            </p>
          )}
          <p className="help small muted">{t('form.routesHelp')}</p>
        </div>
        {field('wolPort', 'text', t('form.wolPortHelp'))}
        {field('pcProbePort', 'text', t('form.probeHelp'))}
        {field('routerProbePort')}
        {field('remainingPrints')}
        {field('warningThreshold')}
        {field('criticalThreshold')}
        <span>{t('form.layout')}</span>
        <label>
          <input type="checkbox" checked={strips} onChange={(e) => setStrips(e.target.checked)} /> {t('form.strips')}
        </label>
        {field('wakeBeforeEventMin', 'text', t('form.wakeHelp'))}
        <span />
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('form.save')}
          </button>
          {serverError && (
            <p className="field-error" role="alert">
              {serverError.map(word).join(' · ')}
            </p>
          )}
        </div>
      </form>
      {id && <TriggerSecret boothId={id} />}
    </div>
  );
}
