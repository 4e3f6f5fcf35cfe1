import { onPglite } from '../fixtures/hub-rls.js';
import { rlsMatrix } from './sync-rls.suite.js';

// The RLS matrix on PGlite, under Supabase's new grant default (nothing granted on new public
// objects) and its old one (ALL to anon and authenticated): the migrations grant per role, so
// both behave the same. The real PostgreSQL 15 server runs it too (sync-rls-pg.test.ts).
onPglite(rlsMatrix, 'RLS matrix');
