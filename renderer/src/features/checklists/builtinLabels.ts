import { builtinLabelKey, isBuiltinName } from '@shared/model/checklistBuiltin';

type T = (key: string, opts?: Record<string, unknown>) => string;

/** A checklist label as the user reads it: the built-in template's, as shipped, in their language; anything typed, as typed. */
export function checklistLabel(templateId: string, label: string, t: T): string {
  const key = builtinLabelKey(templateId, label);
  return key ? t(`builtin.items.${key}`, { ns: 'checklists' }) : label;
}

/** A template's name the same way. */
export function templateName(templateId: string, name: string, t: T): string {
  return isBuiltinName(templateId, name) ? t('builtin.name', { ns: 'checklists' }) : name;
}
