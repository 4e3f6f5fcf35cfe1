import { onPostgres15 } from '../fixtures/hub-rls.js';
import { triggerSecretSuite } from './trigger-secret.suite.js';

// The booth trigger secrets' hub rules on a real PostgreSQL 15 server (scripts/hub-pg.sh, started
// by .ci/run), migrated by `supabase db push`, under the old and the new grant defaults.
onPostgres15(triggerSecretSuite, 'booth trigger secrets');
