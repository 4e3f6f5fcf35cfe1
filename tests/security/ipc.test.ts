import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';

vi.mock('electron', () => import('../fixtures/electron-double.js'));
const double = await import('../fixtures/electron-double.js');
const { assertTrustedSender, registerIpc, RPC_CHANNEL, EVENT_CHANNEL, UntrustedSenderError } = await import('../../electron/main/ipc.js');
const { APP_ORIGIN } = await import('../../electron/main/origins.js');
type WebContents = import('electron').WebContents;

const TRUSTED = [APP_ORIGIN];
const top = (url: string) => ({ url, parent: null });
const sub = (url: string) => ({ url, parent: top('app://ops/index.html') });

let core: TestCore;
let target: InstanceType<typeof double.FakeWebContents>;
let dispose: () => void;

beforeEach(() => {
  double.resetElectronDouble();
  core = createTestCore();
  target = new double.FakeWebContents();
  target.url = 'app://ops/index.html';
  dispose = registerIpc({ router: core.router, events: core.ctx.events, log: core.logs }, TRUSTED, () => [
    target as unknown as WebContents,
  ]);
});
afterEach(() => {
  dispose();
  core.dispose();
});

/** ARCHITECTURE.md security item 6 (one IPC channel, sender checked) with item 7 through the router. */
describe('IPC', () => {
  it('registers exactly one invoke handler, on the rpc channel', () => {
    expect([...double.ipcMain.handlers.keys()]).toEqual([RPC_CHANNEL]);
    expect(double.ipcMain.listeners.size).toBe(0);
  });

  it('accepts the top frame of app://ops and answers with the core router', async () => {
    const res = await double.ipcMain.invoke(RPC_CHANNEL, top('app://ops/index.html'), { channel: 'system.info', input: {} });
    expect(res).toMatchObject({ ok: true, data: { deviceId: core.ctx.deviceId } });
  });

  it.each([
    ['a sub-frame of the app', sub('app://ops/frame.html')],
    ['a foreign https page', top('https://evil.example/')],
    ['a file: page', top('file:///tmp/x.html')],
    ['another app:// host', top('app://evil/index.html')],
    ['the dev server origin when it is not trusted', top('http://127.0.0.1:5173/')],
    ['no frame (navigated away or destroyed)', null],
  ])('refuses %s without reaching the core', async (_label, frame) => {
    const before = core.ctx.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get();
    const res = await double.ipcMain.invoke(RPC_CHANNEL, frame, { channel: 'settings.set', input: { deviceName: 'pwned' } });
    expect(res).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect((await core.router.call('settings.get', {})).deviceName).not.toBe('pwned');
    expect(core.ctx.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(before);
    expect(core.logs.lines.some((l) => l.msg === 'untrusted IPC sender')).toBe(true);
  });

  it('assertTrustedSender trusts a dev origin only when it is listed', () => {
    expect(() => assertTrustedSender(top('http://127.0.0.1:5173/'), TRUSTED)).toThrow(UntrustedSenderError);
    expect(() => assertTrustedSender(top('http://127.0.0.1:5173/'), [...TRUSTED, 'http://127.0.0.1:5173'])).not.toThrow();
  });

  it('bad input through IPC gets invalid_input and changes nothing', async () => {
    const before = await core.router.call('settings.get', {});
    const res = await double.ipcMain.invoke(RPC_CHANNEL, top('app://ops/index.html'), {
      channel: 'settings.set',
      input: { deviceName: 42, extra: true },
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await core.router.call('settings.get', {})).toEqual(before);
  });

  it('malformed envelopes and unknown channels come back as values, never as throws', async () => {
    await expect(double.ipcMain.invoke(RPC_CHANNEL, top('app://ops/index.html'), 'system.info')).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await expect(
      double.ipcMain.invoke(RPC_CHANNEL, top('app://ops/index.html'), { channel: 'fs.readFile', input: {} }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
  });

  it('forwards core events to trusted windows on one channel, and not to a window that navigated away', async () => {
    await core.router.call('settings.set', { deviceName: 'Borne Lyon' });
    const sent = target.sent
      .filter((s) => s.channel === EVENT_CHANNEL)
      .map((s) => s.payload as { event: string; payload: { deviceName?: string } });
    expect(sent.find((e) => e.event === 'settings.changed')?.payload.deviceName).toBe('Borne Lyon');
    expect(new Set(target.sent.map((s) => s.channel))).toEqual(new Set([EVENT_CHANNEL]));

    target.sent = [];
    target.url = 'https://evil.example/';
    await core.router.call('settings.set', { deviceName: 'Borne Nice' });
    expect(target.sent).toEqual([]);
  });

  it('dispose removes the handler and stops the event fan-out', async () => {
    dispose();
    expect(double.ipcMain.handlers.size).toBe(0);
    target.sent = [];
    await core.router.call('settings.set', { deviceName: 'After' });
    expect(target.sent).toEqual([]);
    dispose = () => undefined;
  });
});
