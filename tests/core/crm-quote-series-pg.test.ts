import { describe } from 'vitest';
import { startHubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { pgHubAvailable } from '../fixtures/hub-double/pg.js';
import { quoteSeriesSuite } from './crm-quote-series.suite.js';

// The same on a real PostgreSQL 15 server (scripts/hub-pg.sh; .ci/run starts it). Skipped without a server, a failure on CI.
describe.skipIf(!pgHubAvailable())('quote numbering series on PostgreSQL 15', () => {
  quoteSeriesSuite('quote numbering series on PostgreSQL 15', () => startHubDouble({ users: DEMO_HUB_USERS, engine: 'postgres' }));
});
