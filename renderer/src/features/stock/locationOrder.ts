import type { Location } from '../../../../shared/model/stock';
import { compareText } from '../../i18n/format';

/** Warehouses first, then booths; each in the UI language's alphabetical order. */
export function sortLocations(list: Location[]): Location[] {
  return [...list].sort((a, b) => (a.kind === b.kind ? compareText(a.name, b.name) : a.kind === 'warehouse' ? -1 : 1));
}

/** The person's last choice if it still exists, else the business's main warehouse, else the first warehouse. */
export function defaultEntryLocation(locations: Location[], mainWarehouseId: string | null, last: string | null): string {
  if (last && locations.some((l) => l.id === last && l.active)) return last;
  if (mainWarehouseId && locations.some((l) => l.id === mainWarehouseId)) return mainWarehouseId;
  return locations.find((l) => l.kind === 'warehouse' && l.active)?.id ?? locations[0]?.id ?? '';
}
