import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exitAllowed, EXIT_GRANT_MS } from '@core/modules/kiosk/exitGrant.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

vi.mock('electron', () => import('../fixtures/electron-double.js'));
const double = await import('../fixtures/electron-double.js');
const { createWindow } = await import('../../electron/main/window.js');
const { isBlockedKioskInput, HUNG_RENDERER_MS } = await import('../../electron/main/kiosk.js');
type FakeWindow = InstanceType<typeof double.BrowserWindow>;

const key = (k: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) => ({
  type: 'keyDown' as const,
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

let core: TestCore;
let win: FakeWindow;

beforeEach(() => {
  double.resetElectronDouble();
  core = createTestCore();
  win = createWindow({
    profile: 'kiosk',
    url: 'app://ops/index.html',
    preload: 'p',
    packaged: true,
    kioskExitAllowed: () => exitAllowed(core.ctx),
  }) as unknown as FakeWindow;
});
afterEach(() => core.dispose());

/** ARCHITECTURE.md security item 13 (kiosk) with the core's PIN check behind the close button. */
describe('kiosk window', () => {
  it.each([
    ['F5 (reload)', key('F5')],
    ['Ctrl+R (reload)', key('r', { control: true })],
    ['Ctrl+Shift+R (hard reload)', key('R', { control: true, shift: true })],
    ['Cmd+R (reload, macOS)', key('r', { meta: true })],
    ['F12 (devtools)', key('F12')],
    ['Ctrl+Shift+I (devtools)', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J (console)', key('J', { control: true, shift: true })],
    ['Cmd+Alt+I (devtools, macOS)', key('i', { meta: true, alt: true })],
    ['Ctrl++ (zoom in)', key('+', { control: true })],
    ['Ctrl+= (zoom in)', key('=', { control: true })],
    ['Ctrl+- (zoom out)', key('-', { control: true })],
    ['Ctrl+0 (zoom reset)', key('0', { control: true })],
    ['Alt+F4 (close)', key('F4', { alt: true })],
    ['Ctrl+W (close)', key('w', { control: true })],
    ['Cmd+Q (quit, macOS)', key('q', { meta: true })],
    ['F11 (leave full screen)', key('F11')],
    ['Cmd+H (hide, macOS)', key('h', { meta: true })],
    ['Cmd+M (minimise, macOS)', key('m', { meta: true })],
  ])('blocks %s', (_label, input) => {
    expect(isBlockedKioskInput(input)).toBe(true);
    expect(win.webContents.fire('before-input-event', input).defaultPrevented).toBe(true);
  });

  it.each([
    ['digits on the PIN pad', key('4')],
    ['Enter', key('Enter')],
    ['Backspace', key('Backspace')],
    ['letters', key('a')],
    ['Ctrl+C (copy)', key('c', { control: true })],
    ['key release of F5', { ...key('F5'), type: 'keyUp' as const }],
  ])('lets %s through', (_label, input) => {
    expect(win.webContents.fire('before-input-event', input).defaultPrevented).toBe(false);
  });

  it('has no devtools and no menu, and closes devtools should any path open them', () => {
    expect(win.options.webPreferences.devTools).toBe(false);
    expect(win.menuRemoved).toBe(true);
    win.webContents.fire('devtools-opened');
    expect(win.webContents.devToolsClosed).toBe(1);
  });

  it('undoes zoom and pins pinch-zoom', () => {
    win.webContents.fire('zoom-changed', 'in');
    expect(win.webContents.zoomLevel).toBe(0);
    expect(win.webContents.visualZoomLimits).toEqual([1, 1]);
  });

  it('refuses to close without the PIN, and after a wrong PIN', async () => {
    await core.router.call('kiosk.setPin', { pin: '2468' });
    expect(win.close()).toBe(false);
    expect(win.isDestroyed()).toBe(false);
    await core.router.call('kiosk.unlock', { pin: '1111' });
    expect(win.close()).toBe(false);
  });

  it('closes once the core granted exit after the right PIN, and locks again when the grant expires', async () => {
    await core.router.call('kiosk.setPin', { pin: '2468' });
    expect((await core.router.call('kiosk.unlock', { pin: '2468' })).allowed).toBe(true);
    core.clock.advance(EXIT_GRANT_MS + 1);
    expect(win.close()).toBe(false);
    await core.router.call('kiosk.unlock', { pin: '2468' });
    expect(win.close()).toBe(true);
    expect(win.isDestroyed()).toBe(true);
  });

  it('keeps the display awake while the kiosk window lives', () => {
    expect(double.powerSaveBlocker.active.size).toBe(1);
    win.fire('query-session-end');
    win.close();
    expect(double.powerSaveBlocker.active.size).toBe(0);
  });

  it('goes back to kiosk if something takes it out of full screen', () => {
    win.setKiosk(false);
    win.fire('leave-full-screen');
    expect(win.kiosk).toBe(true);
  });

  it('does not block Windows shutting down or logging off', () => {
    win.fire('query-session-end');
    expect(win.close()).toBe(true);
  });

  it('reloads when the renderer process dies, but not on a clean exit', () => {
    win.webContents.fire('render-process-gone', { reason: 'crashed', exitCode: 1 });
    win.webContents.fire('render-process-gone', { reason: 'oom', exitCode: 1 });
    expect(win.webContents.reloads).toBe(2);
    win.webContents.fire('render-process-gone', { reason: 'clean-exit', exitCode: 0 });
    expect(win.webContents.reloads).toBe(2);
  });

  it('kills and reloads a page that stays frozen, but not one that recovers', () => {
    vi.useFakeTimers();
    try {
      win.fire('unresponsive');
      vi.advanceTimersByTime(HUNG_RENDERER_MS - 1);
      win.fire('responsive');
      vi.advanceTimersByTime(HUNG_RENDERER_MS);
      expect(win.webContents.crashes).toBe(0);
      win.fire('unresponsive');
      win.fire('unresponsive');
      vi.advanceTimersByTime(HUNG_RENDERER_MS);
      expect(win.webContents.crashes).toBe(1);
      expect(win.webContents.reloads).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('office windows have none of the kiosk locks', () => {
    const office = createWindow({ profile: 'office', url: 'app://ops/index.html', preload: 'p', packaged: false }) as unknown as FakeWindow;
    expect(office.webContents.fire('before-input-event', key('F5')).defaultPrevented).toBe(false);
    expect(office.close()).toBe(true);
  });
});
