import type { ChecklistItem, ChecklistProgress, ChecklistTemplate, TemplateItem } from '@shared/model/checklist.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

interface TemplateRow {
  id: string;
  name: string;
  items: string;
  is_default: number;
  updated_at: number;
}
const toTemplate = (r: TemplateRow): ChecklistTemplate => ({
  id: r.id,
  name: r.name,
  isDefault: r.is_default === 1,
  items: JSON.parse(r.items) as TemplateItem[],
  updatedAt: r.updated_at,
});

interface ItemRow {
  id: string;
  event_id: string;
  template_id: string;
  section: ChecklistItem['section'];
  position: number;
  label: string;
  required: number;
  done_at: number | null;
  done_by: string | null;
  done_by_name: string | null;
  note: string | null;
  photo: string | null;
}
const toItem = (r: ItemRow): ChecklistItem => ({
  id: r.id,
  eventId: r.event_id,
  templateId: r.template_id,
  section: r.section,
  position: r.position,
  label: r.label,
  required: r.required === 1,
  doneAt: r.done_at,
  doneBy: r.done_by,
  doneByName: r.done_by_name,
  note: r.note,
  photo: r.photo,
});

type Stamp = { now: number; device: string };

export function listTemplates(db: Db): ChecklistTemplate[] {
  return (
    db
      .prepare('SELECT * FROM checklist_templates WHERE deleted_at IS NULL ORDER BY is_default DESC, name COLLATE NOCASE')
      .all() as TemplateRow[]
  ).map(toTemplate);
}

export function getTemplate(db: Db, id: string): ChecklistTemplate | null {
  const r = db.prepare('SELECT * FROM checklist_templates WHERE id = ? AND deleted_at IS NULL').get(id) as TemplateRow | undefined;
  return r ? toTemplate(r) : null;
}

export function defaultTemplate(db: Db): ChecklistTemplate | null {
  const r = db
    .prepare('SELECT * FROM checklist_templates WHERE deleted_at IS NULL AND is_default = 1 ORDER BY updated_at DESC, id LIMIT 1')
    .get() as TemplateRow | undefined;
  return r ? toTemplate(r) : null;
}

/** Inserts or replaces a template (a tombstoned id is revived); a new default unsets the others. */
export function saveTemplate(
  db: Db,
  t: { id?: string; name: string; isDefault: boolean; items: TemplateItem[] },
  stamp: Stamp,
): ChecklistTemplate {
  const id = t.id ?? newId();
  if (t.isDefault) {
    db.prepare('UPDATE checklist_templates SET is_default = 0, updated_at = MAX(updated_at, ?) WHERE is_default = 1 AND id <> ?').run(
      stamp.now,
      id,
    );
  }
  db.prepare(
    `INSERT INTO checklist_templates (id, name, items, is_default, created_at, updated_at, origin_device)
     VALUES (@id, @name, @items, @isDefault, @now, @now, @device)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, items = excluded.items, is_default = excluded.is_default,
       deleted_at = NULL, updated_at = MAX(updated_at, excluded.updated_at)`,
  ).run({ id, name: t.name, items: JSON.stringify(t.items), isDefault: t.isDefault ? 1 : 0, now: stamp.now, device: stamp.device });
  return getTemplate(db, id)!;
}

export function removeTemplate(db: Db, id: string, now: number): boolean {
  return (
    db
      .prepare(
        'UPDATE checklist_templates SET deleted_at = ?, is_default = 0, updated_at = MAX(updated_at, ?) WHERE id = ? AND deleted_at IS NULL',
      )
      .run(now, now, id).changes > 0
  );
}

export function listItems(db: Db, eventId: string): ChecklistItem[] {
  const sectionOrder = "CASE section WHEN 'loading' THEN 0 WHEN 'setup' THEN 1 WHEN 'test_print' THEN 2 WHEN 'teardown' THEN 3 ELSE 4 END";
  return (
    db
      .prepare(`SELECT * FROM checklist_items WHERE event_id = ? AND deleted_at IS NULL ORDER BY ${sectionOrder}, template_id, position`)
      .all(eventId) as ItemRow[]
  ).map(toItem);
}

export function getItem(db: Db, id: string): ChecklistItem | null {
  const r = db.prepare('SELECT * FROM checklist_items WHERE id = ? AND deleted_at IS NULL').get(id) as ItemRow | undefined;
  return r ? toItem(r) : null;
}

export function hasTemplateOn(db: Db, eventId: string, templateId: string): boolean {
  return db.prepare('SELECT 1 FROM checklist_items WHERE event_id = ? AND template_id = ? LIMIT 1').pluck().get(eventId, templateId) === 1;
}

export function insertItems(db: Db, eventId: string, template: ChecklistTemplate, stamp: Stamp): number {
  const ins = db.prepare(
    `INSERT INTO checklist_items (id, event_id, template_id, section, position, label, required, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, template_id, position) DO NOTHING`,
  );
  let n = 0;
  template.items.forEach((it, i) => {
    n += ins.run(newId(), eventId, template.id, it.section, i, it.label, it.required ? 1 : 0, stamp.now, stamp.now, stamp.device).changes;
  });
  return n;
}

export function setItemDone(
  db: Db,
  id: string,
  v: { done: boolean; userId: string | null; userName: string; note?: string | null; photo?: string | null },
  now: number,
): ChecklistItem | null {
  const sets = v.done
    ? ['done_at = @now', 'done_by = @userId', 'done_by_name = @userName']
    : ['done_at = NULL', 'done_by = NULL', 'done_by_name = NULL'];
  if (v.note !== undefined) sets.push('note = @note');
  if (v.photo !== undefined) sets.push('photo = @photo');
  db.prepare(`UPDATE checklist_items SET ${sets.join(', ')}, updated_at = MAX(updated_at, @now) WHERE id = @id AND deleted_at IS NULL`).run(
    {
      id,
      now,
      userId: v.userId,
      userName: v.userName,
      note: v.note ?? null,
      photo: v.photo ?? null,
    },
  );
  return getItem(db, id);
}

export function progressFor(db: Db, eventId: string): ChecklistProgress {
  const r = db
    .prepare(
      `SELECT count(*) AS total, count(done_at) AS done, coalesce(sum(required = 1 AND done_at IS NULL), 0) AS requiredOpen
       FROM checklist_items WHERE event_id = ? AND deleted_at IS NULL`,
    )
    .get(eventId) as ChecklistProgress;
  return { total: r.total, done: r.done, requiredOpen: r.requiredOpen };
}
