import type { HandlerMap } from '@core/router.js';
import type { catalogChannels } from '@shared/contract/catalog.js';
import { AppError } from '@shared/errors.js';
import { newId } from '@core/db/ids.js';
import {
  findProductBySku,
  getProduct,
  insertProduct,
  listCategories,
  listProducts,
  setProductActive,
  updateProduct,
} from '@core/db/repos/products.js';
import { getService, insertService, listServices, setServiceActive, updateService } from '@core/db/repos/services.js';
import { assertNotNotionOwned } from '../notion/index.js';

function mustProduct(ctx: { db: Parameters<typeof getProduct>[0] }, id: string) {
  const p = getProduct(ctx.db, id);
  if (!p) throw new AppError('not_found', 'No such product');
  return p;
}

export const catalogHandlers: Pick<HandlerMap, keyof typeof catalogChannels> = {
  'catalog.products.list': (q, ctx) => listProducts(ctx.db, q),
  'catalog.products.get': ({ id }, ctx) => mustProduct(ctx, id),
  'catalog.products.create': (input, ctx) => {
    if (findProductBySku(ctx.db, input.sku)) throw new AppError('conflict', `SKU ${input.sku} already exists`, { field: 'sku' });
    const id = newId();
    insertProduct(ctx.db, id, input, { now: ctx.clock.now(), device: ctx.deviceId });
    return mustProduct(ctx, id);
  },
  'catalog.products.update': ({ id, patch }, ctx) => {
    const before = mustProduct(ctx, id);
    assertNotNotionOwned(ctx.db, 'products', id, patch, before);
    if (patch.sku) {
      const other = findProductBySku(ctx.db, patch.sku);
      if (other && other.id !== id) throw new AppError('conflict', `SKU ${patch.sku} already exists`, { field: 'sku' });
    }
    updateProduct(ctx.db, id, patch, ctx.clock.now());
    return mustProduct(ctx, id);
  },
  'catalog.products.archive': ({ id, archived }, ctx) => {
    const before = mustProduct(ctx, id);
    assertNotNotionOwned(ctx.db, 'products', id, { active: !archived }, before);
    setProductActive(ctx.db, id, !archived, ctx.clock.now());
    return mustProduct(ctx, id);
  },
  'catalog.categories': (_i, ctx) => listCategories(ctx.db),
  'catalog.services.list': (q, ctx) => listServices(ctx.db, q),
  'catalog.services.create': (input, ctx) => {
    const id = newId();
    insertService(ctx.db, id, input, { now: ctx.clock.now(), device: ctx.deviceId });
    return getService(ctx.db, id)!;
  },
  'catalog.services.update': ({ id, patch }, ctx) => {
    assertNotNotionOwned(ctx.db, 'services', id, patch, getService(ctx.db, id) ?? {});
    if (!updateService(ctx.db, id, patch, ctx.clock.now())) throw new AppError('not_found', 'No such service');
    return getService(ctx.db, id)!;
  },
  'catalog.services.archive': ({ id, archived }, ctx) => {
    if (!setServiceActive(ctx.db, id, !archived, ctx.clock.now())) throw new AppError('not_found', 'No such service');
    return getService(ctx.db, id)!;
  },
};
