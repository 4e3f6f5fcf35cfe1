import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Notification, safeStorage, session, type Tray } from 'electron';
import { createCore, type Core } from '../core/entry.js';
import { consoleLogger, type Logger } from '../core/ports/log.js';
import { exitAllowed } from '../core/modules/kiosk/index.js';
import { startBridge, type Bridge } from '../bridge/server.js';
import { APP_ENTRY_URL, APP_ORIGIN, devServerOrigin } from './origins.js';
import { registerAppScheme, installAppProtocol } from './protocol.js';
import { installSecurity } from './security.js';
import { registerIpc } from './ipc.js';
import { safeStorageSecretStore } from './secrets.js';
import { createWindow, type WindowProfile } from './window.js';
import { claimSingleInstance } from './singleInstance.js';
import { createTray } from './tray.js';
import { installAppMenu } from './menu.js';
import { applyAutostart } from './autostart.js';
import { rotatingFileLogger } from './logging.js';
import { forwardAlertNotifications } from './notifications.js';
import { bridgeRequest } from './bridgeFlag.js';
import { startUpdates, type Updater } from './updates.js';
import { electronPdfPort } from './pdf.js';
import { applyStoredLocale, rememberLocale } from './locale.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ShellHandle {
  /** Resolves once the window exists (or rejects if start-up failed); undefined for a second instance. */
  ready?: Promise<void>;
  core(): Core | null;
  window(): BrowserWindow | null;
}

/**
 * Boots the desktop app: one instance, the core on the device's database, the app:// protocol,
 * one IPC handler, one window for the device's mode, the tray, and a clean shutdown.
 */
