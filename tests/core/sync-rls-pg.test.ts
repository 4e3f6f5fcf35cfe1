import { describe } from 'vitest';
import { startHubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { pgHubAvailable } from '../fixtures/hub-double/pg.js';
import { rlsMatrix } from './sync-rls.suite.js';

// The RLS matrix on a real PostgreSQL 15 server (a throwaway cluster from scripts/hub-pg.sh,
// started by .ci/run), each run in a fresh Supabase-like database migrated by `supabase db push`,
// under the old and the new grant defaults. Skipped without a server, a failure on CI.
describe.skipIf(!pgHubAvailable())('RLS matrix on PostgreSQL 15', () => {
  rlsMatrix('PostgreSQL 15, new grant default', () => startHubDouble({ users: DEMO_HUB_USERS, engine: 'postgres', grants: 'new' }));
  rlsMatrix('PostgreSQL 15, old grant default', () => startHubDouble({ users: DEMO_HUB_USERS, engine: 'postgres', grants: 'old' }));
});
