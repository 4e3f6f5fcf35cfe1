import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freshBundle, startWorker } from '@core/workers/startWorker.js';

const dirs: string[] = [];
afterEach(() => {
  delete process.env.OPSDECK_FROM_SOURCE;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A repository in miniature: a TypeScript worker, a shared source, package.json and the CLI bundle of the worker. */
function tree() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-worker-'));
  dirs.push(root);
  const write = (rel: string, text: string, at: number) => {
    const f = path.join(root, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    fs.utimesSync(f, at, at);
    return f;
  };
  const t = Date.now() / 1000 - 100;
  const source = write(
    'electron/core/workers/echoWorker.ts',
    "import { parentPort } from 'node:worker_threads';\nconst from: string = 'sources';\nparentPort!.postMessage(from);\n",
    t,
  );
  write('shared/model.ts', 'export const x = 1;\n', t);
  write('package.json', '{"type":"module"}\n', t);
  const bundle = write(
    'dist-cli/cli/echoWorker.js',
    "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage('bundle');\n",
    t + 10,
  );
  return { root, url: pathToFileURL(source), bundle, touch: (rel: string) => fs.utimesSync(path.join(root, rel), t + 20, t + 20) };
}

const firstMessage = (url: URL) =>
  new Promise<string>((resolve, reject) => {
    const w = startWorker(url);
    w.once('message', (m: string) => void w.terminate().then(() => resolve(m)));
    w.once('error', reject);
  });

describe('workers started from the TypeScript sources (tsx: CLI, tests, bench)', () => {
  it('run the CLI bundle of the worker while it is newer than every source, else the sources', async () => {
    const t = tree();
    expect(freshBundle(t.url)).toBe(t.bundle);
    expect(await firstMessage(t.url)).toBe('bundle');
    // An edited source anywhere under electron/ or shared/ makes the bundle stale.
    t.touch('shared/model.ts');
    expect(freshBundle(t.url)).toBeNull();
    expect(await firstMessage(t.url)).toBe('sources');
  }, 30_000);

  it('never without a bundle, nor when told to run from the sources', () => {
    const t = tree();
    process.env.OPSDECK_FROM_SOURCE = '1';
    expect(freshBundle(t.url)).toBeNull();
    delete process.env.OPSDECK_FROM_SOURCE;
    fs.rmSync(t.bundle);
    expect(freshBundle(t.url)).toBeNull();
  });
});
