import { FleetTile } from '../fleet/FleetTile';
import { LatestMovementsTile, StockTile } from '../stock/StockTiles';
import { StockoutRiskTile } from '../forecast/ForecastTile';
import { SetupChecklistTile } from '../setup/SetupChecklist';
import { DueTodayTile, RecentOrdersTile } from '../clients/ClientTiles';
import { DeviceTile, RecentActivityTile, TeamTile } from './SystemTiles';
import type { ComponentType } from 'react';

/** Dashboard tiles in display order; each feature adds its own, one line each. */
export const DASHBOARD_TILES: Array<{ id: string; component: ComponentType }> = [
  { id: 'setup', component: SetupChecklistTile },
  { id: 'device', component: DeviceTile },
  { id: 'team', component: TeamTile },
  { id: 'activity', component: RecentActivityTile },
  { id: 'fleet', component: FleetTile },
  { id: 'stock', component: StockTile },
  { id: 'movements', component: LatestMovementsTile },
  { id: 'stockout-risks', component: StockoutRiskTile },
  { id: 'due-today', component: DueTodayTile },
  { id: 'recent-orders', component: RecentOrdersTile },
];
