import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useSystem } from '@renderer/stores/system';
import { formatInputNumber, formatMoney, formatNumber, parseNumber } from '@renderer/i18n/format';
import type { Service } from '@shared/model/product';
import { fieldErrors } from '@renderer/api/fieldErrors';

/** Booth rental packages and options: list, create, edit, archive/restore. */
export function ServicesList() {
  const { t } = useTranslation('catalog');
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const [items, setItems] = useState<Service[]>([]);
  const [status, setStatus] = useState<'active' | 'archived' | 'all'>('active');
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const load = async () => setItems(await api.call('catalog.services.list', { q: '', status }));
  useEffect(() => void load().catch(() => undefined), [status]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section>
      <div className="toolbar">
        <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} aria-label={t('status')}>
          {(['active', 'archived', 'all'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
        {isAdmin && (
          <button className="primary" onClick={() => setEditing('new')}>
            {t('newService')}
          </button>
        )}
      </div>
      {editing && (
        <ServiceForm
          service={editing === 'new' ? undefined : editing}
          onDone={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
      <table className="table">
        <thead>
          <tr>
            <th>{t('field.title')}</th>
            <th className="num">{t('field.durationMin')}</th>
            <th className="num">{t('col.price')}</th>
            <th>{t('field.benefits')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id} className={s.active ? '' : 'archived'}>
              <td>{s.title}</td>
              <td className="num">{formatNumber(s.durationMin)}</td>
              <td className="num">{formatMoney(s.price)}</td>
              <td>{s.benefits.join(' · ')}</td>
              <td>
                {isAdmin && (
                  <>
                    <button className="link-button" onClick={() => setEditing(s)}>
                      {t('edit')}
                    </button>
                    <button
                      className={s.active ? 'link-button danger' : 'link-button'}
                      onClick={() => void api.call('catalog.services.archive', { id: s.id, archived: s.active }).then(load)}
                    >
                      {s.active ? t('archive') : t('restore')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ServiceForm({ service, onDone }: { service?: Service; onDone(): void }) {
  const { t } = useTranslation('catalog');
  const [d, setD] = useState({
    title: service?.title ?? '',
    durationMin: formatInputNumber(service?.durationMin ?? 240),
    price: formatInputNumber(service?.price ?? 0),
    benefits: service?.benefits.join('\n') ?? '',
    description: service?.description ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      title: d.title,
      description: d.description,
      // As people type them: "2 880", "1 290,50" (the locale's grouping and decimal sign).
      durationMin: parseNumber(d.durationMin) ?? Number.NaN,
      price: parseNumber(d.price) ?? Number.NaN,
      benefits: d.benefits
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean),
    };
    const errs: Record<string, string> = {};
    if (!Number.isFinite(body.durationMin) || d.durationMin.trim() === '') errs.durationMin = t('notANumber');
    if (!Number.isFinite(body.price) || d.price.trim() === '') errs.price = t('notANumber');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    try {
      if (service) await api.call('catalog.services.update', { id: service.id, patch: body }, { silent: true });
      else await api.call('catalog.services.create', body, { silent: true });
      onDone();
    } catch (err) {
      setErrors(fieldErrors(err));
    }
  };
  const f = (k: keyof typeof d, area = false) => (
    <label className={area ? 'wide' : ''}>
      <span>{t(`field.${k}`)}</span>
      {area ? (
        <textarea rows={3} value={d[k]} onChange={(e) => setD({ ...d, [k]: e.target.value })} />
      ) : (
        <input value={d[k]} aria-invalid={!!errors[k]} onChange={(e) => setD({ ...d, [k]: e.target.value })} />
      )}
      {errors[k] && (
        <span className="field-error" role="alert">
          {errors[k]}
        </span>
      )}
    </label>
  );
  return (
    <form className="panel form-grid" onSubmit={(e) => void submit(e)} noValidate>
      {f('title')}
      {f('durationMin')}
      {f('price')}
      {f('benefits', true)}
      {f('description', true)}
      <div className="form-actions wide">
        <button type="submit" className="primary">
          {t('save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
        {errors._ && (
          <p className="field-error" role="alert">
            {errors._}
          </p>
        )}
      </div>
    </form>
  );
}
