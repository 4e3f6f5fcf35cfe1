import { describe } from 'vitest';
import { startHubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { pgHubAvailable } from '../fixtures/hub-double/pg.js';
import { checklistRls } from './checklists-rls.suite.js';

// Checklist tables' RLS on a real PostgreSQL 15 server (scripts/hub-pg.sh; started by .ci/run). Skipped without one; a failure on CI.
describe.skipIf(!pgHubAvailable())('checklist RLS on PostgreSQL 15', () => {
  checklistRls('checklists on PostgreSQL 15, new grant default', () =>
    startHubDouble({ users: DEMO_HUB_USERS, engine: 'postgres', grants: 'new' }),
  );
  checklistRls('checklists on PostgreSQL 15, old grant default', () =>
    startHubDouble({ users: DEMO_HUB_USERS, engine: 'postgres', grants: 'old' }),
  );
});
