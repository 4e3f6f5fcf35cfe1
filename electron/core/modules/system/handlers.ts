import os from 'node:os';
import type { HandlerMap } from '@core/router.js';
import type { systemChannels } from '@shared/contract/system.js';
import { AppError } from '@shared/errors.js';
import { readSettings, writeSettings } from '@core/settings.js';
import { listAudit } from '@core/db/repos/audit.js';
import { listUsers, getUser } from '@core/db/repos/users.js';
import { getLocal, setLocal } from '@core/db/repos/localState.js';
import { currentSchemaVersion } from '@core/db/migrate.js';
import { seedDemo } from '@core/demo/seed.js';
import { kioskPinSet } from '../kiosk/index.js';
import { assertSeriesFree } from '../crm/index.js';
import { checkHealth } from './health.js';

export const systemHandlers: Pick<HandlerMap, keyof typeof systemChannels> = {
  'system.info': (_i, ctx) => {
    const s = readSettings(ctx);
    // The command line and an unattended kiosk are not profiles: describe them as the caller.
    const user = getUser(ctx.db, ctx.caller.userId) ?? {
      id: ctx.caller.userId,
      email: null,
      displayName: ctx.caller.displayName,
      role: ctx.caller.role,
      active: true,
    };
    return {
      version: ctx.version,
      deviceId: ctx.deviceId,
      deviceName: s.deviceName,
      mode: s.mode,
      shell: ctx.shell,
      platform: `${os.platform()} ${os.arch()}`,
      nodeVersion: process.versions.node,
      dbPath: ctx.dbPath,
      schemaVersion: currentSchemaVersion(ctx.db),
      firstRun: getLocal(ctx.db, 'setup_choice') === null,
      user: { ...user, role: ctx.caller.role },
    };
  },
  'system.health': (_i, ctx) => checkHealth(ctx),
  'system.setup': ({ choice }, ctx) => {
    const made = getLocal(ctx.db, 'setup_choice');
    // Creating the first admin already chose 'empty': asking for it again is a no-op, not a conflict.
    if (made === choice && (choice === 'empty' || choice === 'join')) return { choice, seeded: false };
    // A device whose first admin was just made (choice 'empty') may still join a team instead.
    if (made !== null && !(choice === 'join' && made === 'empty')) throw new AppError('conflict', 'This database has already been set up');
    let seeded = false;
    if (choice === 'demo') {
      seedDemo(ctx);
      seeded = true;
    }
    setLocal(ctx.db, 'setup_choice', choice);
    return { choice, seeded };
  },
  'settings.get': (_i, ctx) => readSettings(ctx),
  'settings.set': (patch, ctx) => {
    // A booth runs unattended in kiosk mode: without a PIN nobody could ever close it.
    if (patch.mode === 'booth' && readSettings(ctx).mode !== 'booth' && !kioskPinSet(ctx)) {
      throw new AppError('invalid_input', 'Set the kiosk PIN before switching this device to booth mode', {
        reason: 'kiosk_pin_required',
        field: 'mode',
      });
    }
    // A numbering series belongs to the first device that used it, for quotes and for orders (those
    // pulled from the hub count).
    if (patch.quoteSeries !== undefined && patch.quoteSeries !== readSettings(ctx).quoteSeries) assertSeriesFree(ctx, patch.quoteSeries);
    const s = writeSettings(ctx, patch);
    ctx.events.emit('settings.changed', s);
    return s;
  },
  'settings.setDisplay': (patch, ctx) => {
    const s = writeSettings(ctx, patch);
    ctx.events.emit('settings.changed', s);
    return s;
  },
  'audit.list': (q, ctx) => listAudit(ctx.db, q),
  'users.list': (_i, ctx) => listUsers(ctx.db),
};
