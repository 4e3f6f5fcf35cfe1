import type { TemplateItem } from '@shared/model/checklist.js';

/**
 * The checklist an event gets when no admin wrote one yet. Its id is fixed so every device that
 * needs it creates the same row and sync converges on one template (no duplicates offline).
 * Labels are business data (French first, like the rest of the business's data); admins edit them.
 */
export const BUILTIN_TEMPLATE_ID = '019a0000-0000-7000-8000-00000000c001';
export const BUILTIN_TEMPLATE_NAME = 'Journée type';
export const BUILTIN_TEMPLATE_ITEMS: readonly TemplateItem[] = [
  { section: 'loading', label: 'Borne, pied et flight-case chargés', required: true },
  { section: 'loading', label: 'Rouleaux de papier et ruban pour l’événement', required: true },
  { section: 'loading', label: 'Accessoires et fond photo', required: false },
  { section: 'setup', label: 'Borne montée et branchée', required: true },
  { section: 'setup', label: 'Réseau vérifié (test de débit)', required: false },
  { section: 'test_print', label: 'Impression de test réussie', required: true },
  { section: 'teardown', label: 'Borne démontée et rangée', required: true },
  { section: 'return', label: 'Matériel rapporté au dépôt', required: true },
];
