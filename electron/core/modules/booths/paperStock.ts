import type { HandlerContext } from '@core/context.js';
import type { Db } from '@core/db/connection.js';
import { readGlobalSetting, writeGlobalSetting } from '@core/db/repos/settings.js';
import { getProduct } from '@core/db/repos/products.js';
import { getLocation, mainWarehouseId } from '@core/db/repos/locations.js';
import { onHandAt, productOnHand } from '@core/db/repos/balances.js';
import { AppError } from '@shared/errors.js';
import type { Booth } from '@shared/model/booth.js';
import type { PaperStock, ReloadBooking } from '@shared/model/paperStock.js';
import { recordMovements } from '../stock/index.js';

/** Global setting (synced): `{ productId, rollsPerUnit }`. */
export const PAPER_STOCK_SETTING = 'booths.paperStock';

interface Stored {
  productId: string | null;
  rollsPerUnit: number;
}

function stored(db: Db): Stored {
  const v = readGlobalSetting(db, PAPER_STOCK_SETTING) as Partial<Stored> | undefined;
  return { productId: v?.productId ?? null, rollsPerUnit: v?.rollsPerUnit && v.rollsPerUnit > 0 ? v.rollsPerUnit : 1 };
}

export function readPaperStock(db: Db): PaperStock {
  const s = stored(db);
  const p = s.productId ? getProduct(db, s.productId) : null;
  return {
    productId: p ? p.id : null,
    sku: p?.sku ?? null,
    productName: p?.name ?? null,
    rollsPerUnit: s.rollsPerUnit,
    onHand: p ? productOnHand(db, p.id) : null,
  };
}

export function setPaperStock(db: Db, v: Stored, stamp: { now: number; device: string }): PaperStock {
  if (v.productId) {
    const p = getProduct(db, v.productId);
    if (!p) throw new AppError('not_found', 'No such product', { field: 'productId' });
    if (!p.active)
      throw new AppError('invalid_input', `${p.sku} is archived: restore it before using it as the paper product`, { field: 'productId' });
  }
  writeGlobalSetting(db, PAPER_STOCK_SETTING, v, stamp.now, stamp.device);
  return readPaperStock(db);
}

/**
 * Books the rolls of a reload out of the paper product's stock at `fromLocationId` (default: the
 * main warehouse). Call inside the reload's transaction: the reload and its stock movement commit together.
 */
export function bookReloadRolls(
  ctx: HandlerContext,
  booth: Booth,
  rolls: number,
  fromLocationId: string | undefined,
  now: number,
): ReloadBooking | null {
  const s = stored(ctx.db);
  if (!s.productId || !getProduct(ctx.db, s.productId)) {
    if (fromLocationId) throw new AppError('invalid_input', 'Choose the paper product in Settings first', { field: 'fromLocationId' });
    return null;
  }
  const locationId = fromLocationId ?? mainWarehouseId(ctx.db);
  const loc = locationId ? getLocation(ctx.db, locationId) : null;
  if (!loc) throw new AppError('not_found', 'No such location', { field: 'fromLocationId' });
  const quantity = rolls / s.rollsPerUnit;
  recordMovements({ db: ctx.db, now, device: ctx.deviceId, userId: ctx.caller.userId, source: 'booth' }, [
    {
      productId: s.productId,
      locationId: loc.id,
      type: 'out',
      quantity,
      reason: `Paper reload: ${booth.name} (${rolls} roll${rolls > 1 ? 's' : ''})`,
      occurredAt: now,
    },
  ]);
  return {
    productId: s.productId,
    locationId: loc.id,
    locationName: loc.name,
    rolls,
    quantity,
    onHandAfter: onHandAt(ctx.db, s.productId, loc.id),
  };
}
