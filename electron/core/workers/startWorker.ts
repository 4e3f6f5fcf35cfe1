import fs from 'node:fs';
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

/** Newest modification time of the sources a bundle is built from (TypeScript, SQL, JSON). */
function newestSource(dir: string, newest = 0): number {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = newestSource(p, newest);
    else if (/\.(ts|sql|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The worker as `npm install` bundles it with the CLI (scripts/build-cli.mjs: dist-cli/cli/<name>.js),
 * when that bundle is newer than every source file — the rule bin/opsdeck.mjs applies to the CLI
 * itself, so an edited source is never shadowed by a stale bundle. Null otherwise, or when
 * OPSDECK_FROM_SOURCE=1. Starting it costs a plain module load; the TypeScript file costs a tsx
 * loader thread per worker and ~0.3 s of CPU each (a catalog run starts one per core every time).
 */
export function freshBundle(url: URL): string | null {
  if (process.env.OPSDECK_FROM_SOURCE === '1') return null;
  const root = fileURLToPath(new URL('../../../', url));
  const bundle = path.join(root, 'dist-cli', 'cli', `${path.basename(url.pathname, '.ts')}.js`);
  try {
    const built = fs.statSync(bundle).mtimeMs;
    const sources = Math.max(
      newestSource(path.join(root, 'electron')),
      newestSource(path.join(root, 'shared')),
      fs.statSync(path.join(root, 'package.json')).mtimeMs,
    );
    return built > sources ? bundle : null;
  } catch {
    return null;
  }
}

/**
 * Starts a worker from a module next to the caller (`new URL('./x' + workerExt(import.meta.url), import.meta.url)`).
 * Under tsx (CLI, tests, bench) the worker file is TypeScript: the CLI's bundle of it when that is
 * fresh, else the worker thread, which does not inherit tsx's loader registered through its API,
 * gets a tiny bootstrap that registers it first; a bundled build points at the compiled .js and
 * imports it directly.
 */
export function startWorker(url: URL, opts: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) {
    // Packaged Electron app: workers load from app.asar; an unpacked copy, if a build adds one, wins.
    const file = fileURLToPath(url);
    const unpacked = file.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    return new Worker(unpacked !== file && fs.existsSync(unpacked) ? unpacked : file, opts);
  }
  const bundled = freshBundle(url);
  if (bundled) return new Worker(bundled, opts);
  // Resolved here: an eval'd worker has no directory of its own to resolve packages from.
  const tsx = import.meta.resolve('tsx/esm/api');
  // The repo's tsconfig.json carries the path aliases (@core/…, @shared/…): found from the worker file, not the cwd.
  const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
  const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register({ tsconfig: ${JSON.stringify(tsconfig)} }); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { ...opts, eval: true });
}

/** '.ts' when running from sources, '.js' from a bundle: the worker file has the caller's extension. */
export function workerExt(callerUrl: string): '.ts' | '.js' {
  return callerUrl.endsWith('.ts') ? '.ts' : '.js';
}
