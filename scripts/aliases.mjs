// The path aliases, one list for every tool: TypeScript (the tsconfig*.json "paths" match it;
// tests/unit/aliases.test.ts checks), Vite and Vitest (resolve.alias), the esbuild bundles
// (scripts/build-*.mjs) and tsx (reads tsconfig.json's paths).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** alias prefix → repo-relative directory */
export const ALIASES = {
  '@core': 'electron/core',
  '@shared': 'shared',
  '@renderer': 'renderer/src',
};

/** For Vite/Vitest resolve.alias and esbuild's alias option: '@core' → absolute directory. */
export function aliasMap(root = ROOT) {
  return Object.fromEntries(Object.entries(ALIASES).map(([k, v]) => [k, path.join(root, v)]));
}
