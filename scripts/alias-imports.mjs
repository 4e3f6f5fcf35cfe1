#!/usr/bin/env node
// Codemod (idempotent): rewrites relative imports that climb two or more directories ('../../…')
// into the path aliases of scripts/aliases.mjs (@core/…, @shared/…, @renderer/…), keeping each
// specifier's extension style ('.js' under NodeNext, none in the renderer). Part of `npm run format:all`.
// Usage: node scripts/alias-imports.mjs [--check] [dir…]   (default: electron shared renderer/src tests bench scripts)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALIASES, ROOT } from './aliases.mjs';

const targets = Object.entries(ALIASES).sort((a, b) => b[1].length - a[1].length);
// Matches `from '…'`, `import '…'`, `import('…')`, `vi.mock('…')` and `export … from '…'` specifiers.
const SPEC = /(\bfrom\s+|\bimport\s+|\bimport\(\s*|\bvi\.mock\(\s*)(['"])(\.\.\/\.\.\/[^'"]*)\2/g;

function walk(dir, out) {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return;
  if (fs.statSync(abs).isFile()) return void out.push(dir);
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'dist' || e.name === 'screenshots') continue;
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) walk(rel, out);
    else if (/\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(rel);
  }
}

export function rewrite(file, src) {
  return src.replace(SPEC, (m, pre, q, spec) => {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    for (const [alias, dir] of targets) {
      if (target === dir || target.startsWith(dir + '/')) {
        // A file inside the aliased directory keeps short relative paths to its neighbours; only climbs are rewritten.
        return `${pre}${q}${alias}${target.slice(dir.length)}${q}`;
      }
    }
    return m;
  });
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const dirs = args.filter((a) => !a.startsWith('--'));
  const roots = dirs.length ? dirs : ['electron', 'shared', 'renderer/src', 'tests', 'bench', 'scripts'];
  const files = [];
  for (const r of roots) walk(r, files);
  let changed = 0;
  for (const f of files) {
    const src = fs.readFileSync(path.join(ROOT, f), 'utf8');
    const next = rewrite(f, src);
    if (next !== src) {
      changed++;
      if (check) console.log(`would alias: ${f}`);
      else fs.writeFileSync(path.join(ROOT, f), next);
    }
  }
  console.log(`${check ? 'to alias' : 'aliased'}: ${changed} file(s)`);
  if (check && changed) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
