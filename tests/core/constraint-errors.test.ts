import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';

// Issue 11: "Already exists (index 'booths_name')" reached the user in English, naming an index.
// The real SQLite unique indexes and CHECKs now come back as codes, a field and a sentence the
// renderer translates (tests/renderer/core-messages.test.ts checks the French of each).
let core: TestCore;
beforeEach(async () => {
  core = createTestCore();
  await core.router.call('system.setup', { choice: 'empty' });
});
afterEach(() => core.dispose());

async function refusal(channel: string, input: unknown) {
  const res = await core.router.request({ channel, input });
  expect(res.ok).toBe(false);
  return (res as { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } }).error;
}

describe('SQLite constraints as the user reads them', () => {
  it('a second booth with the same name (any case) is a conflict on the name field, in French too', async () => {
    await core.router.call('booths.create', { name: 'Borne Houle' } as never);
    const e = await refusal('booths.create', { name: 'borne houle' });
    expect(e.code).toBe('conflict');
    expect(e.message).toBe('A booth with this name already exists');
    expect(e.details).toMatchObject({ field: 'name' });
    expect(e.message).not.toMatch(/index|booths_name/);
  });

  it('a second booth with the same MAC is a conflict on the mac field', async () => {
    await core.router.call('booths.create', { name: 'Borne A', mac: 'aa:bb:cc:dd:ee:01' } as never);
    const e = await refusal('booths.create', { name: 'Borne B', mac: 'AA-BB-CC-DD-EE-01' });
    expect(e).toMatchObject({ code: 'conflict', message: 'A booth with this MAC address already exists', details: { field: 'mac' } });
  });

  it('renaming a booth onto another one is refused the same way', async () => {
    await core.router.call('booths.create', { name: 'Borne A' } as never);
    const b = await core.router.call('booths.create', { name: 'Borne B' } as never);
    const e = await refusal('booths.update', { id: b.id, name: 'BORNE A' });
    expect(e).toMatchObject({ code: 'conflict', details: { field: 'name' } });
  });

  it('a duplicated SKU and location name say so with the field', async () => {
    await core.router.call('catalog.products.create', { sku: 'CAD-0049', name: 'Album' } as never);
    const sku = await refusal('catalog.products.create', { sku: 'CAD-0049', name: 'Autre' });
    expect(sku).toMatchObject({ code: 'conflict', details: { field: 'sku' } });
    expect(sku.message).toBe('SKU CAD-0049 already exists');
    await core.router.call('stock.locations.create', { name: 'Entrepôt Nord', kind: 'warehouse' } as never);
    const loc = await refusal('stock.locations.create', { name: 'entrepôt nord', kind: 'warehouse' });
    expect(loc).toMatchObject({ code: 'conflict', details: { field: 'name' } });
  });

  it('names the field of a CHECK or NOT NULL failure, never the engine wording', async () => {
    const { constraintErrorShape } = await import('@core/constraints.js');
    expect(constraintErrorShape('CHECK constraint failed: length(trim(name)) BETWEEN 1 AND 64', 'x')).toMatchObject({
      code: 'constraint',
      message: 'This value is not allowed',
      details: { field: 'name' },
    });
    expect(constraintErrorShape('NOT NULL constraint failed: events.client_name', 'x').details).toMatchObject({ field: 'clientName' });
    expect(constraintErrorShape('UNIQUE constraint failed: some_new.thing', 'x')).toMatchObject({
      code: 'conflict',
      message: 'This value already exists',
    });
  });
});
