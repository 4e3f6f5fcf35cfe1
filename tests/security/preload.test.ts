import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fixtures/electron-double.js'));
const double = await import('../fixtures/electron-double.js');
type Api = import('@shared/preloadApi.js').OpsdeckBridgeApi;

double.resetElectronDouble();
await import('../../electron/preload/index.js');
const exposedOnLoad = new Map(double.contextBridge.exposed);

/** ARCHITECTURE.md security item 6: the preload exposes exactly invoke and subscribe, no event objects. */
describe('preload (source)', () => {
  const api = exposedOnLoad.get('opsdeck') as Api;
  beforeEach(() => {
    double.ipcRenderer.removeAllListeners();
    double.ipcRenderer.invocations = [];
  });

  it('exposes one global, window.opsdeck, with exactly invoke and subscribe', () => {
    expect([...exposedOnLoad.keys()]).toEqual(['opsdeck']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.subscribe).toBe('function');
    for (const leaked of ['ipcRenderer', 'require', 'process', 'send', 'on']) expect(api).not.toHaveProperty(leaked);
  });

  it('invoke sends {channel, input} on the one rpc channel and returns the envelope', async () => {
    double.ipcRenderer.reply = { ok: true, data: { version: '0.1.0' } };
    await expect(api.invoke('system.info', {})).resolves.toEqual({ ok: true, data: { version: '0.1.0' } });
    expect(double.ipcRenderer.invocations).toEqual([{ channel: 'rpc', args: [{ channel: 'system.info', input: {} }] }]);
  });

  it('invoke with a non-string channel never reaches main', async () => {
    await expect(api.invoke(42 as unknown as string, {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(double.ipcRenderer.invocations).toEqual([]);
  });

  it('subscribe hands the page only {event, payload}, never the IpcRendererEvent', () => {
    const got: unknown[] = [];
    const all: unknown[] = [];
    const off = api.subscribe('settings.changed', (ev) => got.push(ev));
    api.subscribe('*', (ev) => all.push(ev));
    const senderEvent = { sender: double.ipcRenderer, ports: [], senderId: 0 };
    double.ipcRenderer.emit('opsdeck:event', senderEvent, { event: 'settings.changed', payload: { theme: 'dark' } });
    double.ipcRenderer.emit('opsdeck:event', senderEvent, { event: 'audit.appended', payload: { action: 'x', outcome: 'ok' } });
    expect(got).toEqual([{ event: 'settings.changed', payload: { theme: 'dark' } }]);
    expect(all).toHaveLength(2);
    expect(JSON.stringify([got, all])).not.toContain('sender');

    off();
    double.ipcRenderer.emit('opsdeck:event', senderEvent, { event: 'settings.changed', payload: { theme: 'light' } });
    expect(got).toHaveLength(1);
    expect(double.ipcRenderer.listenerCount('opsdeck:event')).toBe(1);
  });

  it('subscribe refuses malformed event names and non-function callbacks', () => {
    expect(() => api.subscribe('__proto__', () => undefined)).toThrow(TypeError);
    expect(() => api.subscribe('a'.repeat(200), () => undefined)).toThrow(TypeError);
    expect(() => api.subscribe('settings.changed', 'alert(1)' as never)).toThrow(TypeError);
    expect(double.ipcRenderer.listenerCount('opsdeck:event')).toBe(0);
  });
});

describe('preload (built bundle)', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-build-'));
    const { buildElectron } = await import('../../scripts/build-electron.mjs');
    await buildElectron({ outDir, minify: true });
  }, 60_000);
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('is CommonJS that runs in a sandbox-like context where require only knows electron', () => {
    double.resetElectronDouble();
    const code = fs.readFileSync(path.join(outDir, 'preload', 'index.cjs'), 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    const required: string[] = [];
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return double;
      throw new Error(`module not found in sandboxed preload: ${id}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, Promise, TypeError });
    expect(required).toEqual(['electron']);
    const api = double.contextBridge.exposed.get('opsdeck') as Api;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('the main bundle is ESM with electron and better-sqlite3 left external, and the migrations sit beside it', () => {
    const main = fs.readFileSync(path.join(outDir, 'main', 'index.js'), 'utf8');
    expect(main).toMatch(/from\s*"electron"/);
    expect(main).toMatch(/better-sqlite3/);
    expect(main).not.toMatch(/^\s*module\.exports\s*=/m);
    const shipped = fs.readdirSync(path.join(outDir, 'main', 'migrations')).sort();
    const source = fs
      .readdirSync(path.resolve(import.meta.dirname, '../../electron/core/db/migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(shipped).toEqual(source);
  });
});
