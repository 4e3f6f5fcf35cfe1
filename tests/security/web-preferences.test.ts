import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fixtures/electron-double.js'));
const double = await import('../fixtures/electron-double.js');
const { SECURE_WEB_PREFERENCES, createWindow, webPreferencesFor } = await import('../../electron/main/window.js');

beforeEach(() => double.resetElectronDouble());

/** ARCHITECTURE.md security item 1 (one frozen webPreferences) and item 13's devTools part. */
describe('secure webPreferences', () => {
  it('has the required values and no Blink features', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(SECURE_WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
    expect(SECURE_WEB_PREFERENCES).not.toHaveProperty('preload');
  });

  it('is frozen: nobody can loosen it at run time', () => {
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
    expect(() => {
      (SECURE_WEB_PREFERENCES as Record<string, unknown>).sandbox = false;
    }).toThrow(TypeError);
    expect(SECURE_WEB_PREFERENCES.sandbox).toBe(true);
  });

  it.each(['office', 'installer', 'kiosk'] as const)('every %s window is built from it, with the preload', (profile) => {
    createWindow({ profile, url: 'app://ops/index.html', preload: '/app/preload/index.cjs', packaged: true });
    const win = double.BrowserWindow.instances.at(-1)!;
    expect(win.options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/app/preload/index.cjs', devTools: false });
    expect(win.webContents.url).toBe('app://ops/index.html');
  });

  it('devtools: never in a kiosk, never when packaged, available to developers otherwise', () => {
    expect(webPreferencesFor('kiosk', 'p', false).devTools).toBe(false);
    expect(webPreferencesFor('kiosk', 'p', true).devTools).toBe(false);
    expect(webPreferencesFor('office', 'p', true).devTools).toBe(false);
    expect(webPreferencesFor('office', 'p', false).devTools).toBe(true);
  });

  it('kiosk windows are full screen, in kiosk mode, frameless and without a menu; office windows are not', () => {
    const kiosk = createWindow({ profile: 'kiosk', url: 'app://ops/index.html', preload: 'p', packaged: true }) as unknown as InstanceType<
      typeof double.BrowserWindow
    >;
    expect(kiosk.options).toMatchObject({ fullscreen: true, kiosk: true, frame: false });
    expect(kiosk.menuRemoved).toBe(true);
    const office = createWindow({
      profile: 'office',
      url: 'app://ops/index.html',
      preload: 'p',
      packaged: true,
    }) as unknown as InstanceType<typeof double.BrowserWindow>;
    expect(office.options).toMatchObject({ fullscreen: false, kiosk: false, frame: true });
  });
});
