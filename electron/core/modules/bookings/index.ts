import { defineModule } from '@core/module.js';
import { bookingsHandlers } from './handlers.js';

export { bookEvent } from './handlers.js';

/** Events (bookings) booths are rented for. */
export const bookingsModule = defineModule({ name: 'bookings', handlers: bookingsHandlers });
