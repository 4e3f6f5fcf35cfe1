#!/usr/bin/env node
// Bundles the Electron main process (ESM) and the preload (CJS: sandboxed preloads cannot be ESM)
// into dist-electron/, and copies the SQL migrations to where the bundled migrate.ts looks for them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { aliasMap } from './aliases.mjs';
import { WORKERS } from './build-cli.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist-electron');
const production = process.env.NODE_ENV === 'production' || process.argv.includes('--production');

export async function buildElectron({ outDir = out, minify = production } = {}) {
  fs.rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, 'electron/main/index.ts')],
    outfile: path.join(outDir, 'main/index.js'),
    bundle: true,
    alias: aliasMap(),
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // better-sqlite3 is native (rebuilt for Electron at packaging); electron is provided at run time.
    external: [
      'electron',
      'better-sqlite3',
      'playwright-core',
      'tesseract.js',
      '@tesseract.js-data/eng',
      '@tesseract.js-data/fra',
      // Skia for rasterising scanned PDFs: a prebuilt N-API binary from its npm platform package.
      '@napi-rs/canvas',
    ],
    // Bundled CommonJS dependencies call require() for Node built-ins; ESM has no require of its own.
    banner: {
      js: "import { createRequire as __opsdeckCreateRequire } from 'node:module'; const require = __opsdeckCreateRequire(import.meta.url);",
    },
    sourcemap: true,
    minify,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // Worker pools start './<name>Worker.js' next to the module that contains them: the main bundle.
  for (const w of WORKERS) {
    await build({
      entryPoints: [path.join(root, `electron/core/workers/${w}.ts`)],
      outfile: path.join(outDir, `main/${w}.js`),
      bundle: true,
      alias: aliasMap(),
      platform: 'node',
      format: 'esm',
      target: 'node22',
      // The CSV worker opens its own SQLite connection: the native module stays outside the bundle.
      external: ['better-sqlite3'],
      banner: {
        js: "import { createRequire as __opsdeckCreateRequire } from 'node:module'; const require = __opsdeckCreateRequire(import.meta.url);",
      },
      sourcemap: true,
      minify,
      legalComments: 'none',
      logLevel: 'warning',
    });
  }
  await build({
    entryPoints: [path.join(root, 'electron/preload/index.ts')],
    outfile: path.join(outDir, 'preload/index.cjs'),
    bundle: true,
    alias: aliasMap(),
    platform: 'node',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
    sourcemap: true,
    minify,
    logLevel: 'warning',
  });
  // migrate.ts resolves its default directory next to the module that contains it: the main bundle.
  const migrationsFrom = path.join(root, 'electron/core/db/migrations');
  const migrationsTo = path.join(outDir, 'main/migrations');
  fs.mkdirSync(migrationsTo, { recursive: true });
  for (const f of fs.readdirSync(migrationsFrom).filter((n) => n.endsWith('.sql'))) {
    fs.copyFileSync(path.join(migrationsFrom, f), path.join(migrationsTo, f));
  }
  return outDir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildElectron().then(
    (dir) => console.log(`built ${path.relative(root, dir)}/`),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
