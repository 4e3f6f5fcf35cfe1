import { describe, test, expect } from 'vitest';
import {
  WHO,
  T,
  type Who,
  deviceIds,
  eventRow,
  hardDeletesRefused,
  idMaker,
  insertMatrix,
  readMatrix,
  rolesIn,
  serviceClient,
  syncMeta,
  updateMatrix,
  useRlsHub,
} from '../fixtures/hub-rls.js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

/**
 * RLS of the checklist tables (issue 16), every role × operation under the role's JWT through the
 * hub double, on whichever engine the caller opens (checklists-rls.test.ts: PGlite;
 * checklists-rls-pg.test.ts: PostgreSQL 15, old and new grant defaults).
 * Templates: staff read, admins write. Items: staff read, admins and installers insert and tick.
 */
const DEV = deviceIds('a0000000', 11, WHO);
const newId = idMaker('c0000000');
let position = 0;
const template = (who: Who) => ({
  id: newId(),
  name: 'Journée',
  items: JSON.stringify([{ section: 'setup', label: 'Monter', required: true }]),
  is_default: 0,
  ...syncMeta(DEV[who]),
});
const item = (who: Who) => ({
  id: newId(),
  event_id: 'e-cl',
  template_id: 't-seed',
  section: 'setup',
  position: ++position,
  label: 'Monter la borne',
  required: 1,
  done_at: null,
  done_by: null,
  done_by_name: null,
  note: null,
  photo: null,
  ...syncMeta(DEV[who]),
});

export function checklistRls(label: string, open: () => Promise<HubDouble>): void {
  describe(label, () => {
    const rls = useRlsHub(open, DEV, {
      seed: async (put) => {
        await put('events', eventRow('e-cl', DEV.admin));
        await put('checklist_templates', { ...template('admin'), id: 't-seed' });
        await put('checklist_items', { ...item('admin'), id: 'i-seed' });
      },
    });

    insertMatrix(rls, WHO, [
      { label: 'into checklist_templates', table: 'checklist_templates', row: template, allowed: rolesIn('admin') },
      { label: 'into checklist_items', table: 'checklist_items', row: item, allowed: rolesIn('admin', 'installer') },
    ]);
    readMatrix(rls, WHO, [
      { table: 'checklist_templates', id: 't-seed', allowed: rolesIn('admin', 'installer', 'viewer'), label: 'checklist_templates' },
      { table: 'checklist_items', id: 'i-seed', allowed: rolesIn('admin', 'installer', 'viewer'), label: 'checklist_items' },
    ]);
    hardDeletesRefused(rls, WHO, ['checklist_templates', 'checklist_items']);
    updateMatrix(rls, WHO, [
      {
        table: 'checklist_templates',
        id: 't-seed',
        col: 'name',
        value: (w) => `renamed by ${w}`,
        allowed: rolesIn('admin'),
        label: 'checklist_templates.name',
      },
      {
        table: 'checklist_items',
        id: 'i-seed',
        col: 'note',
        value: (w) => `ticked by ${w}`,
        allowed: rolesIn('admin', 'installer'),
        label: 'checklist_items.note',
      },
    ]);

    test('the hub keeps the local CHECKs: a ticked item names who ticked it; one instance of a template slot per event', async () => {
      const svc = serviceClient(rls.hub());
      const half = await svc.from('checklist_items').insert({ ...item('admin'), done_at: T });
      expect(half.error?.code).toBe('23514');
      const twin = await svc
        .from('checklist_items')
        .insert({ ...item('admin'), position: await rls.column('checklist_items', 'i-seed', 'position') });
      expect(twin.error?.code).toBe('23505');
    });
  });
}
