import { onPostgres15 } from '../fixtures/hub-rls.js';
import { rlsMatrix } from './sync-rls.suite.js';

// The RLS matrix on a real PostgreSQL 15 server (a throwaway cluster from scripts/hub-pg.sh,
// started by .ci/run), each run in a fresh Supabase-like database migrated by `supabase db push`,
// under the old and the new grant defaults. Skipped without a server, a failure on CI.
onPostgres15(rlsMatrix, 'RLS matrix');
