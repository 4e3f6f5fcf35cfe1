import { onPglite } from '../fixtures/hub-rls.js';
import { sameContentSync } from './sync-same-content.suite.js';

// Two devices that hold the same content produce no conflict entry: on PGlite, under Supabase's new grant default and its old one.
onPglite(sameContentSync, 'same content on two devices');
