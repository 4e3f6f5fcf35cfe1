import fs from 'node:fs';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

/**
 * Starts a worker from a module next to the caller (`new URL('./x' + workerExt(import.meta.url), import.meta.url)`).
 * Under tsx (CLI, tests, bench) the worker file is TypeScript and the worker thread does not
 * inherit tsx's loader registered through its API, so a tiny bootstrap registers it first; a
 * bundled build points at the compiled .js and imports it directly.
 */
export function startWorker(url: URL, opts: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) {
    // Packaged Electron app: workers load from app.asar; an unpacked copy, if a build adds one, wins.
    const file = fileURLToPath(url);
    const unpacked = file.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    return new Worker(unpacked !== file && fs.existsSync(unpacked) ? unpacked : file, opts);
  }
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
