import { Menu, Tray, nativeImage } from 'electron';

// A 32×32 teal lens drawn at build time, so the tray needs no asset file inside the asar.
const TRAY_ICON_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAcElEQVR42u2XOw4AIAhDOYTHdva6ujsYyyc0hCauvreIRaQDZqy5XycNHCaCgl1FrHCThBdcJeENhySi4N8SqQLIRXdcJDRgjUgY3CRBL4CmBeoJ1H8F6YOIYhT3b0hRSCgqGUUppajlFIsJzWpWNgdtxhbzG1ii2gAAAABJRU5ErkJggg==';

export interface TrayActions {
  show(): void;
  quit(): void;
}

/** Tray for office and installer windows; kiosk booths get none, since Quit there would skip the PIN. */
export function createTray(actions: TrayActions, labels = { show: 'Afficher OpsDeck', quit: 'Quitter' }): Tray {
  const tray = new Tray(nativeImage.createFromBuffer(Buffer.from(TRAY_ICON_PNG, 'base64')));
  tray.setToolTip('OpsDeck');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: labels.show, click: () => actions.show() },
      { type: 'separator' },
      { label: labels.quit, click: () => actions.quit() },
    ]),
  );
  tray.on('click', () => actions.show());
  return tray;
}
