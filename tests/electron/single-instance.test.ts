import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fixtures/electron-double.js'));
const double = await import('../fixtures/electron-double.js');
const { claimSingleInstance } = await import('../../electron/main/singleInstance.js');
type BW = import('electron').BrowserWindow;

beforeEach(() => double.resetElectronDouble());

/** ARCHITECTURE.md security item 12: a second launch focuses the first. */
describe('single instance', () => {
  it('the second process quits and reports it lost the lock', () => {
    double.app.lockAvailable = false;
    expect(claimSingleInstance(double.app as never, () => null)).toBe(false);
    expect(double.app.quitCalls).toBe(1);
    expect(double.app.listenerCount('second-instance')).toBe(0);
  });

  it('the first process restores a minimised window, shows a hidden one and focuses it', () => {
    const win = new double.BrowserWindow({});
    win.minimize();
    expect(claimSingleInstance(double.app as never, () => win as unknown as BW)).toBe(true);
    expect(double.app.quitCalls).toBe(0);
    double.app.emit('second-instance', new double.FakeEvent(), [], '/');
    expect(win.isMinimized()).toBe(false);
    expect(win.isVisible()).toBe(true);
    expect(win.focusCount).toBe(1);
  });

  it('a second launch before the window exists, or after it closed, is harmless', () => {
    let current: InstanceType<typeof double.BrowserWindow> | null = null;
    claimSingleInstance(double.app as never, () => current as unknown as BW);
    expect(() => double.app.emit('second-instance', new double.FakeEvent(), [], '/')).not.toThrow();
    current = new double.BrowserWindow({});
    current.close();
    expect(() => double.app.emit('second-instance', new double.FakeEvent(), [], '/')).not.toThrow();
    expect(current.focusCount).toBe(0);
  });
});
