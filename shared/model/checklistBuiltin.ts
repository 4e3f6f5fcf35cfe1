import type { TemplateItem } from './checklist.js';

/**
 * The checklist an event gets when no admin wrote one yet (issue 16). Its id is fixed so every
 * device that needs it creates the same row and sync converges on one template. Its labels are
 * stored in French, like the business's other data; the screens show the ones still as shipped in
 * the user's language (by `key`) and any label an admin edited exactly as typed.
 */
export const BUILTIN_CHECKLIST_ID = '019a0000-0000-7000-8000-00000000c001';
export const BUILTIN_CHECKLIST_NAME = 'Journée type';
export const BUILTIN_CHECKLIST_ITEMS: ReadonlyArray<TemplateItem & { key: string }> = [
  { key: 'loadBooth', section: 'loading', label: 'Borne, pied et flight-case chargés', required: true },
  { key: 'loadPaper', section: 'loading', label: 'Rouleaux de papier et ruban pour l’événement', required: true },
  { key: 'loadProps', section: 'loading', label: 'Accessoires et fond photo', required: false },
  { key: 'setUp', section: 'setup', label: 'Borne montée et branchée', required: true },
  { key: 'network', section: 'setup', label: 'Réseau vérifié (test de débit)', required: false },
  { key: 'testPrint', section: 'test_print', label: 'Impression de test réussie', required: true },
  { key: 'tearDown', section: 'teardown', label: 'Borne démontée et rangée', required: true },
  { key: 'bringBack', section: 'return', label: 'Matériel rapporté au dépôt', required: true },
];

const BY_LABEL = new Map(BUILTIN_CHECKLIST_ITEMS.map((i) => [i.label, i.key]));

/** The translation key of a built-in template's label still as shipped; null when it was edited (show it as typed). */
export function builtinLabelKey(templateId: string, label: string): string | null {
  return templateId === BUILTIN_CHECKLIST_ID ? (BY_LABEL.get(label) ?? null) : null;
}

/** Is this the built-in template's name as shipped (translated on screen), rather than one an admin typed? */
export function isBuiltinName(templateId: string, name: string): boolean {
  return templateId === BUILTIN_CHECKLIST_ID && name === BUILTIN_CHECKLIST_NAME;
}
