import { onPglite } from '../fixtures/hub-rls.js';
import { eventStaffRls } from './event-staff-rls.suite.js';

// Who works which event, and the clients installers read through it, on PGlite under Supabase's new grant default and its old one.
onPglite(eventStaffRls, 'event staff');
