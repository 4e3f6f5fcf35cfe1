import { onPostgres15 } from '../fixtures/hub-rls.js';
import { sameContentSync } from './sync-same-content.suite.js';

// The same cases on a real PostgreSQL 15 server (scripts/hub-pg.sh; .ci/run starts it), both
// grant defaults. Skipped without a server, a failure on CI.
onPostgres15(sameContentSync, 'same content on two devices');
