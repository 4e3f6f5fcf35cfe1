import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { NotYetAvailable } from './NotYetAvailable';

export interface Area {
  id: string;
  /** Short glyph shown in the sidebar. */
  icon: string;
  /** i18n key in the nav namespace. */
  labelKey: string;
  component: ComponentType<{ route: string[] }> | LazyExoticComponent<ComponentType<{ route: string[] }>>;
  /** Hidden from the sidebar (reached by links or by device mode), still routable. */
  hidden?: boolean;
}

const notYet = (area: string) => () => <NotYetAvailable area={area} />;

/** Every area of the app, in sidebar order. A feature replaces its `notYet` entry by its page. */
export const AREAS: Area[] = [
  { id: 'dashboard', icon: '◧', labelKey: 'dashboard', component: lazy(() => import('../features/dashboard/DashboardPage')) },
  { id: 'catalog', icon: '▤', labelKey: 'catalog', component: lazy(() => import('../features/catalog/CatalogPage')) },
  { id: 'stock', icon: '▦', labelKey: 'stock', component: lazy(() => import('../features/stock/StockPage')) },
  { id: 'forecasts', icon: '◔', labelKey: 'forecasts', component: lazy(() => import('../features/forecast/ForecastPage')) },
  { id: 'fleet', icon: '▣', labelKey: 'fleet', component: lazy(() => import('../features/fleet/FleetPage')) },
  { id: 'alerts', icon: '⚠', labelKey: 'alerts', component: lazy(() => import('../features/alerts/AlertsPage')) },
  { id: 'events', icon: '◷', labelKey: 'events', component: lazy(() => import('../features/events/EventsPage')) },
  { id: 'clients', icon: '☺', labelKey: 'clients', component: lazy(() => import('../features/clients/ClientsPage')) },
  { id: 'quotes', icon: '€', labelKey: 'quotes', component: lazy(() => import('../features/quotes/QuotesPage')) },
  { id: 'kiosk', icon: '▢', labelKey: 'fleet', component: lazy(() => import('../features/kiosk/KioskPage')), hidden: true },
  { id: 'assistant', icon: '◍', labelKey: 'assistant', component: notYet('assistant') },
  { id: 'sync', icon: '⇅', labelKey: 'settings', component: lazy(() => import('../features/sync/SyncPage')), hidden: true },
  { id: 'notion', icon: 'N', labelKey: 'settings', component: lazy(() => import('../features/notion/NotionPage')), hidden: true },
  { id: 'setup', icon: '✓', labelKey: 'settings', component: lazy(() => import('../features/setup/SetupPage')), hidden: true },
  { id: 'settings', icon: '⚙', labelKey: 'settings', component: lazy(() => import('../features/settings/SettingsPage')) },
];
