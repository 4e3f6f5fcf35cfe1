import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface Area {
  id: string;
  /** Short glyph shown in the sidebar. */
  icon: string;
  /** i18n key in the nav namespace. */
  labelKey: string;
  component: ComponentType<{ route: string[] }> | LazyExoticComponent<ComponentType<{ route: string[] }>>;
  /** Hidden from the sidebar (reached by links or by device mode), still routable. */
  hidden?: boolean;
  /** Shown in the installer mode's sidebar (installers' work: their day, booths, events, alerts, stock). */
  installer?: boolean;
}

/** Every area of the app, in sidebar order. */
export const AREAS: Area[] = [
  { id: 'dashboard', icon: '◧', labelKey: 'dashboard', component: lazy(() => import('../features/dashboard/DashboardPage')) },
  { id: 'today', icon: '☀', labelKey: 'today', component: lazy(() => import('../features/today/TodayPage')), installer: true },
  { id: 'catalog', icon: '▤', labelKey: 'catalog', component: lazy(() => import('../features/catalog/CatalogPage')) },
  { id: 'stock', icon: '▦', labelKey: 'stock', component: lazy(() => import('../features/stock/StockPage')), installer: true },
  { id: 'forecasts', icon: '◔', labelKey: 'forecasts', component: lazy(() => import('../features/forecast/ForecastPage')) },
  { id: 'fleet', icon: '▣', labelKey: 'fleet', component: lazy(() => import('../features/fleet/FleetPage')), installer: true },
  { id: 'alerts', icon: '⚠', labelKey: 'alerts', component: lazy(() => import('../features/alerts/AlertsPage')), installer: true },
  { id: 'events', icon: '◷', labelKey: 'events', component: lazy(() => import('../features/events/EventsPage')), installer: true },
  { id: 'clients', icon: '☺', labelKey: 'clients', component: lazy(() => import('../features/clients/ClientsPage')), installer: true },
  { id: 'reports', icon: '▥', labelKey: 'reports', component: lazy(() => import('../features/reports/ReportsPage')) },
  { id: 'quotes', icon: '€', labelKey: 'quotes', component: lazy(() => import('../features/quotes/QuotesPage')) },
  { id: 'kiosk', icon: '▢', labelKey: 'fleet', component: lazy(() => import('../features/kiosk/KioskPage')), hidden: true },
  { id: 'assistant', icon: '◍', labelKey: 'assistant', component: lazy(() => import('../features/assistant/AssistantPage')) },
  { id: 'sync', icon: '⇅', labelKey: 'settings', component: lazy(() => import('../features/sync/SyncPage')), hidden: true },
  { id: 'notion', icon: 'N', labelKey: 'settings', component: lazy(() => import('../features/notion/NotionPage')), hidden: true },
  { id: 'setup', icon: '✓', labelKey: 'settings', component: lazy(() => import('../features/setup/SetupPage')), hidden: true },
  { id: 'settings', icon: '⚙', labelKey: 'settings', component: lazy(() => import('../features/settings/SettingsPage')), installer: true },
];

/** The area a device opens on: the installer mode's home is Today, the office's the dashboard. */
export function homeArea(mode: string | undefined): string {
  return mode === 'installer' ? 'today' : 'dashboard';
}

/** The sidebar of a device mode: the installer mode hides what installers cannot do (the core still enforces roles). */
export function sidebarAreas(mode: string | undefined): Area[] {
  return AREAS.filter((a) => !a.hidden && (mode !== 'installer' || a.installer));
}
