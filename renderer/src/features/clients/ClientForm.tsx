import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { api, ApiError } from '@renderer/api';
import { navigate } from '@renderer/app/router';
import { fieldMessages, say, word, type Said } from '@renderer/api/fieldErrors';
import { useFocusFirstError } from '@renderer/app/useFocusFirstError';
import { useLeaveGuard } from '@renderer/app/useLeaveGuard';
import type { Client } from '@shared/model/crm';

interface Fields {
  kind: Client['kind'];
  name: string;
  companyId: string;
  email: string;
  phone: string;
  address: string;
  notes: string;
  tags: string;
  source: string;
  nextAction: string;
  nextActionAt: string;
}
const EMPTY: Fields = {
  kind: 'company',
  name: '',
  companyId: '',
  email: '',
  phone: '',
  address: '',
  notes: '',
  tags: '',
  source: '',
  nextAction: '',
  nextActionAt: '',
};

/** Create (#/clients/new, /new/<companyId> for a contact) or edit (#/clients/<id>/edit) a client. */
export function ClientForm({ id, companyId }: { id?: string; companyId?: string }) {
  const { t } = useTranslation('clients');
  const [f, setF] = useState<Fields>({ ...EMPTY, kind: companyId ? 'person' : 'company', companyId: companyId ?? '' });
  /** What is stored (or the new form's defaults): leaving with anything else asks first. */
  const [stored, setStored] = useState<Fields>(f);
  const leave = useLeaveGuard(JSON.stringify(f) !== JSON.stringify(stored));
  const [companies, setCompanies] = useState<Client[]>([]);
  const [errors, setErrors] = useState<Record<string, Said>>({});
  const [dup, setDup] = useState<{ id: string; name: string } | null>(null);
  // The duplicate question takes the keyboard (Escape closes it and goes back to Save); it used to
  // appear below a Save button that kept focus, so Enter only asked it again.
  const saveRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (dup) askRef.current?.focus();
  }, [dup]);
  const [saving, setSaving] = useState(false);
  const focus = useFocusFirstError<HTMLFormElement>();
  useEffect(() => {
    void api.call('clients.list', { limit: 5000 }, { silent: true }).then(
      (all) => setCompanies(all.filter((c) => c.kind === 'company' && c.id !== id)),
      () => undefined,
    );
  }, [id]);
  useEffect(() => {
    if (!id) return;
    void api.call('clients.get', { id }).then(({ client: c }) => {
      const loaded: Fields = {
        kind: c.kind,
        name: c.name,
        companyId: c.companyId ?? '',
        email: c.email ?? '',
        phone: c.phone ?? '',
        address: c.address ?? '',
        notes: c.notes ?? '',
        tags: c.tags.join(', '),
        source: c.source ?? '',
        nextAction: c.nextAction ?? '',
        nextActionAt: c.nextActionAt ? format(c.nextActionAt, 'yyyy-MM-dd') : '',
      };
      setF(loaded);
      setStored(loaded);
    });
  }, [id]);
  const set = (k: keyof Fields) => (e: { target: { value: string } }) => {
    setDup(null);
    setF((p) => ({ ...p, [k]: e.target.value }));
    // The field the user is correcting drops its error (it told them what to fix; it no longer applies).
    setErrors(({ [k]: _fixed, ...rest }) => rest);
  };

  const submit = async (ev: FormEvent | null, allowDuplicate = false) => {
    ev?.preventDefault();
    const errs: Record<string, Said> = {};
    if (!f.name.trim()) errs.name = say('clients:errors.name');
    if (f.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email.trim())) errs.email = say('clients:errors.email');
    if (f.phone.trim() && !/^\+?[\d\s().-]{3,}$/.test(f.phone.trim())) errs.phone = say('clients:errors.phone');
    setErrors(errs);
    if (Object.keys(errs).length) return focus.refused();
    const fields = {
      kind: f.kind,
      name: f.name.trim(),
      companyId: f.kind === 'person' && f.companyId ? f.companyId : null,
      email: f.email.trim() || null,
      phone: f.phone.trim() || null,
      address: f.address.trim() || null,
      notes: f.notes.trim() || null,
      tags: f.tags
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      source: f.source.trim() || null,
      nextAction: f.nextAction.trim() || null,
      nextActionAt: f.nextActionAt ? new Date(`${f.nextActionAt}T09:00`).getTime() : null,
    };
    setSaving(true);
    try {
      if (id) {
        await api.call('clients.update', { id, patch: fields, allowDuplicate }, { silent: true });
        leave.release();
        navigate('clients', id);
      } else {
        const c = await api.call('clients.create', { ...fields, allowDuplicate }, { silent: true });
        leave.release();
        navigate('clients', companyId ?? c.id);
      }
    } catch (e) {
      const d = e instanceof ApiError ? (e.details as { duplicateOf?: string; duplicateName?: string } | undefined) : undefined;
      if (e instanceof ApiError && e.code === 'conflict' && d?.duplicateOf) setDup({ id: d.duplicateOf, name: d.duplicateName ?? '' });
      else {
        setErrors(fieldMessages(e));
        focus.refused();
      }
    } finally {
      setSaving(false);
    }
  };
  const error = (k: string) =>
    errors[k] && (
      <p className="field-error" role="alert">
        {word(errors[k])}
      </p>
    );
  const text = (k: keyof Fields, type = 'text', max = 200, help?: string) => (
    <>
      <label htmlFor={`client-${k}`}>{t(`fields.${k}`)}</label>
      <div>
        <input id={`client-${k}`} type={type} value={f[k]} onChange={set(k)} maxLength={max} aria-invalid={errors[k] ? true : undefined} />
        {help && <p className="help">{help}</p>}
        {error(k)}
      </div>
    </>
  );
  return (
    <div className="page">
      <header className="page-header">
        <p>
          <a href={id ? `#/clients/${id}` : '#/clients'}>← {t('form.back')}</a>
        </p>
        <h1>{id ? t('form.editTitle') : t('form.newTitle')}</h1>
      </header>
      <form ref={focus.ref} className="panel form-grid" onSubmit={(e) => void submit(e)} noValidate>
        <span>{t('fields.kind')}</span>
        <div role="radiogroup" aria-label={t('fields.kind')} className="segmented">
          {(['company', 'person'] as const).map((k) => (
            <label key={k} className={f.kind === k ? 'selected' : undefined}>
              <input type="radio" name="client-kind" checked={f.kind === k} onChange={() => setF((p) => ({ ...p, kind: k }))} />
              {t(`kinds.${k}`)}
            </label>
          ))}
        </div>
        <label htmlFor="client-name">{t('fields.name')}</label>
        <div>
          <input
            id="client-name"
            value={f.name}
            onChange={set('name')}
            maxLength={200}
            aria-invalid={errors.name ? true : undefined}
            autoFocus
          />
          {error('name')}
        </div>
        {f.kind === 'person' && (
          <>
            <label htmlFor="client-companyId">{t('fields.company')}</label>
            <div>
              <select id="client-companyId" value={f.companyId} onChange={set('companyId')}>
                <option value="">{t('form.noCompany')}</option>
                {companies.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              {error('companyId')}
            </div>
          </>
        )}
        {text('email', 'email')}
        {text('phone', 'tel', 40)}
        {text('address', 'text', 500)}
        {text('tags', 'text', 500, t('fields.tagsHelp'))}
        {text('source', 'text', 100, t('fields.sourceHelp'))}
        {text('nextAction', 'text', 300)}
        {text('nextActionAt', 'date')}
        <label htmlFor="client-notes">{t('fields.notes')}</label>
        <div>
          <textarea
            id="client-notes"
            value={f.notes}
            onChange={set('notes')}
            maxLength={5000}
            rows={4}
            style={{ width: '100%', maxWidth: 480 }}
          />
        </div>
        <span />
        <div className="form-actions">
          <button ref={saveRef} type="submit" className="primary" disabled={saving}>
            {t('form.save')}
          </button>
          {dup && (
            <div
              className="notice warn"
              role="alertdialog"
              aria-labelledby="client-dup"
              data-testid="client-duplicate"
              onKeyDown={(e) => {
                if (e.key !== 'Escape') return;
                e.preventDefault();
                setDup(null);
                saveRef.current?.focus();
              }}
            >
              <p id="client-dup">{t('form.duplicate', { name: dup.name })}</p>
              <a ref={askRef} href={`#/clients/${dup.id}`}>
                {t('form.openDuplicate', { name: dup.name })}
              </a>{' '}
              <button type="button" onClick={() => void submit(null, true)}>
                {id ? t('form.saveAnywayEdit') : t('form.saveAnyway')}
              </button>
            </div>
          )}
          {errors._ && (
            <p className="field-error" role="alert">
              {word(errors._)}
            </p>
          )}
        </div>
      </form>
    </div>
  );
}
