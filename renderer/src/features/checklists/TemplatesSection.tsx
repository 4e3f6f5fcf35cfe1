import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useSystem } from '@renderer/stores/system';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { CHECKLIST_SECTIONS, type ChecklistSection, type ChecklistTemplate } from '@shared/model/checklist';
import { fieldErrors } from '../catalog/fieldErrors';
import './checklists.css';
import { checklistLabel, templateName } from './builtinLabels';

type Draft = {
  id?: string;
  name: string;
  isDefault: boolean;
  items: Array<{ section: ChecklistSection; label: string; required: boolean }>;
};
const blank = (): Draft => ({ name: '', isDefault: false, items: [{ section: 'setup', label: '', required: true }] });

/** Settings panel: checklist templates (admins edit; everyone else reads them). */
export function ChecklistTemplatesSection() {
  const { t } = useTranslation('checklists');
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const [templates, setTemplates] = useState<ChecklistTemplate[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const load = useCallback(() => void api.call('checklists.templates', {}, { silent: true }).then(setTemplates, () => undefined), []);
  useEffect(() => {
    load();
    return onDataChanged(['checklist_templates'], load);
  }, [load]);
  const save = async () => {
    if (!draft) return;
    try {
      const saved = await api.call(
        'checklists.saveTemplate',
        { ...draft, items: draft.items.filter((i) => i.label.trim()) },
        { silent: true },
      );
      setMessage({ text: t('templates.saved', { name: saved.name }) });
      setDraft(null);
      load();
    } catch (e) {
      setMessage({ text: Object.values(fieldErrors(e))[0] ?? String((e as Error).message), error: true });
    }
  };
  const setItem = (k: number, patch: Partial<Draft['items'][number]>) =>
    setDraft((d) => (d ? { ...d, items: d.items.map((it, i) => (i === k ? { ...it, ...patch } : it)) } : d));
  return (
    <section className="panel" data-testid="settings-checklists">
      <h2>{t('templates.title')}</h2>
      <p className="muted small">{t('templates.help')}</p>
      {templates.length === 0 && <p className="muted">{t('templates.none')}</p>}
      <ul>
        {templates.map((tpl) => (
          <li key={tpl.id}>
            <strong>{templateName(tpl.id, tpl.name, t)}</strong> — {t('templates.items', { count: tpl.items.length })}
            {tpl.isDefault && <span className="chip">{t('templates.default')}</span>}{' '}
            {isAdmin && (
              <>
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    // The built-in template's labels as shipped come up in the admin's language; what they save is what they see.
                    setDraft({
                      id: tpl.id,
                      name: templateName(tpl.id, tpl.name, t),
                      isDefault: tpl.isDefault,
                      items: tpl.items.map((it) => ({ ...it, label: checklistLabel(tpl.id, it.label, t) })),
                    })
                  }
                >
                  {t('templates.edit')}
                </button>{' '}
                <button
                  type="button"
                  className="link-button danger"
                  onClick={() => void api.call('checklists.removeTemplate', { id: tpl.id }).then(load, () => undefined)}
                >
                  {t('templates.remove')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {isAdmin && !draft && (
        <button type="button" onClick={() => setDraft(blank())}>
          {t('templates.add')}
        </button>
      )}
      {draft && (
        <form
          className="template-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label className="field">
            <span>{t('templates.name')}</span>
            <input value={draft.name} maxLength={100} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required />
          </label>
          <label>
            <input type="checkbox" checked={draft.isDefault} onChange={(e) => setDraft({ ...draft, isDefault: e.target.checked })} />{' '}
            {t('templates.makeDefault')}
          </label>
          <div className="template-items">
            {draft.items.map((it, k) => (
              <div className="template-item" key={k}>
                <select
                  aria-label={t('templates.section', { n: k + 1 })}
                  value={it.section}
                  onChange={(e) => setItem(k, { section: e.target.value as ChecklistSection })}
                >
                  {CHECKLIST_SECTIONS.map((s) => (
                    <option key={s} value={s}>
                      {t(`sections.${s}`)}
                    </option>
                  ))}
                </select>
                <input
                  aria-label={t('templates.label', { n: k + 1 })}
                  value={it.label}
                  maxLength={200}
                  onChange={(e) => setItem(k, { label: e.target.value })}
                />
                <label>
                  <input type="checkbox" checked={it.required} onChange={(e) => setItem(k, { required: e.target.checked })} />{' '}
                  {t('required')}
                </label>
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('templates.removeItem', { n: k + 1 })}
                  onClick={() => setDraft({ ...draft, items: draft.items.filter((_, i) => i !== k) })}
                >
                  ✕
                </button>
              </div>
            ))}
          </div>
          <div className="actions">
            <button
              type="button"
              onClick={() => setDraft({ ...draft, items: [...draft.items, { section: 'setup', label: '', required: true }] })}
            >
              {t('templates.addItem')}
            </button>
            <button type="submit" className="primary">
              {t('save')}
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      {message && (
        <p className={message.error ? 'field-error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
