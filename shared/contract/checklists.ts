import { z } from 'zod';
import { ADMIN_ONLY, INSTALLER_WRITE, STAFF_READ } from '../model/roles.js';
import { ChecklistPhoto, ChecklistTemplate, EventChecklist, ChecklistItem, TemplateItem } from '../model/checklist.js';
import { defineChannels } from './define.js';

const Id = z.string().min(1).max(64);

/** Event checklists (issue 16): templates (admins) instantiated on each event, items ticked by installers. */
export const checklistsChannels = defineChannels({
  'checklists.templates': { kind: 'query', input: z.strictObject({}), output: z.array(ChecklistTemplate), roles: STAFF_READ },
  /** Creates (no id) or replaces a template; `isDefault` makes it the one new events get (only one is). */
  'checklists.saveTemplate': {
    kind: 'mutation',
    input: z.strictObject({
      id: Id.optional(),
      name: z.string().trim().min(1, 'Name is required').max(100),
      isDefault: z.boolean().default(false),
      items: z.array(TemplateItem).min(1, 'Add at least one item').max(100),
    }),
    output: ChecklistTemplate,
    roles: ADMIN_ONLY,
  },
  'checklists.removeTemplate': {
    kind: 'mutation',
    input: z.strictObject({ id: Id }),
    output: z.object({ removed: z.literal(true) }),
    roles: ADMIN_ONLY,
  },
  'checklists.forEvent': { kind: 'query', input: z.strictObject({ eventId: Id }), output: EventChecklist, roles: STAFF_READ },
  /** Instantiates a template (default: the default one) on an event; a template already there is not added twice. */
  'checklists.start': {
    kind: 'mutation',
    input: z.strictObject({ eventId: Id, templateId: Id.optional() }),
    output: EventChecklist,
    roles: INSTALLER_WRITE,
  },
  /** Ticks (or unticks) an item: who and when are recorded; an optional note and photo go with it. */
  'checklists.tick': {
    kind: 'mutation',
    input: z.strictObject({
      itemId: Id,
      done: z.boolean(),
      note: z.string().trim().max(1000, 'Note: 1000 characters at most').nullable().optional(),
      photo: ChecklistPhoto.nullable().optional(),
    }),
    output: ChecklistItem,
    roles: INSTALLER_WRITE,
    redact: ['photo'],
  },
});
