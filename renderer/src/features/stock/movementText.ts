import { formatNumber } from '@renderer/i18n/format';
import type { Movement } from '@shared/model/stock';

/** A movement's change of stock with its sign: "+12", "-3". */
export const signedDelta = (delta: number): string => `${delta > 0 ? '+' : ''}${formatNumber(delta)}`;

/** Where a movement happened: its location, or "from → to" for a transfer. */
export const movementPlace = (m: Pick<Movement, 'locationName' | 'toLocationName'>): string =>
  m.toLocationName ? `${m.locationName} → ${m.toLocationName}` : m.locationName;
