import { SyncSettingsSection } from '../sync/SyncSettingsSection';
import { NotionSettingsSection } from '../notion/NotionSettingsSection';
import { SetupSettingsSection } from '../setup/SetupChecklist';
import { MainWarehouseSection } from '../stock/MainWarehouseSection';
import { KioskSettingsSection } from '../kiosk/KioskSettingsSection';
import { ChecklistTemplatesSection } from '../checklists/TemplatesSection';
import { PaperStockSection } from '../fleet/PaperStockSection';
import { NotifySection } from '../notify/NotifySection';
import { SpeedSettingsSection } from '../fleet/SpeedSettingsSection';
import { HolidaysSection } from '../forecast/HolidaysSection';
import type { ComponentType } from 'react';

/** Settings sections other features add (hub account, Notion, kiosk PIN…), one line each. */
export const SETTINGS_SECTIONS: Array<{ id: string; component: ComponentType }> = [
  { id: 'setup', component: SetupSettingsSection },
  { id: 'sync', component: SyncSettingsSection },
  { id: 'notion', component: NotionSettingsSection },
  { id: 'mainWarehouse', component: MainWarehouseSection },
  { id: 'holidays', component: HolidaysSection },
  { id: 'kiosk', component: KioskSettingsSection },
  { id: 'checklists', component: ChecklistTemplatesSection },
  { id: 'paperStock', component: PaperStockSection },
  { id: 'notify', component: NotifySection },
  { id: 'speedtest', component: SpeedSettingsSection },
];
