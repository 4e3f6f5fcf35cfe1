import { startHubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { crmRls } from './crm-rls.suite.js';

// The office's paperwork on PGlite, under Supabase's new grant default and its old one.
crmRls('PGlite, new grant default', () => startHubDouble({ users: DEMO_HUB_USERS, grants: 'new' }));
crmRls('PGlite, old grant default', () => startHubDouble({ users: DEMO_HUB_USERS, grants: 'old' }));
