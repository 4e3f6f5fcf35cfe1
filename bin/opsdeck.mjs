#!/usr/bin/env node
// Runs the CLI from the bundle that `npm ci` / `npm install` builds (the `prepare` script runs
// scripts/build-cli.mjs) while it is newer than every source file; after an edit to the sources
// (development) it falls back to the TypeScript sources through tsx's loader, so an edited source
// is never shadowed by a stale bundle. `opsdeck --version` answers from package.json at once.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
// (bench:cli turns the shortcut off to time the old path.)
if (
  process.env.OPSDECK_BENCH_NO_FAST_VERSION !== '1' &&
  args.length === 1 &&
  (args[0] === '--version' || args[0] === '-v' || args[0] === '-V')
) {
  process.stdout.write(`${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version}\n`);
  process.exit(0);
}
const bundle = path.join(root, 'dist-cli', 'cli', 'index.mjs');

function newestSource(dir, newest = 0) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = newestSource(p, newest);
    else if (/\.(ts|sql|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (process.env.OPSDECK_FROM_SOURCE === '1') return false;
  let built;
  try {
    built = fs.statSync(bundle).mtimeMs;
  } catch {
    return false;
  }
  const sources = Math.max(
    newestSource(path.join(root, 'electron')),
    newestSource(path.join(root, 'shared')),
    fs.statSync(path.join(root, 'package.json')).mtimeMs,
  );
  return built > sources;
}

let entry;
if (bundleIsFresh()) entry = bundle;
else {
  const { register } = await import('tsx/esm/api');
  // The repo's tsconfig.json (path aliases @core/…, @shared/…), wherever the command runs from.
  register({ tsconfig: path.join(root, 'tsconfig.json') });
  entry = path.join(root, 'electron/cli/index.ts');
}
const { runCli } = await import(pathToFileURL(entry).href);
await runCli(process.argv);
