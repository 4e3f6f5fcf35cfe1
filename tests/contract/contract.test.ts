import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, events } from '@shared/contract/index.js';
import { moduleHandlers } from '@core/entry.js';
import { insertUser } from '@core/db/repos/users.js';
import { ROLES } from '@shared/model/roles.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { dbFingerprint } from '../fixtures/dbSnapshot.js';
import { startBridge, type Bridge } from '../../electron/bridge/server.js';
import { PINNED_CHANNEL_ROLES } from './channel-roles.pinned.js';

const handlers = moduleHandlers();

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
      expect(new Set(def.roles).size, `${c}: a role listed twice`).toBe(def.roles.length);
      expect(typeof def.input.safeParse, c).toBe('function');
      expect(typeof def.output.safeParse, c).toBe('function');
    }
  });

  it('gives each channel exactly the kind and roles pinned in channel-roles.pinned.ts (a change there is a reviewed diff)', () => {
    const live = Object.fromEntries(channels.map((c) => [c, `${contract[c].kind}: ${[...contract[c].roles].sort().join(' ')}`]));
    // Entry by entry, so a failure names the channel; then the key sets, so a new or dropped channel shows.
    for (const c of channels)
      expect(live[c], `${c} differs from tests/contract/channel-roles.pinned.ts; if intended, pin it there as  '${c}': '${live[c]}',`).toBe(
        PINNED_CHANNEL_ROLES[c],
      );
    expect(Object.keys(PINNED_CHANNEL_ROLES).sort()).toEqual([...channels].sort());
  });

  it('names every push event with a schema', () => {
    for (const [name, schema] of Object.entries(events)) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*(\.[a-zA-Z]+)+$/);
      expect(typeof (schema as { safeParse: unknown }).safeParse).toBe('function');
    }
  });
});

describe('forecast.product history days', () => {
  const history = contract['forecast.product'].output.shape.history;
  const ok = (h: Record<string, unknown>) => history.safeParse([{ day: 0, quantity: 3, ...h }]).success;
  it('says which days the forecast set aside as exceptional: high or low, nothing else', () => {
    expect(ok({})).toBe(true);
    expect(ok({ exceptional: 'high' })).toBe(true);
    expect(ok({ exceptional: 'low', quantity: 0 })).toBe(true);
    expect(ok({ exceptional: 'medium' })).toBe(false);
    expect(ok({ exceptional: true })).toBe(false);
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

describe('roles are enforced by the router, not only declared', () => {
  it.each(ROLES.filter((r) => r !== 'admin'))(
    '%s: every channel not open to it is refused as forbidden, and nothing is written',
    async (role) => {
      // Channels whose input may be empty: the role check is the only thing between the call and the handler.
      const closed = channels.filter((c) => !contract[c].roles.includes(role) && contract[c].input.safeParse({}).success);
      expect(closed.length, `${role}: channels to try`).toBeGreaterThan(0);
      const u = insertUser(
        core.ctx.db,
        { email: `${role}-roles@x.test`, displayName: role, role },
        { now: core.clock.now(), device: core.ctx.deviceId },
      );
      core.ctx.session.set(u.id);
      try {
        expect(core.ctx.session.current()!.role).toBe(role);
        const before = dbFingerprint(core.ctx.db, { ignore: ['audit_log', 'outbox', 'sync_row_versions'] });
        for (const channel of closed) {
          expect(await core.router.request({ channel, input: {} }), `${role} → ${channel}`).toMatchObject({
            ok: false,
            error: { code: 'forbidden' },
          });
        }
        expect(dbFingerprint(core.ctx.db, { ignore: ['audit_log', 'outbox', 'sync_row_versions'] })).toBe(before);
      } finally {
        core.ctx.session.clear();
      }
    },
  );
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
