import { describe } from 'vitest';
import { startHubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { pgHubAvailable } from '../fixtures/hub-double/pg.js';
import { crmRls } from './crm-rls.suite.js';

// The same cases on a real PostgreSQL 15 server (scripts/hub-pg.sh; .ci/run starts it). Skipped
// without a server, a failure on CI.
describe.skipIf(!pgHubAvailable())('office paperwork RLS on PostgreSQL 15', () => {
  crmRls('PostgreSQL 15, new grant default', () => startHubDouble({ users: DEMO_HUB_USERS, engine: 'postgres', grants: 'new' }));
  crmRls('PostgreSQL 15, old grant default', () => startHubDouble({ users: DEMO_HUB_USERS, engine: 'postgres', grants: 'old' }));
});
