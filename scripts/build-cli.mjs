#!/usr/bin/env node
// Bundles the `opsdeck` CLI (with the core) into dist-cli/ so headless agents start without
// compiling TypeScript at run time: the booth agent idles at ~80 MB bundled against ~130 MB
// under tsx. bin/opsdeck.mjs uses this bundle only while it is newer than every source file.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { aliasMap } from './aliases.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WORKERS = ['forecastWorker', 'csvImportWorker'];

export async function buildCli({ outDir = path.join(root, 'dist-cli') } = {}) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const common = {
    bundle: true,
    alias: aliasMap(),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Native or WASM packages load their own files; tsx is only for `hub-dev`'s TypeScript double.
    external: [
      'electron',
      'better-sqlite3',
      '@electric-sql/pglite',
      'tsx',
      'playwright-core',
      'tesseract.js',
      '@tesseract.js-data/eng',
      '@tesseract.js-data/fra',
      '@napi-rs/canvas',
    ],
    // Bundled CommonJS dependencies call require() for Node built-ins; ESM has no require of its own.
    banner: {
      js: "import { createRequire as __opsdeckCreateRequire } from 'node:module'; const require = __opsdeckCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    // Whitespace and syntax only (names kept for readable stack traces): less to parse at start-up.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  };
  // Two levels deep, like the sources (electron/core/…), so package.json is found at ../../.
  await build({ ...common, entryPoints: [path.join(root, 'electron/cli/index.ts')], outfile: path.join(outDir, 'cli/index.mjs') });
  // Worker pools start './<name>Worker.js' next to the module that contains them.
  for (const w of WORKERS)
    await build({ ...common, entryPoints: [path.join(root, `electron/core/workers/${w}.ts`)], outfile: path.join(outDir, `cli/${w}.js`) });
  // migrate.ts looks for its SQL next to the module that contains it.
  const from = path.join(root, 'electron/core/db/migrations');
  fs.mkdirSync(path.join(outDir, 'cli/migrations'), { recursive: true });
  for (const f of fs.readdirSync(from).filter((n) => n.endsWith('.sql')))
    fs.copyFileSync(path.join(from, f), path.join(outDir, 'cli/migrations', f));
  return outDir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildCli().then(
    (dir) => console.log(`built ${path.relative(root, dir)}/`),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
