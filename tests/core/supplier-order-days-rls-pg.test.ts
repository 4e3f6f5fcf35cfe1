import { onPostgres15 } from '../fixtures/hub-rls.js';
import { supplierOrderDaysRls } from './supplier-order-days-rls.suite.js';

// The same cases on a real PostgreSQL 15 server (scripts/hub-pg.sh; .ci/run starts it). Skipped
// without a server, a failure on CI.
onPostgres15(supplierOrderDaysRls, 'supplier order days RLS');
