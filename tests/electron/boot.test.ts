import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '@core/entry.js';
import { memoryLogger } from '@core/ports/log.js';
import { memorySecretStore } from '@core/ports/secrets.js';

vi.mock('electron', () => import('../fixtures/electron-double.js'));
// electron-updater requires the real `electron` package (no binary here): a double of its autoUpdater.
const updater = vi.hoisted(() => ({
  autoDownload: false,
  autoInstallOnAppQuit: false,
  checks: 0,
  on() {},
  async checkForUpdates() {
    this.checks++;
  },
  quitAndInstall() {},
}));
vi.mock('electron-updater', () => ({ default: { autoUpdater: updater } }));
const double = await import('../fixtures/electron-double.js');
const { startShell } = await import('../../electron/main/boot.js');
const { SECURE_WEB_PREFERENCES } = await import('../../electron/main/window.js');

let dir: string;
let handle: ReturnType<typeof startShell> | null;
const top = { url: 'app://ops/index.html', parent: null };

beforeEach(() => {
  double.resetElectronDouble();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-boot-'));
  double.app.userData = path.join(dir, 'userData');
  double.app.appPath = path.join(dir, 'app');
  fs.mkdirSync(path.join(dir, 'app', 'renderer', 'dist'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'app', 'renderer', 'dist', 'index.html'), '<!doctype html><title>OpsDeck</title>');
  handle = null;
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  double.app.emit('will-quit');
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function boot(argv: string[] = ['electron', '.']) {
  handle = startShell(argv);
  double.app.makeReady();
  await handle.ready;
  return handle;
}

function presetMode(mode: 'office' | 'installer' | 'booth') {
  fs.mkdirSync(double.app.userData, { recursive: true });
  const c = createCore({
    dbPath: path.join(double.app.userData, 'opsdeck.db'),
    dataDir: double.app.userData,
    shell: 'headless',
    log: memoryLogger(),
    secrets: memorySecretStore(),
    services: false,
  });
  // Booth mode needs a kiosk PIN first (issue 12).
  const pin = mode === 'booth' ? c.router.call('kiosk.setPin', { pin: '8642' }) : Promise.resolve();
  return pin.then(() => c.router.call('settings.set', { mode })).finally(() => c.close());
}

describe('desktop boot', () => {
  it('registers app:// as privileged before ready, then serves the renderer through it', async () => {
    handle = startShell(['electron', '.']);
    expect(double.protocol.privileged.map((p) => p.scheme)).toEqual(['app']);
    expect(double.protocol.privilegedWhileReady).toBe(false);
    double.app.makeReady();
    await handle.ready;
    const res = await double.protocol.handlers.get('app')!(new Request('app://ops/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('opens the core on the database in userData and answers IPC from the app window', async () => {
    await boot();
    expect(fs.existsSync(path.join(double.app.userData, 'opsdeck.db'))).toBe(true);
    expect([...double.ipcMain.handlers.keys()]).toEqual(['rpc']);
    // Nobody is signed in at start: the window gets the sign-in step, not a free admin.
    const res = (await double.ipcMain.invoke('rpc', top, { channel: 'session.status', input: {} })) as {
      ok: boolean;
      data: { state: string };
    };
    expect(res.ok).toBe(true);
    expect(res.data.state).toBe('needs_admin');
    expect(await double.ipcMain.invoke('rpc', top, { channel: 'system.info', input: {} })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    await double.ipcMain.invoke('rpc', top, {
      channel: 'session.createFirstAdmin',
      input: { displayName: 'Admin', password: 'a long password' },
    });
    expect(await double.ipcMain.invoke('rpc', top, { channel: 'system.info', input: {} })).toMatchObject({
      ok: true,
      data: { shell: 'electron', user: { role: 'admin' } },
    });
  });

  it('creates one office window from the secure preferences, loading app://ops with the bundled preload', async () => {
    await boot();
    expect(double.BrowserWindow.instances).toHaveLength(1);
    const win = double.BrowserWindow.instances[0]!;
    expect(win.webContents.url).toBe('app://ops/index.html');
    expect(win.options.webPreferences).toMatchObject(SECURE_WEB_PREFERENCES);
    expect(win.options.webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.options.kiosk).toBe(false);
    expect(double.Tray.instances).toHaveLength(1);
    expect(double.session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(handle!.window()).toBe(win);
  });

  it('loads the vite dev server only when unpackaged, and trusts its origin for IPC then', async () => {
    vi.stubEnv('OPSDECK_RENDERER_URL', 'http://127.0.0.1:5173/');
    try {
      await boot();
      expect(double.BrowserWindow.instances[0]!.webContents.url).toBe('http://127.0.0.1:5173/');
      const res = (await double.ipcMain.invoke(
        'rpc',
        { url: 'http://127.0.0.1:5173/', parent: null },
        { channel: 'session.status', input: {} },
      )) as { ok: boolean };
      expect(res.ok).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a packaged app ignores the dev server variable: app:// only, dev origin refused (security item 3)', async () => {
    vi.stubEnv('OPSDECK_RENDERER_URL', 'http://127.0.0.1:5173/');
    double.app.isPackaged = true;
    try {
      await boot();
      const win = double.BrowserWindow.instances[0]!;
      expect(win.webContents.url).toBe('app://ops/index.html');
      expect(win.options.webPreferences.devTools).toBe(false);
      const res = (await double.ipcMain.invoke(
        'rpc',
        { url: 'http://127.0.0.1:5173/', parent: null },
        { channel: 'session.status', input: {} },
      )) as { ok: boolean };
      expect(res.ok).toBe(false);
      // Only an installed app runs the updater: downloads in the background, installs on quit.
      expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('hardens web contents created after boot', async () => {
    await boot();
    const wc = new double.FakeWebContents();
    double.app.emit('web-contents-created', new double.FakeEvent(), wc);
    expect(wc.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
  });

  it('a booth device starts in the kiosk profile, without a tray', async () => {
    await presetMode('booth');
    await boot();
    const win = double.BrowserWindow.instances[0]!;
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(win.options.webPreferences.devTools).toBe(false);
    expect(double.Tray.instances).toHaveLength(0);
    expect(double.Menu.applicationMenu).toBeNull();
    expect(win.close()).toBe(false);
  });

  it('--kiosk forces the kiosk profile on any device', async () => {
    await boot(['electron', '.', '--kiosk']);
    expect(double.BrowserWindow.instances[0]!.options.kiosk).toBe(true);
  });

  it('a correct PIN entered over IPC lets the kiosk window close', async () => {
    await presetMode('booth');
    const h = await boot();
    const core = h.core()!;
    // Booth mode with nobody signed in is the kiosk caller; the PIN was set by an admin beforehand.
    expect(core.ctx.session.current()).toMatchObject({ kind: 'kiosk', role: 'booth' });
    const win = double.BrowserWindow.instances[0]!;
    expect(win.close()).toBe(false);
    const res = (await double.ipcMain.invoke('rpc', top, { channel: 'kiosk.unlock', input: { pin: '8642' } })) as {
      data: { allowed: boolean };
    };
    expect(res.data.allowed).toBe(true);
    expect(win.close()).toBe(true);
  });

  it('a second instance focuses the first window', async () => {
    await boot();
    const win = double.BrowserWindow.instances[0]!;
    win.minimize();
    double.app.emit('second-instance', new double.FakeEvent(), ['electron', '.'], dir);
    expect(win.isMinimized()).toBe(false);
    expect(win.isVisible()).toBe(true);
    expect(win.focusCount).toBe(1);
  });

  it('the second instance itself quits without opening a core or a window', async () => {
    double.app.lockAvailable = false;
    handle = startShell(['electron', '.']);
    expect(handle.ready).toBeUndefined();
    expect(double.app.quitCalls).toBe(1);
    double.app.makeReady();
    await new Promise((r) => setTimeout(r, 10));
    expect(double.BrowserWindow.instances).toHaveLength(0);
    expect(double.ipcMain.handlers.size).toBe(0);
    expect(fs.existsSync(path.join(double.app.userData, 'opsdeck.db'))).toBe(false);
  });

  it('shuts down cleanly: IPC removed, tray gone, database closed', async () => {
    const h = await boot();
    const core = h.core()!;
    double.app.emit('window-all-closed');
    expect(double.app.quitCalls).toBe(1);
    double.app.emit('will-quit');
    expect(double.ipcMain.handlers.size).toBe(0);
    expect(double.Tray.instances[0]!.destroyed).toBe(true);
    expect(core.ctx.db.open).toBe(false);
    expect(h.core()).toBeNull();
  });

  it('a start-up failure is shown to the user and exits with an error code', async () => {
    fs.writeFileSync(path.join(dir, 'blocker'), 'not a directory');
    double.app.userData = path.join(dir, 'blocker', 'userData');
    handle = startShell(['electron', '.']);
    double.app.makeReady();
    await expect(handle.ready).rejects.toThrow();
    expect(double.dialog.errors).toHaveLength(1);
    expect(double.app.exitCode).toBe(1);
    expect(double.BrowserWindow.instances).toHaveLength(0);
  });
});

describe('Chromium’s locale follows the app’s language (date and time fields)', () => {
  const stored = () => JSON.parse(fs.readFileSync(path.join(double.app.userData, 'display-locale.json'), 'utf8')) as { locale: string };
  const langSwitches = () => double.app.commandLine.switches.filter((s) => s.name === 'lang');
  async function restart(systemLocale = 'en-US') {
    double.app.emit('will-quit');
    const { userData, appPath } = double.app;
    double.resetElectronDouble();
    Object.assign(double.app, { userData, appPath, systemLocale });
    return boot();
  }

  it('a French app on an English system: fr-FR from the next start; English is en-GB; French keeps fr-BE', async () => {
    // First start: nothing stored yet, Chromium keeps the system's locale.
    await boot();
    expect(langSwitches()).toEqual([]);
    expect(stored()).toEqual({ locale: 'fr-FR' });

    await restart();
    expect(langSwitches()).toEqual([{ name: 'lang', value: 'fr-FR', afterReady: false }]);

    // Switched to English in Settings: remembered at once, applied at the next start.
    await handle!.core()!.router.call('settings.setDisplay', { language: 'en' }, { asSystem: true });
    expect(stored()).toEqual({ locale: 'en-GB' });
    await restart();
    expect(langSwitches()).toEqual([{ name: 'lang', value: 'en-GB', afterReady: false }]);

    // Back to French on a Belgian system: its own French, not France's.
    await handle!.core()!.router.call('settings.setDisplay', { language: 'fr' }, { asSystem: true });
    await restart('fr-BE');
    expect(stored()).toEqual({ locale: 'fr-BE' });
  });

  it('a damaged file is ignored: the app starts on the system’s locale and writes it again', async () => {
    fs.mkdirSync(double.app.userData, { recursive: true });
    fs.writeFileSync(path.join(double.app.userData, 'display-locale.json'), '{"locale": "fr-FR; rm -rf"');
    await boot();
    expect(langSwitches()).toEqual([]);
    expect(stored()).toEqual({ locale: 'fr-FR' });
    fs.writeFileSync(path.join(double.app.userData, 'display-locale.json'), '{"locale": "--inject"}');
    await restart();
    expect(langSwitches()).toEqual([]);
  });
});
