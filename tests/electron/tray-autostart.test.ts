import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fixtures/electron-double.js'));
const double = await import('../fixtures/electron-double.js');
const { createTray } = await import('../../electron/main/tray.js');
const { applyAutostart } = await import('../../electron/main/autostart.js');
const { installAppMenu } = await import('../../electron/main/menu.js');

beforeEach(() => double.resetElectronDouble());

describe('tray', () => {
  it('has a real icon, shows the window and quits from its menu', () => {
    const calls: string[] = [];
    createTray({ show: () => calls.push('show'), quit: () => calls.push('quit') });
    const tray = double.Tray.instances[0]!;
    expect(tray.image.isEmpty()).toBe(false);
    const items = tray.menu!.template.filter((i) => i.label);
    expect(items.map((i) => i.label)).toEqual(['Afficher OpsDeck', 'Quitter']);
    items[0]!.click!();
    items[1]!.click!();
    tray.emit('click');
    expect(calls).toEqual(['show', 'quit', 'show']);
  });
});

describe('autostart (SPEC §5: booths start at login)', () => {
  it('a booth on Windows opens at login in kiosk mode', () => {
    expect(applyAutostart(double.app as never, 'booth', 'win32')).toBe(true);
    expect(double.app.loginItem).toEqual({ openAtLogin: true, args: ['--kiosk'] });
  });

  it('switching the device back to office removes the login item; repeating changes nothing', () => {
    applyAutostart(double.app as never, 'booth', 'win32');
    expect(applyAutostart(double.app as never, 'office', 'win32')).toBe(true);
    expect(double.app.loginItem.openAtLogin).toBe(false);
    expect(applyAutostart(double.app as never, 'installer', 'win32')).toBe(false);
    expect(double.app.loginItemWrites).toBe(2);
  });

  it('does nothing on Linux, where Electron has no login items', () => {
    expect(applyAutostart(double.app as never, 'booth', 'linux')).toBe(false);
    expect(double.app.loginItemWrites).toBe(0);
  });
});

describe('application menu', () => {
  it('no default menu (with its reload and devtools accelerators) on Windows and Linux, nor in a kiosk', () => {
    installAppMenu('win32', false);
    expect(double.Menu.applicationMenu).toBeNull();
    installAppMenu('darwin', true);
    expect(double.Menu.applicationMenu).toBeNull();
  });

  it('macOS office windows keep the app and edit menus so copy and paste work', () => {
    installAppMenu('darwin', false);
    expect((double.Menu.applicationMenu as { template: Array<{ role: string }> }).template.map((i) => i.role)).toEqual([
      'appMenu',
      'editMenu',
      'windowMenu',
    ]);
  });
});
