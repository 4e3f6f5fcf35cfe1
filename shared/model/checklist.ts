import { z } from 'zod';

/** The phases of an installer's day, in order; each checklist item belongs to one. */
export const CHECKLIST_SECTIONS = ['loading', 'setup', 'test_print', 'teardown', 'return'] as const;
export const ChecklistSection = z.enum(CHECKLIST_SECTIONS);
export type ChecklistSection = z.infer<typeof ChecklistSection>;

export const TemplateItem = z.strictObject({
  section: ChecklistSection,
  label: z.string().trim().min(1, 'Label is required').max(200, 'Label: 200 characters at most'),
  required: z.boolean().default(true),
});
export type TemplateItem = z.infer<typeof TemplateItem>;

export const ChecklistTemplate = z.object({
  id: z.string(),
  name: z.string(),
  isDefault: z.boolean(),
  items: z.array(TemplateItem),
  updatedAt: z.number(),
});
export type ChecklistTemplate = z.infer<typeof ChecklistTemplate>;

export const ChecklistItem = z.object({
  id: z.string(),
  eventId: z.string(),
  templateId: z.string(),
  section: ChecklistSection,
  position: z.number().int(),
  label: z.string(),
  required: z.boolean(),
  doneAt: z.number().nullable(),
  doneBy: z.string().nullable(),
  doneByName: z.string().nullable(),
  note: z.string().nullable(),
  photo: z.string().nullable(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistProgress = z.object({
  done: z.number().int(),
  total: z.number().int(),
  /** Required items still open: the event cannot be marked completed while there are any (unless an admin overrides). */
  requiredOpen: z.number().int(),
});
export type ChecklistProgress = z.infer<typeof ChecklistProgress>;

export const EventChecklist = z.object({
  eventId: z.string(),
  items: z.array(ChecklistItem),
  progress: ChecklistProgress,
});
export type EventChecklist = z.infer<typeof EventChecklist>;

/** Photos travel as small data URLs (the screen scales them down first). */
export const ChecklistPhoto = z
  .string()
  .max(400_000, 'Photo too large (300 kB at most)')
  .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/, 'Not a JPEG or PNG photo');
