import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../fixtures/source-scan.js';

vi.mock('electron', () => import('../fixtures/electron-double.js'));
const double = await import('../fixtures/electron-double.js');

// Inside the repo (git-ignored .tmp/) so vitest treats the bundle as app code and applies the electron mock.
const outDir = path.join(REPO_ROOT, '.tmp', `bundle-test-${process.pid}`);
let dataDir: string;

beforeAll(async () => {
  const { buildElectron } = await import('../../scripts/build-electron.mjs');
  await buildElectron({ outDir, minify: false });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bundle-'));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
}, 60_000);
afterAll(() => {
  double.app.emit('will-quit');
  vi.restoreAllMocks();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The esbuild output, not just the sources: migrations found beside the bundle, CJS deps resolved. */
describe('built main bundle', () => {
  it('boots under the double: migrates a fresh database and answers over IPC', async () => {
    double.resetElectronDouble();
    double.app.userData = dataDir;
    double.app.appPath = dataDir;
    await import(/* @vite-ignore */ path.join(outDir, 'main', 'index.js'));
    double.app.makeReady();
    await vi.waitFor(() => expect(double.BrowserWindow.instances).toHaveLength(1), { timeout: 10_000 });
    const preload = double.BrowserWindow.instances[0]!.options.webPreferences.preload;
    expect(preload).toBe(path.join(outDir, 'preload', 'index.cjs'));
    expect(fs.existsSync(preload!)).toBe(true);
    const rpc = (channel: string, input: unknown) =>
      double.ipcMain.invoke('rpc', { url: 'app://ops/index.html', parent: null }, { channel, input }) as Promise<unknown>;
    // A fresh database: nobody is signed in, the public session channel says so, the rest is refused.
    expect(await rpc('session.status', {})).toMatchObject({ ok: true, data: { state: 'needs_admin', firstRun: true } });
    expect(await rpc('system.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await rpc('session.createFirstAdmin', { displayName: 'Admin', password: 'correct horse 42' })).toMatchObject({
      ok: true,
      data: { state: 'signed_in' },
    });
    const res = (await rpc('system.info', {})) as { ok: boolean; data: { schemaVersion: number; shell: string } };
    expect(res, JSON.stringify(res)).toMatchObject({ ok: true });
    expect(res.data.shell).toBe('electron');
    const migrations = fs.readdirSync(path.join(outDir, 'main', 'migrations')).map((f) => Number(f.slice(0, 4)));
    expect(res.data.schemaVersion).toBe(Math.max(...migrations));
    // Loads the whole bundle and runs every migration on a fresh file: ~15 s on a loaded machine.
  }, 60_000);
});
