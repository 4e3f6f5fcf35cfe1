import { onPostgres15 } from '../fixtures/hub-rls.js';
import { orderSeriesSuite } from './crm-order-series.suite.js';

// The same on a real PostgreSQL 15 server (scripts/hub-pg.sh; .ci/run starts it), both grant
// defaults. Skipped without a server, a failure on CI.
onPostgres15(orderSeriesSuite, 'order numbering series');
