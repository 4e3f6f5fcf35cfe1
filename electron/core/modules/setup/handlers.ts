import type { HandlerMap } from '@core/router.js';
import type { CoreContext } from '@core/context.js';
import type { setupChannels } from '@shared/contract/setup.js';
import { BusinessProfile, OPTIONAL_STEPS, SETUP_STEPS, type SetupStatus, type SetupStepId } from '@shared/model/business.js';
import { AppError } from '@shared/errors.js';
import { readGlobalSetting, writeGlobalSetting } from '@core/db/repos/settings.js';
import { setupCounts } from '@core/db/repos/setup.js';
import { getLocal } from '@core/db/repos/localState.js';
import { pdfFile } from '@core/ports/pdf.js';
import { readSettings } from '@core/settings.js';
import { syncService } from '../sync/index.js';

/** Business-wide (global, synced) settings of the set-up. */
export const BUSINESS_SETTING = 'business.profile';
export const SKIPPED_SETTING = 'setup.skipped';

export function readBusiness(ctx: Pick<CoreContext, 'db'>): BusinessProfile | null {
  const parsed = BusinessProfile.safeParse(readGlobalSetting(ctx.db, BUSINESS_SETTING));
  return parsed.success ? parsed.data : null;
}

function readSkipped(ctx: Pick<CoreContext, 'db'>): SetupStepId[] {
  const v = readGlobalSetting(ctx.db, SKIPPED_SETTING);
  return Array.isArray(v) ? v.filter((s): s is SetupStepId => (OPTIONAL_STEPS as readonly string[]).includes(s)) : [];
}

export function setupStatus(ctx: CoreContext): SetupStatus {
  const c = setupCounts(ctx.db);
  const hub = syncService(ctx).status();
  const skipped = new Set(readSkipped(ctx));
  const facts: Record<SetupStepId, { done: boolean; count: number | null }> = {
    business: { done: readBusiness(ctx) !== null, count: null },
    admin: { done: c.admins > 0, count: c.admins },
    locations: { done: c.stockPlaces > 0, count: c.stockPlaces },
    products: { done: c.products > 0, count: c.products },
    services: { done: c.services > 0, count: c.services },
    openingStock: { done: c.stockIns > 0, count: c.stockIns },
    sales: { done: c.stockOuts > 0, count: c.stockOuts },
    hub: { done: hub.configured && hub.account !== null, count: null },
    notion: { done: c.fromNotion > 0, count: c.fromNotion },
    booths: { done: c.booths > 0, count: c.booths },
  };
  const steps = SETUP_STEPS.map((id) => {
    const optional = OPTIONAL_STEPS.includes(id);
    return { id, optional, ...facts[id], skipped: optional && skipped.has(id) && !facts[id].done };
  });
  const start = getLocal(ctx.db, 'setup_choice');
  return {
    steps,
    remaining: steps.filter((s) => !s.done && !s.skipped).length,
    start: start === 'demo' || start === 'empty' || start === 'join' ? start : null,
  };
}

export const setupHandlers: Pick<HandlerMap, keyof typeof setupChannels> = {
  'setup.business.get': (_i, ctx) => readBusiness(ctx),
  'setup.business.set': (profile, ctx) => {
    writeGlobalSetting(ctx.db, BUSINESS_SETTING, profile, ctx.clock.now(), ctx.deviceId);
    return readBusiness(ctx)!;
  },
  'setup.status': (_i, ctx) => setupStatus(ctx),
  'setup.letterhead.pdf': async ({ lang }, ctx) => {
    const business = readBusiness(ctx);
    if (!business) throw new AppError('conflict', 'Enter the business name');
    const language = lang ?? readSettings(ctx).language;
    const bytes = await ctx.ports.pdf.render({ kind: 'letterhead', lang: language, data: { business, generatedAt: ctx.clock.now() } });
    return pdfFile(bytes, language === 'en' ? 'letterhead.pdf' : 'en-tete.pdf');
  },
  'setup.skip': ({ step, skipped }, ctx) => {
    if (!OPTIONAL_STEPS.includes(step)) throw new AppError('invalid_input', 'Only an optional step can be skipped', { field: 'step' });
    const now = new Set(readSkipped(ctx));
    if (skipped) now.add(step);
    else now.delete(step);
    writeGlobalSetting(ctx.db, SKIPPED_SETTING, [...now], ctx.clock.now(), ctx.deviceId);
    return setupStatus(ctx);
  },
};
