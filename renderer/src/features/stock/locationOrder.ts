import type { Location } from '@shared/model/stock';
import { compareText } from '@renderer/i18n/format';

const RANK: Record<string, number> = { warehouse: 0, van: 1, booth: 2 };

/** Warehouses first, then vans, then booths; each in the UI language's alphabetical order. */
export function sortLocations(list: Location[]): Location[] {
  return [...list].sort((a, b) => (RANK[a.kind] ?? 3) - (RANK[b.kind] ?? 3) || compareText(a.name, b.name));
}

/** The person's last choice if it still exists, else the business's main warehouse, else the first warehouse. */
export function defaultEntryLocation(locations: Location[], mainWarehouseId: string | null, last: string | null): string {
  if (last && locations.some((l) => l.id === last && l.active)) return last;
  if (mainWarehouseId && locations.some((l) => l.id === mainWarehouseId)) return mainWarehouseId;
  return locations.find((l) => l.kind === 'warehouse' && l.active)?.id ?? locations[0]?.id ?? '';
}
