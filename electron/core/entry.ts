import path from 'node:path';
import os from 'node:os';
import type { Channel } from '@shared/contract/index.js';
import { AppError } from '@shared/errors.js';
import { deviceTimeZone } from '@shared/days.js';
import { createUploadStore } from './uploads.js';
import { openDatabase } from './db/connection.js';
import { ensureStockDaysZone } from './db/gridDays.js';
import { makePrivateDir } from './db/fileModes.js';
import { migrate, loadMigrations } from './db/migrate.js';
import { applyStagedRestore } from './db/backup.js';
import { newId } from './db/ids.js';
import { getLocal, setLocal } from './db/repos/localState.js';
import { createSession, identityModule } from './modules/identity/index.js';
import { upsertDevice } from './db/repos/devices.js';
import { createEventBus } from './events.js';
import { createRouter } from './router.js';
import { systemClock, type Clock } from './ports/clock.js';
import { consoleLogger, type Logger } from './ports/log.js';
import { fileSecretStore, type SecretStore } from './ports/secrets.js';
import { readSettings } from './settings.js';
import { watchExternalWrites } from './changes.js';
import { systemModule } from './modules/system/index.js';
import { backupModule } from './modules/backup/index.js';
import { catalogModule } from './modules/catalog/index.js';
import { stockModule } from './modules/stock/index.js';
import { csvModule } from './modules/csv/index.js';
import { kioskModule } from './modules/kiosk/index.js';
import { demoAgentsModule } from './modules/demoAgents/index.js';
import { syncModule, requestSyncRound, syncRelayAvailable } from './modules/sync/index.js';
import { alertsModule } from './modules/alerts/index.js';
import { bookingsModule } from './modules/bookings/index.js';
import { checklistsModule } from './modules/checklists/index.js';
import { todayModule } from './modules/today/index.js';
import { notifyModule } from './modules/notify/index.js';
import { speedtestModule } from './modules/speedtest/index.js';
import { reportsModule } from './modules/reports/index.js';
import { wolModule } from './modules/wol/index.js';
import { boothsModule } from './modules/booths/index.js';
import { agentModule } from './modules/agent/index.js';
import { forecastModule } from './modules/forecast/index.js';
import { notionModule } from './modules/notion/index.js';
import { setupModule } from './modules/setup/index.js';
import { assistantModule } from './modules/assistant/index.js';
import { crmModule } from './modules/crm/index.js';
import { receivingModule } from './modules/receiving/index.js';
import { staffingModule } from './modules/staffing/index.js';
import { APP_VERSION } from './version.js';
import { chromiumPdfPort, defaultRendererDir } from './ports/chromiumPdf.js';
import type { CoreModule, Stop } from './module.js';
import type { HandlerMap, Router } from './router.js';
import type { CoreContext, ShellKind } from './context.js';
import type { LanPort } from './ports/lan.js';
import type { PdfPort } from './ports/pdf.js';

/**
 * Every module of the core, in start order (stopped in reverse). Adding a module: its folder with an
 * index.ts exporting `<name>Module`, one line here, one contract file in shared/contract/.
 */
export const CORE_MODULES = [
  systemModule,
  backupModule,
  catalogModule,
  stockModule,
  csvModule,
  kioskModule,
  syncModule,
  alertsModule,
  bookingsModule,
  checklistsModule,
  wolModule,
  boothsModule,
  demoAgentsModule,
  agentModule,
  forecastModule,
  todayModule,
  notifyModule,
  speedtestModule,
  reportsModule,
  notionModule,
  identityModule,
  setupModule,
  assistantModule,
  crmModule,
  receivingModule,
  staffingModule,
] as const;

type ModuleChannels<M> = M extends CoreModule<infer C> ? C : never;
/** Compile-time: every channel of the contract is handled by some module (the router refuses the rest at run time). */
const everyChannelHandled: [Exclude<Channel, ModuleChannels<(typeof CORE_MODULES)[number]>>] extends [never] ? true : never = true;
void everyChannelHandled;

/** One handler per channel, merged from the modules; a channel claimed twice is a programming error. */
export function moduleHandlers(modules: readonly CoreModule<Channel>[] = CORE_MODULES as unknown as CoreModule<Channel>[]): HandlerMap {
  const out: Partial<Record<string, unknown>> = {};
  for (const m of modules) {
    for (const [channel, h] of Object.entries(m.handlers)) {
      if (channel in out) throw new AppError('internal', `Channel ${channel} is handled by two modules`, { channel, module: m.name });
      out[channel] = h;
    }
  }
  return out as HandlerMap;
}

export interface CoreOptions {
  dbPath: string;
  dataDir?: string;
  shell: ShellKind;
  clock?: Clock;
  log?: Logger;
  secrets?: SecretStore;
  migrationsDir?: string;
  /** Start the modules' long-lived work (daily backup, sync, fleet monitor, agent, forecasts). Tests usually leave it off. */
  services?: boolean;
  /** The local network as Wake-on-LAN sees it (tests: loopback); default: this machine's interfaces. */
  lan?: LanPort;
  /** How print views become PDFs; default: the system's Chromium over the built renderer. Electron passes printToPDF. */
  pdf?: PdfPort;
}

export interface Core {
  ctx: CoreContext;
  router: Router;
  close(): void;
}

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
  if (opts.dbPath !== ':memory:' && applyStagedRestore(opts.dbPath))
    log.warn('restored the database from a staged backup', { dbPath: opts.dbPath });
  // The data folder is ours alone (0700 on POSIX) when it is a dedicated one: the default, or the
  // one a shell names; a --db file in a shared folder leaves that folder as it is.
  if (opts.dbPath !== ':memory:' && (opts.dataDir !== undefined || path.resolve(dataDir) === path.resolve(defaultDataDir())))
    makePrivateDir(dataDir);
  const db = openDatabase(opts.dbPath);
  migrate(db, {
    migrations: opts.migrationsDir ? loadMigrations(opts.migrationsDir) : undefined,
    dataDir: opts.dbPath === ':memory:' ? undefined : dataDir,
    now: clock.now,
  });
  // The forecast's daily totals follow this device's calendar: built again if it moved to another time zone.
  if (ensureStockDaysZone(db)) log.info('stock_days built for this time zone', { timeZone: deviceTimeZone() });
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
    ports: {
      sync: { requestRound: (reason) => requestSyncRound(ctx, reason), relayAvailable: () => syncRelayAvailable(ctx) },
      lan: opts.lan ?? null,
      router: { request: (req, o) => router.request(req, o) },
      pdf: opts.pdf ?? chromiumPdfPort({ rendererDir: defaultRendererDir() }),
    },
    session: createSession({ db, deviceId, shell: opts.shell, secrets, events }),
    uploads: createUploadStore(clock.now),
  };
  const s = readSettings(ctx);
  upsertDevice(db, { id: deviceId, name: s.deviceName, mode: s.mode, platform: process.platform }, clock.now());
  const router = createRouter(ctx, moduleHandlers());
  const stops: Stop[] = [];
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
      void ctx.ports.pdf.close();
      if (db.open) db.close();
    },
  };
  if (opts.services !== false) {
    stops.push(watchExternalWrites(ctx));
    for (const m of CORE_MODULES) {
      const stop = m.start?.({ ctx, router });
      if (stop) stops.push(stop);
    }
  }
  return core;
}
