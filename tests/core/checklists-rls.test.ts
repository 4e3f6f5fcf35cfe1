import { onPglite } from '../fixtures/hub-rls.js';
import { checklistRls } from './checklists-rls.suite.js';

// Checklist tables' RLS on PGlite under Supabase's new and old grant defaults (the real server: checklists-rls-pg.test.ts).
onPglite(checklistRls, 'checklists');
