import { onPglite } from '../fixtures/hub-rls.js';
import { orderSeriesSuite } from './crm-order-series.suite.js';

// Customer order numbering series per device through the hub double on PGlite, under Supabase's
// new grant default and its old one.
onPglite(orderSeriesSuite, 'order numbering series');
