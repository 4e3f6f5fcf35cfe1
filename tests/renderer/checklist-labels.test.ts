import { afterAll, describe, expect, it } from 'vitest';
import i18n from '@renderer/i18n/index';
import { checklistLabel, templateName } from '@renderer/features/checklists/builtinLabels';
import { BUILTIN_CHECKLIST_ID, BUILTIN_CHECKLIST_ITEMS, BUILTIN_CHECKLIST_NAME } from '@shared/model/checklistBuiltin';
import { BUILTIN_TEMPLATE_ITEMS } from '@core/modules/checklists/builtin.js';

// Issue 16: the built-in checklist is stored in French (business data); the screens show its
// labels as shipped in the user's language, and whatever an admin typed exactly as typed.
const t = (key: string, opts?: Record<string, unknown>) => i18n.t(key, opts);
afterAll(() => void i18n.changeLanguage('fr'));

describe('built-in checklist labels', () => {
  it('the French translation of every built-in label is the stored label; English has its own', async () => {
    await i18n.changeLanguage('fr');
    for (const it of BUILTIN_CHECKLIST_ITEMS) expect(checklistLabel(BUILTIN_CHECKLIST_ID, it.label, t)).toBe(it.label);
    expect(templateName(BUILTIN_CHECKLIST_ID, BUILTIN_CHECKLIST_NAME, t)).toBe('Journée type');
    await i18n.changeLanguage('en');
    const en = BUILTIN_CHECKLIST_ITEMS.map((it) => checklistLabel(BUILTIN_CHECKLIST_ID, it.label, t));
    expect(en).toEqual([
      'Booth, stand and flight case loaded',
      'Paper rolls and ribbon for the event',
      'Props and photo backdrop',
      'Booth set up and plugged in',
      'Network checked (speed test)',
      'Test print OK',
      'Booth taken down and packed',
      'Equipment back at the depot',
    ]);
    expect(templateName(BUILTIN_CHECKLIST_ID, BUILTIN_CHECKLIST_NAME, t)).toBe('Standard day');
    // The core instantiates exactly these labels.
    expect(BUILTIN_TEMPLATE_ITEMS.map((i) => i.label)).toEqual(BUILTIN_CHECKLIST_ITEMS.map((i) => i.label));
  });

  it('labels an admin edited, and other templates, show as typed in any language', async () => {
    await i18n.changeLanguage('en');
    expect(checklistLabel(BUILTIN_CHECKLIST_ID, 'Borne montée, rallonge de 10 m', t)).toBe('Borne montée, rallonge de 10 m');
    expect(checklistLabel('another-template', 'Borne montée et branchée', t)).toBe('Borne montée et branchée');
    expect(templateName(BUILTIN_CHECKLIST_ID, 'Journée salon', t)).toBe('Journée salon');
    expect(templateName('another-template', BUILTIN_CHECKLIST_NAME, t)).toBe(BUILTIN_CHECKLIST_NAME);
  });
});
