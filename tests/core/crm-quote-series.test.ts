import { startHubDouble } from '../fixtures/hub-double/server.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { quoteSeriesSuite } from './crm-quote-series.suite.js';

// Quote numbering series per device through the hub double on PGlite.
quoteSeriesSuite('quote numbering series on PGlite', () => startHubDouble({ users: DEMO_HUB_USERS }));
