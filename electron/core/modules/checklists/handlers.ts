import type { HandlerMap } from '@core/router.js';
import type { checklistsChannels } from '@shared/contract/checklists.js';
import { getEvent } from '@core/db/repos/bookings.js';
import {
  defaultTemplate,
  getItem,
  getTemplate,
  hasTemplateOn,
  insertItems,
  listItems,
  listTemplates,
  progressFor,
  removeTemplate,
  saveTemplate,
  setItemDone,
} from '@core/db/repos/checklists.js';
import { AppError } from '@shared/errors.js';
import type { EventChecklist } from '@shared/model/checklist.js';
import type { CoreContext } from '@core/context.js';
import { BUILTIN_TEMPLATE_ID, BUILTIN_TEMPLATE_ITEMS, BUILTIN_TEMPLATE_NAME } from './builtin.js';

type Writer = Pick<CoreContext, 'db' | 'clock' | 'deviceId'>;

export function eventChecklist(ctx: Pick<CoreContext, 'db'>, eventId: string): EventChecklist {
  return { eventId, items: listItems(ctx.db, eventId), progress: progressFor(ctx.db, eventId) };
}

/**
 * Instantiates a checklist template on an event (the default one when none is named; the built-in
 * "Journée type" when no admin made one yet). Idempotent: a template already on the event adds
 * nothing. Runs inside the caller's transaction when there is one.
 */
export function instantiateChecklist(ctx: Writer, eventId: string, templateId?: string): EventChecklist {
  const stamp = { now: ctx.clock.now(), device: ctx.deviceId };
  return ctx.db.transaction(() => {
    if (!getEvent(ctx.db, eventId)) throw new AppError('not_found', 'Event not found', { field: 'eventId' });
    let template = templateId ? getTemplate(ctx.db, templateId) : defaultTemplate(ctx.db);
    if (templateId && !template) throw new AppError('not_found', 'Checklist template not found', { field: 'templateId' });
    template ??=
      getTemplate(ctx.db, BUILTIN_TEMPLATE_ID) ??
      saveTemplate(
        ctx.db,
        { id: BUILTIN_TEMPLATE_ID, name: BUILTIN_TEMPLATE_NAME, isDefault: true, items: [...BUILTIN_TEMPLATE_ITEMS] },
        stamp,
      );
    if (!hasTemplateOn(ctx.db, eventId, template.id)) insertItems(ctx.db, eventId, template, stamp);
    return eventChecklist(ctx, eventId);
  })();
}

export const checklistsHandlers: Pick<HandlerMap, keyof typeof checklistsChannels> = {
  'checklists.templates': (_i, ctx) => listTemplates(ctx.db),
  'checklists.saveTemplate': (i, ctx) => {
    if (i.id && !getTemplate(ctx.db, i.id) && i.id !== BUILTIN_TEMPLATE_ID) throw new AppError('not_found', 'Checklist template not found');
    return ctx.db.transaction(() => saveTemplate(ctx.db, i, { now: ctx.clock.now(), device: ctx.deviceId }))();
  },
  'checklists.removeTemplate': ({ id }, ctx) => {
    if (!removeTemplate(ctx.db, id, ctx.clock.now())) throw new AppError('not_found', 'Checklist template not found');
    return { removed: true as const };
  },
  'checklists.forEvent': ({ eventId }, ctx) => {
    if (!getEvent(ctx.db, eventId)) throw new AppError('not_found', 'Event not found');
    return eventChecklist(ctx, eventId);
  },
  'checklists.start': ({ eventId, templateId }, ctx) => instantiateChecklist(ctx, eventId, templateId),
  'checklists.tick': (i, ctx) => {
    const item = getItem(ctx.db, i.itemId);
    if (!item) throw new AppError('not_found', 'Checklist item not found');
    return setItemDone(
      ctx.db,
      item.id,
      { done: i.done, userId: ctx.caller.userId, userName: ctx.caller.displayName.slice(0, 120), note: i.note, photo: i.photo },
      ctx.clock.now(),
    )!;
  },
};
