import type { TemplateItem } from '@shared/model/checklist.js';
import { BUILTIN_CHECKLIST_ID, BUILTIN_CHECKLIST_ITEMS, BUILTIN_CHECKLIST_NAME } from '@shared/model/checklistBuiltin.js';

/**
 * The checklist an event gets when no admin wrote one yet (defined in @shared/model/checklistBuiltin:
 * the screens translate its labels as shipped). Its id is fixed so every device that needs it
 * creates the same row and sync converges on one template (no duplicates offline).
 */
export const BUILTIN_TEMPLATE_ID = BUILTIN_CHECKLIST_ID;
export const BUILTIN_TEMPLATE_NAME = BUILTIN_CHECKLIST_NAME;
export const BUILTIN_TEMPLATE_ITEMS: readonly TemplateItem[] = BUILTIN_CHECKLIST_ITEMS.map(({ section, label, required }) => ({
  section,
  label,
  required,
}));
