import { BrowserWindow, type WebPreferences } from 'electron';
import { attachKioskGuards } from './kiosk.js';

/**
 * The one set of webPreferences every window is built from (ARCHITECTURE.md security item 1).
 * Frozen so no caller can loosen it; windows get a copy plus their preload and devTools flag.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const satisfies WebPreferences);

export type WindowProfile = 'office' | 'installer' | 'kiosk';

export interface WindowOptions {
  profile: WindowProfile;
  url: string;
  preload: string;
  /** Packaged builds never open devtools, whatever the profile. */
  packaged: boolean;
  /** Asked on every close attempt of a kiosk window; only the core's PIN check makes it true. */
  kioskExitAllowed?: () => boolean;
  onRendererGone?: (reason: string) => void;
}

export function webPreferencesFor(profile: WindowProfile, preload: string, packaged: boolean): WebPreferences {
  return { ...SECURE_WEB_PREFERENCES, preload, devTools: profile !== 'kiosk' && !packaged };
}

/** The only `new BrowserWindow` of the app. */
export function createWindow(opts: WindowOptions): BrowserWindow {
  const kiosk = opts.profile === 'kiosk';
  const win = new BrowserWindow({
    width: 1280,
    // Installers work on 1366×768 laptops: the window fits their screen with the taskbar.
    height: opts.profile === 'installer' ? 700 : 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'OpsDeck',
    backgroundColor: '#111318',
    autoHideMenuBar: kiosk,
    fullscreen: kiosk,
    kiosk,
    frame: !kiosk,
    webPreferences: webPreferencesFor(opts.profile, opts.preload, opts.packaged),
  });
  if (kiosk) {
    win.removeMenu();
    attachKioskGuards(win, { exitAllowed: opts.kioskExitAllowed ?? (() => false) });
  }
  // A crashed or killed renderer must not leave a dead window (a booth shows nothing otherwise).
  win.webContents.on('render-process-gone', (_e, details) => {
    opts.onRendererGone?.(details.reason);
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) win.webContents.reload();
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return win;
}

/**
 * A hidden window that lays out one print view for printToPDF (ports/pdf.ts). Same frozen
 * preferences, and no preload: a print view makes no core call, so it gets no bridge to the core.
 */
export function createPrintWindow(packaged: boolean): BrowserWindow {
  return new BrowserWindow({
    width: 794, // A4 at 96 dpi: the layout the PDF gets
    height: 1123,
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, devTools: !packaged },
  });
}
