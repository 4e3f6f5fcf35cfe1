import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '@core/ports/log.js';
import { inQuietWindow, startUpdates, type Updater } from '../../electron/main/updates.js';

/** A double of electron-updater's autoUpdater: records calls, lets the test emit its events. */
class UpdaterDouble extends EventEmitter implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  failNext = false;
  async checkForUpdates() {
    this.checks++;
    if (this.failNext) throw new Error('net::ERR_INTERNET_DISCONNECTED');
    return null;
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

const local = (h: number, m = 0) => new Date(2026, 10, 24, h, m).getTime();
let stop: () => void = () => undefined;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('application updates', () => {
  it('office: checks a minute after start then every 6 h, downloads in the background, installs on quit and says so', async () => {
    const u = new UpdaterDouble();
    const announced: string[] = [];
    stop = startUpdates({
      updater: u,
      kiosk: false,
      log: memoryLogger(),
      eventNearby: async () => false,
      announce: (v) => announced.push(v),
    });
    expect(u.autoDownload && u.autoInstallOnAppQuit).toBe(true);
    expect(u.checks).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(u.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    expect(u.checks).toBe(2);
    u.emit('update-downloaded', { version: '0.2.0' });
    expect(announced).toEqual(['0.2.0']);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    // Downloaded: no more checks, and an office app never restarts by itself.
    expect(u.checks).toBe(2);
    expect(u.installs).toEqual([]);
  });

  it('offline or without a feed it only logs, and keeps checking later', async () => {
    const u = new UpdaterDouble();
    const log = memoryLogger();
    u.failNext = true;
    stop = startUpdates({ updater: u, kiosk: false, log, eventNearby: async () => false, announce: () => undefined });
    await vi.advanceTimersByTimeAsync(60_000);
    u.emit('error', new Error('Cannot find latest.yml'));
    expect(log.lines.map((e) => e.msg)).toEqual(expect.arrayContaining(['update check failed', 'updater error']));
    u.failNext = false;
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    expect(u.checks).toBe(2);
  });

  it('booth: installs silently only in the night window and never with an event nearby', async () => {
    const u = new UpdaterDouble();
    let clock = local(14);
    let nearby = true;
    const announced: string[] = [];
    stop = startUpdates({
      updater: u,
      kiosk: true,
      log: memoryLogger(),
      now: () => clock,
      eventNearby: async () => nearby,
      announce: (v) => announced.push(v),
      quietCheckEveryMs: 60_000,
    });
    u.emit('update-downloaded', { version: '0.2.0' });
    expect(announced).toEqual([]);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(u.installs).toEqual([]); // afternoon
    clock = local(3);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(u.installs).toEqual([]); // night, but an event is still running
    nearby = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(u.installs).toEqual([[true, true]]);
  });

  it('the quiet window is 02:00–05:00 local time', () => {
    expect([1, 2, 4, 5, 14].map((h) => inQuietWindow(local(h, 30)))).toEqual([false, true, true, false, false]);
  });
});
