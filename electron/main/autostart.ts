import type { DeviceMode } from '@shared/model/settings.js';
import type { App } from 'electron';

/** Booth PCs start OpsDeck at login (SPEC §5); other modes leave the login items alone unless we set them. */
export function applyAutostart(
  app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>,
  mode: DeviceMode,
  platform: NodeJS.Platform,
): boolean {
  // Linux has no login-item API in Electron; booth PCs are Windows (SPEC §1).
  if (platform === 'linux') return false;
  const want = mode === 'booth';
  if (app.getLoginItemSettings().openAtLogin === want) return false;
  app.setLoginItemSettings({ openAtLogin: want, args: want ? ['--kiosk'] : [] });
  return true;
}
