import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, events } from '../../shared/contract/index.js';
import { moduleHandlers } from '../../electron/core/entry.js';

const handlers = moduleHandlers();
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { dbFingerprint } from '../fixtures/dbSnapshot.js';
import { startBridge, type Bridge } from '../../electron/bridge/server.js';

let core: TestCore;
let bridge: Bridge;
beforeAll(async () => {
  core = createTestCore();
  await core.router.call('system.setup', { choice: 'empty' });
  bridge = await startBridge({ core, port: 0 });
});
afterAll(async () => {
  await bridge.close();
  core.dispose();
});

const channels = Object.keys(contract) as Array<keyof typeof contract>;
const WRONG_VALUES: unknown[] = [123456789, 'not-what-you-want', true, [], { nested: { deep: 1 } }, null, -1.5];
const NOT_OBJECTS: unknown[] = [42, 'text', [], true];

describe('contract', () => {
  it('has exactly one handler per channel', () => {
    expect(Object.keys(handlers).sort()).toEqual([...channels].sort());
  });

  it('declares kind, roles and schemas for every channel', () => {
    for (const c of channels) {
      const def = contract[c];
      expect(['query', 'mutation'], c).toContain(def.kind);
      expect(def.roles.length, c).toBeGreaterThan(0);
      expect(typeof def.input.safeParse, c).toBe('function');
      expect(typeof def.output.safeParse, c).toBe('function');
    }
  });

  it('names every push event with a schema', () => {
    for (const [name, schema] of Object.entries(events)) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*(\.[a-zA-Z]+)+$/);
      expect(typeof (schema as { safeParse: unknown }).safeParse).toBe('function');
    }
  });
});

describe('fuzzing every channel with bad input', () => {
  it.each(channels)('%s: wrong types, non-objects and extra keys → invalid_input, nothing written', async (channel) => {
    const def = contract[channel];
    const before = dbFingerprint(core.ctx.db);
    const attempts: unknown[] = [...NOT_OBJECTS, { __unexpected_key__: 1 }];
    const shape = (def.input as unknown as { shape?: Record<string, unknown> }).shape;
    for (const key of Object.keys(shape ?? {})) for (const v of WRONG_VALUES) attempts.push({ [key]: v });
    let refused = 0;
    for (const input of attempts) {
      if (def.input.safeParse(input).success) continue;
      const res = await core.router.request({ channel, input });
      expect(res, `${channel} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      refused++;
    }
    expect(refused, `${channel} must refuse non-objects and unknown keys`).toBeGreaterThanOrEqual(NOT_OBJECTS.length + 1);
    expect(dbFingerprint(core.ctx.db)).toBe(before);
  });
});

describe('one protocol over every transport', () => {
  async function viaBridge(channel: string, input: unknown) {
    const r = await fetch(`${bridge.url}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bridge.token}` },
      body: JSON.stringify({ channel, input }),
    });
    return r.json();
  }
  it.each([
    ['settings.get', {}],
    ['users.list', {}],
    ['audit.list', { limit: 5 }],
    ['settings.set', { deviceName: '' }],
    ['no.such.channel', {}],
  ])('%s gives the same envelope in-process and over the bridge', async (channel, input) => {
    const direct = await core.router.request({ channel, input });
    const remote = await viaBridge(channel, input);
    expect(remote).toEqual(JSON.parse(JSON.stringify(direct)));
  });
});
