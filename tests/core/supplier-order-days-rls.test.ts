import { onPglite } from '../fixtures/hub-rls.js';
import { supplierOrderDaysRls } from './supplier-order-days-rls.suite.js';

// Suppliers' order days on the hub, on PGlite under Supabase's new grant default and its old one.
onPglite(supplierOrderDaysRls, 'supplier order days');
