import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePicker } from '@renderer/app/FilePicker';
import { api } from '@renderer/api';
import { formatDateTime } from '@renderer/i18n/format';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useSystem } from '@renderer/stores/system';
import { CHECKLIST_SECTIONS, type ChecklistItem, type EventChecklist } from '@shared/model/checklist';
import { DataImage } from '@renderer/app/DataImage';
import { photoToDataUrl } from './photo';
import './checklists.css';
import { checklistLabel } from './builtinLabels';

/** An event's checklist: items by phase, ticked with who/when, an optional note and photo. */
export function ChecklistPanel({ eventId, headingLevel = 2 }: { eventId: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('checklists');
  const role = useSystem((s) => s.info?.user.role);
  const canTick = role === 'admin' || role === 'installer';
  const [list, setList] = useState<EventChecklist | null>(null);
  const load = useCallback(
    () => void api.call('checklists.forEvent', { eventId }, { silent: true }).then(setList, () => setList(null)),
    [eventId],
  );
  useEffect(() => {
    load();
    return onDataChanged(['checklist_items', 'checklist_templates'], load);
  }, [load]);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  if (!list) return null;
  const { done, total, requiredOpen } = list.progress;
  return (
    <section className="panel checklist" aria-labelledby={`cl-${eventId}`} data-testid="checklist">
      <header className="checklist-head">
        <H id={`cl-${eventId}`}>{t('title')}</H>
        {total > 0 && (
          <span className="muted" data-testid="checklist-progress">
            {t('progress', { done, total })}
            {requiredOpen > 0 ? ` · ${t('requiredOpen', { count: requiredOpen })}` : ` · ${t('allRequiredDone')}`}
          </span>
        )}
      </header>
      {total > 0 && (
        <progress max={total} value={done} aria-label={t('progressLabel')}>
          {done}/{total}
        </progress>
      )}
      {total === 0 && (
        <p className="muted">
          {t('none')}{' '}
          {canTick && (
            <button type="button" onClick={() => void api.call('checklists.start', { eventId }).then(setList, () => undefined)}>
              {t('start')}
            </button>
          )}
        </p>
      )}
      {CHECKLIST_SECTIONS.map((section) => {
        const items = list.items.filter((i) => i.section === section);
        if (items.length === 0) return null;
        return (
          <fieldset key={section} className="checklist-section">
            <legend>{t(`sections.${section}`)}</legend>
            <ul>
              {items.map((i) => (
                <ItemRow key={i.id} item={i} canTick={canTick} onSaved={load} />
              ))}
            </ul>
          </fieldset>
        );
      })}
    </section>
  );
}

function ItemRow({ item, canTick, onSaved }: { item: ChecklistItem; canTick: boolean; onSaved(): void }) {
  const { t } = useTranslation('checklists');
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState(item.note ?? '');
  const [photo, setPhoto] = useState<string | null>(item.photo);
  const [photoError, setPhotoError] = useState<string | null>(null);
  // Shown at once; put back if the core refuses.
  const [checked, setChecked] = useState(item.doneAt !== null);
  useEffect(() => setChecked(item.doneAt !== null), [item.doneAt]);
  const tick = (done: boolean, extra: { note?: string | null; photo?: string | null } = {}) => {
    setChecked(done);
    void api.call('checklists.tick', { itemId: item.id, done, ...extra }).then(onSaved, () => setChecked(item.doneAt !== null));
  };
  const id = `item-${item.id}`;
  return (
    <li className={item.doneAt ? 'done' : undefined} data-item={item.label}>
      <div className="item-line">
        <input id={id} type="checkbox" checked={checked} disabled={!canTick} onChange={(e) => tick(e.target.checked)} />
        <label htmlFor={id}>
          {checklistLabel(item.templateId, item.label, t)}
          {item.required && (
            <span className="req" title={t('required')}>
              {' '}
              *
            </span>
          )}
        </label>
        {item.doneAt && item.doneByName && (
          <span className="muted small" data-testid="ticked-by">
            {t('doneBy', { who: item.doneByName, when: formatDateTime(item.doneAt) })}
          </span>
        )}
        {canTick && (
          <button type="button" className="link-button" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            {item.note || item.photo ? t('editNote') : t('addNote')}
          </button>
        )}
      </div>
      {!editing && item.note && <p className="item-note">{item.note}</p>}
      {!editing && item.photo && (
        <DataImage
          className="item-photo"
          dataUrl={item.photo}
          alt={t('photoOf', { label: checklistLabel(item.templateId, item.label, t) })}
        />
      )}
      {editing && (
        <form
          className="item-edit"
          onSubmit={(e) => {
            e.preventDefault();
            tick(item.doneAt !== null, { note: note.trim() || null, photo });
            setEditing(false);
          }}
        >
          <label>
            {t('note')}
            <textarea value={note} maxLength={1000} rows={2} onChange={(e) => setNote(e.target.value)} />
          </label>
          <FilePicker
            label={t('photo')}
            accept="image/jpeg,image/png"
            capture="environment"
            onFile={(f) => {
              if (!f) return;
              setPhotoError(null);
              photoToDataUrl(f).then(setPhoto, () => setPhotoError(t('photoUnreadable')));
            }}
          />
          {photoError && <p className="field-error">{photoError}</p>}
          {photo && (
            <DataImage
              className="item-photo"
              dataUrl={photo}
              alt={t('photoOf', { label: checklistLabel(item.templateId, item.label, t) })}
            />
          )}
          <div className="actions">
            <button type="submit" className="primary">
              {t('save')}
            </button>
            {photo && (
              <button type="button" onClick={() => setPhoto(null)}>
                {t('removePhoto')}
              </button>
            )}
            <button type="button" onClick={() => setEditing(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
