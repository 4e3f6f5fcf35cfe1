import { describe, test, expect, beforeAll, afterAll } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { startHubDouble, type HubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS, DEMO_BOOTH_IDS } from '../fixtures/hub-double/users.js';
import { hubAttacks } from './hub-attacks.suite.js';
import { rerunTest } from './hub-rerun.js';

// Issue 12's hub attacks on PGlite (the real PostgreSQL 15 server: hub-attacks-pg.test.ts), under
// Supabase's new grant default (nothing granted on new public objects) and its old one (ALL to anon
// and authenticated): the migrations write every privilege out, so both behave the same.
for (const grants of ['new', 'old'] as const) {
  hubAttacks(
    `hub attacks on PGlite, ${grants} grant default`,
    () => startHubDouble({ users: DEMO_HUB_USERS, grants }),
    (get) => {
      rerunTest(get, async () => {
        const booth = createClient(get().url, get().anonKey, {
          auth: { persistSession: false },
          realtime: { transport: WebSocket as never },
        });
        await booth.auth.signInWithPassword({ email: 'booth1@opsdeck.test', password: 'booth1-pass-1' });
        const id = 'e1000000-0000-7000-8000-000000000001';
        const r = await booth.rpc('opsdeck_push', {
          p_device: 'd0000000-0000-7000-8000-00000000000d',
          p_mutations: [
            {
              m: 5000,
              t: 'booth_counter_events',
              r: {
                id,
                booth_id: DEMO_BOOTH_IDS[0],
                event_id: null,
                kind: 'print',
                count: 1,
                correction: 0,
                prints_delta: -1,
                occurred_at: 1,
                trigger_type: null,
                raw_trigger: null,
                user_id: null,
                created_at: 1,
                updated_at: 1,
                deleted_at: null,
                origin_device: 'd0000000-0000-7000-8000-00000000000d',
              },
              b: null,
            },
          ],
        });
        expect(r.error).toBeNull();
        expect(r.data).toMatchObject({ applied: 1, rejected: [] });
      });
    },
  );
}

describe('sign-ups turned off', () => {
  let hub: HubDouble;
  beforeAll(async () => {
    hub = await startHubDouble({ users: DEMO_HUB_USERS, signUp: false });
  });
  afterAll(async () => {
    await hub?.close();
  });
  test('the double refuses e-mail sign-ups when they are turned off, as Supabase does (422 signup_disabled)', async () => {
    const c = createClient(hub.url, hub.anonKey, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });
    const r = await c.auth.signUp({ email: 'someone@example.test', password: 'someone-pass-1' });
    expect(r.error?.status).toBe(422);
    expect((r.error as { code?: string } | null)?.code).toBe('signup_disabled');
    expect((await hub.db.query('select 1 from auth.users where email = $1', ['someone@example.test'])).rows).toHaveLength(0);
  });
});
