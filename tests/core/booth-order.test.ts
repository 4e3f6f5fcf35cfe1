import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';

// qa19: every booth picker (quote, event form, events filter) listed "Borne Écume" after
// "Borne Houle": the core sorted by lower(name), byte order, where É comes after every plain letter.
let core: TestCore;
beforeEach(() => {
  core = createTestCore();
});
afterEach(() => core.dispose());

describe('booths.list order', () => {
  it('is alphabetical as people read it: accents beside their letter, case ignored, numbers by value', async () => {
    for (const name of ['Borne Houle', 'Borne Écume', 'borne Dune', 'Borne 10', 'Borne Élan', 'Borne 9', 'Borne Flocon'])
      await core.router.call('booths.create', { name });
    expect((await core.router.call('booths.list', {})).map((b) => b.name)).toEqual([
      'Borne 9',
      'Borne 10',
      'borne Dune',
      'Borne Écume',
      'Borne Élan',
      'Borne Flocon',
      'Borne Houle',
    ]);
  });
});

describe('stock.locations.list order', () => {
  it('warehouses, vans, then booths, each alphabetical as people read it ("Borne Écume" before "Borne Houle")', async () => {
    for (const name of ['Borne Houle', 'Borne Écume', 'Borne Dune']) await core.router.call('booths.create', { name });
    await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });
    await core.router.call('stock.locations.create', { name: 'Atelier', kind: 'warehouse' });
    const names = (await core.router.call('stock.locations.list', {})).map((l) => l.name);
    expect(names).toEqual(['Atelier', 'Entrepôt Lyon', 'Borne Dune', 'Borne Écume', 'Borne Houle']);
  });
});

describe('people in reading order', () => {
  it('users.list sorts "Élodie" beside "Eddy", not after "Zoé"', async () => {
    const { insertUser } = await import('@core/db/repos/users.js');
    for (const displayName of ['Zoé Martin', 'Élodie Roux', 'Eddy Blanc', 'Amaury Petit'])
      insertUser(core.ctx.db, { email: null, displayName, role: 'installer' }, { now: core.clock.now(), device: core.ctx.deviceId });
    const names = (await core.router.call('users.list', {})).map((u) => u.displayName).filter((n) => n !== undefined);
    expect(names.filter((n) => ['Zoé Martin', 'Élodie Roux', 'Eddy Blanc', 'Amaury Petit'].includes(n))).toEqual([
      'Amaury Petit',
      'Eddy Blanc',
      'Élodie Roux',
      'Zoé Martin',
    ]);
  });
});
