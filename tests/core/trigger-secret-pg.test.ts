import { describe } from 'vitest';
import { startHubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { pgHubAvailable } from '../fixtures/hub-double/pg.js';
import { triggerSecretSuite } from './trigger-secret.suite.js';

// The booth trigger secrets' hub rules on a real PostgreSQL 15 server (scripts/hub-pg.sh, started
// by .ci/run), migrated by `supabase db push`, under the old and the new grant defaults.
describe.skipIf(!pgHubAvailable())('booth trigger secrets on PostgreSQL 15', () => {
  triggerSecretSuite('PostgreSQL 15, new grant default', () =>
    startHubDouble({ users: DEMO_HUB_USERS, engine: 'postgres', grants: 'new' }),
  );
  triggerSecretSuite('PostgreSQL 15, old grant default', () =>
    startHubDouble({ users: DEMO_HUB_USERS, engine: 'postgres', grants: 'old' }),
  );
});
