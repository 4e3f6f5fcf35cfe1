import { startHubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { checklistRls } from './checklists-rls.suite.js';

// Checklist tables' RLS on PGlite under Supabase's new and old grant defaults (the real server: checklists-rls-pg.test.ts).
checklistRls('checklists on PGlite, new grant default', () => startHubDouble({ users: DEMO_HUB_USERS, grants: 'new' }));
checklistRls('checklists on PGlite, old grant default', () => startHubDouble({ users: DEMO_HUB_USERS, grants: 'old' }));
