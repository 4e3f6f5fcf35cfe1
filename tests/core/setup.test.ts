import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
let core: TestCore;
beforeEach(() => {
  core = createTestCore();
});
afterEach(() => core.dispose());

const left = async () => (await core.router.call('setup.status', {})).steps.filter((s) => !s.done && !s.skipped).map((s) => s.id);

describe('set-up of a real business', () => {
  it('keeps the business profile (VAT number normalised) and refuses bad values with their reason', async () => {
    expect(await core.router.call('setup.business.get', {})).toBeNull();
    const saved = await core.router.call('setup.business.set', {
      name: 'Photomaton Lyon',
      address: '3 rue de la Gare\n69001 Lyon',
      vatNumber: 'fr 12 345 678 901',
      logo: null,
      currency: 'EUR',
      language: 'fr',
    });
    expect(saved).toMatchObject({ name: 'Photomaton Lyon', vatNumber: 'FR12345678901', currency: 'EUR' });
    expect(await core.router.call('setup.business.get', {})).toEqual(saved);
    const bad = await core.router.request({
      channel: 'setup.business.set',
      input: { name: ' ', vatNumber: '123', logo: 'data:text/html;base64,AAAA', currency: 'EUR', language: 'fr' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    for (const reason of ['Enter the business name', 'VAT number: two letters', 'The logo must be a PNG'])
      expect(JSON.stringify(bad)).toContain(reason);
    // The profile is business-wide: a global setting, queued for the hub.
    expect(core.ctx.db.prepare("SELECT COUNT(*) FROM settings WHERE scope = 'global' AND key = 'business.profile'").pluck().get()).toBe(1);
  });

  it('ticks steps off as the business takes shape; optional steps can be skipped and brought back', async () => {
    expect(await left()).toEqual([
      'business',
      'admin',
      'locations',
      'products',
      'services',
      'openingStock',
      'sales',
      'hub',
      'notion',
      'booths',
    ]);
    await core.router.call('session.createFirstAdmin', { displayName: 'Camille Martin', password: 'un mot de passe sûr' });
    await core.router.call('setup.business.set', { name: 'Photomaton Lyon', currency: 'CHF', language: 'en' });
    await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });
    await core.router.call('csv.importCatalog', { kind: 'products', contentBase64: b64('sku;name\nDNP-6X4;Papier\n') });
    await core.router.call('csv.importMovements', {
      kind: 'movements',
      contentBase64: b64('date;sku;type;quantity\n01/11/2026;DNP-6X4;entrée;10\n'),
    });
    await core.router.call('csv.importMovements', { kind: 'sales', contentBase64: b64('date;sku;quantity\n02/11/2026;DNP-6X4;2\n') });
    expect(await left()).toEqual(['services', 'hub', 'notion', 'booths']);
    for (const step of ['services', 'hub', 'notion'] as const) await core.router.call('setup.skip', { step });
    const s = await core.router.call('setup.status', {});
    expect(s.remaining).toBe(1);
    expect(s.steps.find((x) => x.id === 'products')).toMatchObject({ done: true, count: 1 });
    await core.router.call('booths.create', { name: 'Borne Aurore' });
    expect((await core.router.call('setup.status', {})).remaining).toBe(0);
    await core.router.call('setup.skip', { step: 'hub', skipped: false });
    expect(await left()).toEqual(['hub']);
    expect(await core.router.request({ channel: 'setup.skip', input: { step: 'business' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
