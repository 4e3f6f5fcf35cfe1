import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { PrintLang } from '@shared/print';

export interface PrintViewProps {
  data: unknown;
  lang: PrintLang;
}

type PrintView = LazyExoticComponent<ComponentType<PrintViewProps>>;

/** Print views by kind: one line each; the view lives in ./views/<kind>.tsx and validates its data. */
export const PRINT_VIEWS: Record<string, PrintView> = {
  letterhead: lazy(() => import('./views/letterhead')),
  eventReport: lazy(() => import('./views/eventReport')),
  eventReports: lazy(() => import('./views/eventReports')),
  quote: lazy(() => import('./views/quote')),
};
