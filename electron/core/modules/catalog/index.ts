import { defineModule } from '@core/module.js';
import { catalogHandlers } from './handlers.js';

/** Products and services. */
export const catalogModule = defineModule({ name: 'catalog', handlers: catalogHandlers });
