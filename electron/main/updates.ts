import type { Logger } from '../core/ports/log.js';

/** The part of electron-updater's AppUpdater this policy uses (a double in tests). */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', cb: (info: { version: string }) => void): unknown;
  on(event: 'error', cb: (e: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdatePolicy {
  updater: Updater;
  /** booth: install only in a quiet night window with no event around; otherwise on quit. */
  kiosk: boolean;
  log: Logger;
  now?: () => number;
  /** True while an event runs on this device's calendar or starts within a few hours. */
  eventNearby: () => Promise<boolean>;
  /** Office / installer: tell the user an update waits for the next restart. */
  announce: (version: string) => void;
  checkEveryMs?: number;
  firstCheckAfterMs?: number;
  quietCheckEveryMs?: number;
}

const HOUR = 3_600_000;

/** Local hours in which a booth may restart itself to install (nobody is at an event at 3 a.m.). */
export function inQuietWindow(at: number): boolean {
  const h = new Date(at).getHours();
  return h >= 2 && h < 5;
}

/**
 * Application updates (electron-updater, feed from electron-builder.yml `publish`): check a minute
 * after start and every 6 hours, download in the background, install when the app quits. A booth
 * in kiosk mode never restarts in front of guests: it installs by itself only between 02:00 and
 * 05:00 with no event running or starting soon. Being offline or having no feed is only logged.
 */
export function startUpdates(p: UpdatePolicy): () => void {
  const now = p.now ?? Date.now;
  const u = p.updater;
  u.autoDownload = true;
  u.autoInstallOnAppQuit = true;
  let downloaded: string | null = null;
  let stopped = false;
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  const check = () => {
    if (stopped || downloaded) return;
    u.checkForUpdates().catch((e: unknown) => p.log.warn('update check failed', { error: e instanceof Error ? e.message : String(e) }));
  };
  u.on('error', (e) => p.log.warn('updater error', { error: e.message }));
  u.on('update-downloaded', (info) => {
    downloaded = info.version;
    p.log.info('update downloaded', { version: info.version, kiosk: p.kiosk });
    if (!p.kiosk) p.announce(info.version);
  });
  const tryQuietInstall = async () => {
    if (stopped || !downloaded || !inQuietWindow(now())) return;
    try {
      if (await p.eventNearby()) return;
    } catch (e) {
      // Unsure whether an event runs: do not restart.
      p.log.warn('update: could not read the calendar', { error: e instanceof Error ? e.message : String(e) });
      return;
    }
    p.log.info('installing update in the quiet window', { version: downloaded });
    u.quitAndInstall(true, true);
  };
  const first = setTimeout(check, p.firstCheckAfterMs ?? 60_000);
  const every = setInterval(check, p.checkEveryMs ?? 6 * HOUR);
  timers.push(first, every);
  if (p.kiosk) timers.push(setInterval(() => void tryQuietInstall(), p.quietCheckEveryMs ?? 15 * 60_000));
  for (const t of timers) (t as { unref?: () => void }).unref?.();
  return () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
  };
}
