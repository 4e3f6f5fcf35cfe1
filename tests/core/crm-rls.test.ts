import { onPglite } from '../fixtures/hub-rls.js';
import { crmRls } from './crm-rls.suite.js';

// The office's paperwork on PGlite, under Supabase's new grant default and its old one.
onPglite(crmRls, 'office paperwork');
