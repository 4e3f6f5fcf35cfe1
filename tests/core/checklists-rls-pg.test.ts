import { onPostgres15 } from '../fixtures/hub-rls.js';
import { checklistRls } from './checklists-rls.suite.js';

// Checklist tables' RLS on a real PostgreSQL 15 server (scripts/hub-pg.sh; started by .ci/run). Skipped without one; a failure on CI.
onPostgres15(checklistRls, 'checklists');
