import path from 'node:path';
import os from 'node:os';
import { openDatabase } from './db/connection.js';
import { migrate, loadMigrations } from './db/migrate.js';
import { applyStagedRestore } from './db/backup.js';
import { startDailyBackups } from './modules/backup/daily.js';
import { coreStartHooks } from './services.js';
import { newId } from './db/ids.js';
import { getLocal, setLocal } from './db/repos/localState.js';
import { createSession } from './modules/identity/session.js';
import { upsertDevice } from './db/repos/devices.js';
import { createEventBus } from './events.js';
import { createRouter, type Router } from './router.js';
import { handlers } from './handlers.js';
import { systemClock, type Clock } from './ports/clock.js';
import { consoleLogger, type Logger } from './ports/log.js';
import { fileSecretStore, type SecretStore } from './ports/secrets.js';
import { readSettings } from './modules/system/settings.js';
import { APP_VERSION } from './version.js';
import type { CoreContext, ShellKind } from './context.js';

export interface CoreOptions {
  dbPath: string;
  dataDir?: string;
  shell: ShellKind;
  clock?: Clock;
  log?: Logger;
  secrets?: SecretStore;
  migrationsDir?: string;
  /** Start schedulers (daily backup, agents, sync…). Tests usually leave them off. */
  services?: boolean;
}

export interface Core {
  ctx: CoreContext;
  router: Router;
  close(): void;
}

export { onCoreStart, type CoreStartHook } from './services.js';

export function defaultDataDir(): string {
  if (process.env.OPSDECK_DATA_DIR) return process.env.OPSDECK_DATA_DIR;
  const base = process.platform === 'win32' ? (process.env.APPDATA ?? os.homedir()) : path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'opsdeck');
}

/** Builds the core under plain Node: database, migrations, ports, router. No Electron here. */
export function createCore(opts: CoreOptions): Core {
  const dataDir = opts.dataDir ?? (opts.dbPath === ':memory:' ? os.tmpdir() : path.dirname(path.resolve(opts.dbPath)));
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? consoleLogger(process.env.OPSDECK_LOG === 'debug' ? 'debug' : 'info');
  if (opts.dbPath !== ':memory:' && applyStagedRestore(opts.dbPath)) log.warn('restored the database from a staged backup', { dbPath: opts.dbPath });
  const db = openDatabase(opts.dbPath);
  migrate(db, {
    migrations: opts.migrationsDir ? loadMigrations(opts.migrationsDir) : undefined,
    dataDir: opts.dbPath === ':memory:' ? undefined : dataDir,
    now: clock.now,
  });
  let deviceId = getLocal(db, 'device_id');
  if (!deviceId) {
    deviceId = newId();
    setLocal(db, 'device_id', deviceId);
  }
  const events = createEventBus((e) => log.warn('event listener failed', { error: String(e) }));
  const secrets = opts.secrets ?? fileSecretStore(path.join(dataDir, 'secrets'));
  const ctx: CoreContext = {
    db,
    dbPath: opts.dbPath,
    dataDir,
    clock,
    log,
    secrets,
    events,
    deviceId,
    shell: opts.shell,
    version: APP_VERSION,
    startedAt: clock.now(),
    services: new Map(),
    session: createSession({ db, deviceId, shell: opts.shell, secrets, events }),
  };
  const s = readSettings(ctx);
  upsertDevice(db, { id: deviceId, name: s.deviceName, mode: s.mode, platform: process.platform }, clock.now());
  const router = createRouter(ctx, handlers);
  const stops: Array<() => void> = [];
  const core: Core = {
    ctx,
    router,
    close() {
      for (const stop of stops.splice(0).reverse()) {
        try {
          stop();
        } catch (e) {
          log.warn('stop hook failed', { error: String(e) });
        }
      }
      if (db.open) db.close();
    },
  };
  if (opts.services !== false) {
    stops.push(startDailyBackups(ctx));
    for (const hook of coreStartHooks()) {
      const stop = hook(core);
      if (stop) stops.push(stop);
    }
  }
  return core;
}