export function startShell(argv: readonly string[] = process.argv): ShellHandle {
  // Privileged schemes can only be registered before 'ready'.
  registerAppScheme();
  let core: Core | null = null;
  let mainWindow: BrowserWindow | null = null;
  const handle: ShellHandle = { core: () => core, window: () => mainWindow };
  if (!claimSingleInstance(app, () => mainWindow)) return handle;
  // Chromium's locale (date and time fields) is a start-up switch: the app's language at the last run.
  applyStoredLocale(app);

  const packaged = app.isPackaged;
  const devUrl = packaged ? undefined : process.env.OPSDECK_RENDERER_URL;
  const devOrigin = devServerOrigin(devUrl, packaged);
  const trusted = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];
  // stderr until userData is known; then the rotated file in userData/logs.
  let log: Logger = consoleLogger('info');
  let tray: Tray | null = null;
  let disposeIpc: (() => void) | null = null;
  let stopNotifications: (() => void) | null = null;
  let bridge: Bridge | null = null;
  let stopUpdates: (() => void) | null = null;

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    disposeIpc?.();
    disposeIpc = null;
    stopNotifications?.();
    stopNotifications = null;
    stopUpdates?.();
    stopUpdates = null;
    void bridge?.close();
    bridge = null;
    tray?.destroy();
    tray = null;
    core?.close();
    core = null;
  });

  handle.ready = app
    .whenReady()
    .then(async () => {
      const dataDir = app.getPath('userData');
      log = rotatingFileLogger({
        dir: path.join(dataDir, 'logs'),
        min: process.env.OPSDECK_LOG === 'debug' ? 'debug' : 'info',
        echo: !packaged,
      });
      const secrets = safeStorageSecretStore({ safeStorage, platform: process.platform, file: path.join(dataDir, 'secrets.safe.json') });
      if (!secrets.available()) log.warn('system keychain unavailable: secrets will be asked for again', { platform: process.platform });
      const c = createCore({
        dbPath: path.join(dataDir, 'opsdeck.db'),
        dataDir,
        shell: 'electron',
        log,
        secrets,
        pdf: electronPdfPort({ entryUrl: devOrigin ? devUrl! : APP_ENTRY_URL, packaged }),
      });
      core = c;
      installSecurity(app, session.defaultSession, trusted);
      installAppProtocol(path.join(app.getAppPath(), 'renderer', 'dist'));
      disposeIpc = registerIpc({ router: c.router, events: c.ctx.events, log }, trusted, () =>
        BrowserWindow.getAllWindows().map((w) => w.webContents),
      );

      const settings = await c.router.call('settings.get', {}, { asSystem: true });
      const kiosk = settings.mode === 'booth' || argv.includes('--kiosk');
      const profile: WindowProfile = kiosk ? 'kiosk' : settings.mode === 'installer' ? 'installer' : 'office';
      installAppMenu(process.platform, kiosk);
      mainWindow = createWindow({
        profile,
        url: devOrigin ? devUrl! : APP_ENTRY_URL,
        preload: path.join(here, '..', 'preload', 'index.cjs'),
        packaged,
        kioskExitAllowed: () => exitAllowed(c.ctx),
        onRendererGone: (reason) => log.warn('renderer process gone; reloading', { reason }),
      });
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
      if (!kiosk) {
        tray = createTray({
          show: () => {
            if (!mainWindow) return;
            if (mainWindow.isMinimized()) mainWindow.restore();
            mainWindow.show();
            mainWindow.focus();
          },
          quit: () => app.quit(),
        });
      }
      let language = settings.language;
      rememberLocale(app, language);
      stopNotifications = forwardAlertNotifications({
        events: c.ctx.events,
        language: () => language,
        focus: () => {
          if (!mainWindow) return;
          if (mainWindow.isMinimized()) mainWindow.restore();
          mainWindow.show();
          mainWindow.focus();
        },
      });
      const wantBridge = bridgeRequest(argv, process.env, packaged);
      if (wantBridge) {
        bridge = await startBridge({ core: c, port: wantBridge.port, staticDir: path.join(app.getAppPath(), 'renderer', 'dist') });
        log.warn('LOCAL BRIDGE OPEN (explicit --bridge): this app is reachable from this computer’s browsers with its token', {
          url: bridge.url,
        });
        process.stdout.write(`OpsDeck bridge: ${bridge.appUrl}\n`);
      }
      applyAutostart(app, settings.mode, process.platform);
      // Only an installed app has an update feed (electron-builder writes app-update.yml).
      if (packaged) {
        const { autoUpdater } = (await import('electron-updater')).default;
        stopUpdates = startUpdates({
          updater: autoUpdater as unknown as Updater,
          kiosk,
          log,
          eventNearby: async () => {
            const now = Date.now();
            const near = await c.router.call(
              'bookings.list',
              { from: now - 2 * 3_600_000, to: now + 3 * 3_600_000, status: 'active', limit: 1 },
              { asSystem: true },
            );
            return near.length > 0;
          },
          announce: (version) => {
            if (!Notification.isSupported()) return;
            const fr = language === 'fr';
            new Notification({
              title: fr ? `OpsDeck ${version} est prêt` : `OpsDeck ${version} is ready`,
              body: fr
                ? 'La mise à jour s’installera à la prochaine fermeture de l’application.'
                : 'The update installs the next time the app is closed.',
            }).show();
          },
        });
      }
      c.ctx.events.subscribe((ev) => {
        if (ev.event === 'settings.changed' && (ev.payload as typeof settings).language !== language) {
          language = (ev.payload as typeof settings).language;
          rememberLocale(app, language);
        }
        if (ev.event === 'settings.changed') applyAutostart(app, (ev.payload as typeof settings).mode, process.platform);
      });
    })
    .catch((e: unknown) => {
      log.error('OpsDeck could not start', { error: e instanceof Error ? e.stack : String(e) });
      dialog.showErrorBox('OpsDeck', `OpsDeck could not start: ${e instanceof Error ? e.message : String(e)}`);
      core?.close();
      core = null;
      app.exit(1);
      throw e;
    });
  return handle;
}
