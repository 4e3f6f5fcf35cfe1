import { Menu } from 'electron';

/**
 * No default menu (it carries reload and devtools accelerators). macOS keeps the standard app and
 * edit menus (copy/paste shortcuts need them); a kiosk gets no menu at all.
 */
export function installAppMenu(platform: NodeJS.Platform, kiosk: boolean): void {
  Menu.setApplicationMenu(
    platform === 'darwin' && !kiosk ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]) : null,
  );
}
