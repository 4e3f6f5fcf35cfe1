import { describe, expect } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { startHubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS, DEMO_BOOTH_IDS } from '../fixtures/hub-double/users.js';
import { pgHubAvailable } from '../fixtures/hub-double/pg.js';
import { hubAttacks } from './hub-attacks.suite.js';
import { rerunTest } from './hub-rerun.js';

// Issue 12's hub attacks on a real PostgreSQL 15 server (scripts/hub-pg.sh's throwaway cluster),
// each database Supabase-like and migrated by `supabase db push`, under the new and the old grant
// defaults; the re-run test runs every file again with psql. Skipped without a server, a failure on CI.
describe.skipIf(!pgHubAvailable())('hub attacks on PostgreSQL 15', () => {
  for (const grants of ['new', 'old'] as const) {
    hubAttacks(
      `PostgreSQL 15, ${grants} grant default`,
      () => startHubDouble({ users: DEMO_HUB_USERS, engine: 'postgres', grants }),
      (get) => {
        rerunTest(get, async () => {
          const booth = createClient(get().url, get().anonKey, {
            auth: { persistSession: false },
            realtime: { transport: WebSocket as never },
          });
          await booth.auth.signInWithPassword({ email: 'booth1@opsdeck.test', password: 'booth1-pass-1' });
          const dev = 'd0000000-0000-7000-8000-00000000000d';
          const r = await booth.rpc('opsdeck_push', {
            p_device: dev,
            p_mutations: [
              {
                m: 5000,
                t: 'booth_counter_events',
                r: {
                  id: 'e1000000-0000-7000-8000-000000000001',
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
                  origin_device: dev,
                },
                b: null,
              },
            ],
          });
          expect(r.error).toBeNull();
          expect(r.data).toMatchObject({ applied: 1, rejected: [] });
        });
      },
      true,
    );
  }
});
