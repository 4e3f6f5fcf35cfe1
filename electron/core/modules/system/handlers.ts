import os from 'node:os';
import type { HandlerMap } from '../../router.js';
import type { systemChannels } from '../../../../shared/contract/system.js';
import { AppError } from '../../../../shared/errors.js';
import { readSettings, writeSettings } from '../../settings.js';
import { checkHealth } from './health.js';
import { listAudit } from '../../db/repos/audit.js';
import { listUsers, getUser } from '../../db/repos/users.js';
import { getLocal, setLocal } from '../../db/repos/localState.js';
import { currentSchemaVersion } from '../../db/migrate.js';
const ROLE_RANK = { viewer: 0, booth: 1, installer: 2, admin: 3 } as const;
import { seedDemo } from '../../demo/seed.js';

export const systemHandlers: Pick<HandlerMap, keyof typeof systemChannels> = {
  'system.info': (_i, ctx) => {
    const s = readSettings(ctx);
    const user = getUser(ctx.db, ctx.caller.userId)!;
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
      user,
    };
  },
  'system.health': (_i, ctx) => checkHealth(ctx),
  'system.setup': ({ choice }, ctx) => {
    if (getLocal(ctx.db, 'setup_choice') !== null) throw new AppError('conflict', 'This database has already been set up');
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
  'session.switchUser': ({ userId }, ctx) => {
    const target = getUser(ctx.db, userId);
    if (!target || !target.active) throw new AppError('not_found', 'No such active user');
    // Local profiles may step down freely; stepping up needs an admin (real sign-in comes with the hub).
    if (ctx.caller.role !== 'admin' && ROLE_RANK[target.role] > ROLE_RANK[ctx.caller.role]) {
      throw new AppError('forbidden', 'Only an admin can switch to a more privileged user');
    }
    const caller = ctx.session.set(userId);
    return getUser(ctx.db, caller.userId)!;
  },
};
