/**
 * The import rules of the core, checked on the source text (no build needed):
 *  - no import cycle among the files under electron/ and shared/ (type-only imports count too);
 *  - nothing imports a module except through its index.ts (electron/core/modules/<name>/index.ts is
 *    the module's one public surface), save its own files and its worker code in electron/core/workers/;
 *  - layers point downward: electron/core/db/** imports nothing from modules/, entry, router or handlers;
 *  - the CLI, the Electron shell and the bridge never import repositories or a module's internal files;
 *  - no bare side-effect import (`import './x.js'`) of our own code in electron/core: start-up order is
 *    the module list in entry.ts, never the order files happen to be imported in.
 * Run: `npx tsx scripts/architecture.ts` (part of `npm run lint`); tests/security/architecture.test.ts
 * runs it on the real tree and on a planted fixture tree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Violation {
  rule: 'cycle' | 'module-boundary' | 'layer' | 'shell-boundary' | 'side-effect-import';
  file: string;
  message: string;
}

const ALIASES: ReadonlyArray<[string, string]> = [
  ['@core/', 'electron/core/'],
  ['@shared/', 'shared/'],
  ['@renderer/', 'renderer/src/'],
];

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function walk(root: string, dir: string, out: string[]): void {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return;
  for (const ent of fs.readdirSync(abs, { withFileTypes: true })) {
    if (ent.name === 'node_modules' || ent.name.startsWith('.')) continue;
    const rel = path.posix.join(dir, ent.name);
    if (ent.isDirectory()) walk(root, rel, out);
    else if (/\.(ts|tsx)$/.test(ent.name) && !ent.name.endsWith('.d.ts')) out.push(rel);
  }
}

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Resolves a specifier to a repo-relative .ts/.tsx path, or null for packages and node: builtins. */
function resolveSpecifier(root: string, from: string, spec: string): string | null {
  let base: string | null = null;
  for (const [alias, target] of ALIASES) if (spec.startsWith(alias)) base = target + spec.slice(alias.length);
  if (base === null) {
    if (!spec.startsWith('.')) return null;
    base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  }
  const noExt = base.replace(/\.(js|ts|tsx|jsx|mjs)$/, '');
  for (const cand of [noExt + '.ts', noExt + '.tsx', noExt + '/index.ts', noExt + '/index.tsx', base]) {
    if (fs.existsSync(path.join(root, cand)) && fs.statSync(path.join(root, cand)).isFile()) return cand;
  }
  return null;
}

export function importGraph(root: string, dirs: readonly string[]): Map<string, string[]> {
  const files: string[] = [];
  for (const d of dirs) walk(root, d, files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const src = stripComments(fs.readFileSync(path.join(root, f), 'utf8'));
    const deps = new Set<string>();
    for (const m of src.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2];
      if (!spec) continue;
      const r = resolveSpecifier(root, f, spec);
      if (r) deps.add(r);
    }
    graph.set(f, [...deps]);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a self-import): each is a cycle. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  return out;
}

const MODULE_RE = /^electron\/core\/modules\/([^/]+)\/(.+)$/;
const SIDE_EFFECT_RE = /(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

/** `import './schedule.js'` in the core: a file that acts on import (packages such as polyfills are not ours to judge). */
function sideEffectImports(root: string, file: string): string[] {
  const src = stripComments(fs.readFileSync(path.join(root, file), 'utf8'));
  return [...src.matchAll(SIDE_EFFECT_RE)].map((m) => m[1]!).filter((spec) => resolveSpecifier(root, file, spec) !== null);
}

export function checkArchitecture(root: string): Violation[] {
  const graph = importGraph(root, ['electron', 'shared']);
  const out: Violation[] = [];
  for (const cycle of findCycles(graph)) {
    out.push({ rule: 'cycle', file: cycle[0]!, message: `import cycle: ${cycle.join(' → ')}` });
  }
  for (const file of graph.keys()) {
    if (!file.startsWith('electron/core/')) continue;
    for (const spec of sideEffectImports(root, file))
      out.push({
        rule: 'side-effect-import',
        file,
        message: `import '${spec}' runs a file for its effects: register it in the module list (entry.ts) instead`,
      });
  }
  for (const [file, deps] of graph) {
    const own = MODULE_RE.exec(file)?.[1];
    for (const dep of deps) {
      const m = MODULE_RE.exec(dep);
      if (m && m[1] !== own && m[2] !== 'index.ts') {
        // electron/core/workers/ holds the csv and forecast modules' thread entries and pools (kept
        // there for the worker bundles in scripts/build-*.mjs): they run those modules' own code.
        if (file.startsWith('electron/core/workers/')) continue;
        out.push({ rule: 'module-boundary', file, message: `imports ${dep}: only electron/core/modules/${m[1]}/index.ts is public` });
      }
      if (file.startsWith('electron/core/db/') && (m || /^electron\/core\/(entry|router|handlers|modules)\b/.test(dep))) {
        out.push({ rule: 'layer', file, message: `imports ${dep}: the database layer may not import modules, the router or the entry` });
      }
      if (/^electron\/(cli|main|bridge)\//.test(file) && dep.startsWith('electron/core/db/repos/')) {
        out.push({
          rule: 'shell-boundary',
          file,
          message: `imports ${dep}: shells go through the router or a module's index, never into repositories`,
        });
      }
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(import.meta.dirname, '..');
  const v = checkArchitecture(root);
  for (const x of v) console.error(`${x.rule}: ${x.file}: ${x.message}`);
  console.log(v.length ? `${v.length} architecture violation(s)` : 'architecture: no cycle, every import respects the module boundaries');
  process.exit(v.length ? 1 : 0);
}
