import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { checkArchitecture, findCycles } from '../../scripts/architecture.js';
import { REPO_ROOT } from '../fixtures/source-scan.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A throwaway tree laid out like the repo: { 'electron/core/x.ts': 'source' }. */
function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-arch-'));
  dirs.push(root);
  for (const [rel, src] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), src);
  }
  return root;
}

const CLEAN = {
  'electron/core/context.ts': `export interface CoreContext { db: unknown }\n`,
  'electron/core/db/repos/things.ts': `import type { CoreContext } from '../../context.js';\nexport const things = (c: CoreContext) => c;\n`,
  'electron/core/modules/alpha/internal.ts': `import { things } from '../../db/repos/things.js';\nexport const alphaWork = things;\n`,
  'electron/core/modules/alpha/index.ts': `export { alphaWork } from './internal.js';\nexport const alphaModule = { name: 'alpha' };\n`,
  'electron/core/modules/beta/index.ts': `import { alphaWork } from '../alpha/index.js';\nimport type { CoreContext } from '@core/context.js';\nexport const betaModule = { name: 'beta', alphaWork };\nexport type B = CoreContext;\n`,
  'electron/core/entry.ts': `import { alphaModule } from './modules/alpha/index.js';\nimport { betaModule } from './modules/beta/index.js';\nexport const CORE_MODULES = [alphaModule, betaModule];\n`,
  'electron/cli/commands/run.ts': `import { CORE_MODULES } from '../../core/entry.js';\nexport const n = CORE_MODULES.length;\n`,
};

describe('architecture rules (scripts/architecture.ts, also run by npm run lint)', () => {
  test('the real tree has no import cycle and respects the module boundaries and layers', () => {
    expect(checkArchitecture(REPO_ROOT)).toEqual([]);
  });

  test('a clean fixture tree passes', () => {
    expect(checkArchitecture(tree(CLEAN))).toEqual([]);
  });

  test('a planted import of another module’s internal file fails, through a relative path or an alias', () => {
    const root = tree({
      ...CLEAN,
      'electron/core/modules/beta/index.ts': `import { alphaWork } from '../alpha/internal.js';\nexport const betaModule = { name: 'beta', alphaWork };\n`,
      'electron/core/modules/beta/more.ts': `import { alphaWork } from '@core/modules/alpha/internal.js';\nexport const more = alphaWork;\n`,
    });
    const v = checkArchitecture(root);
    expect(v.map((x) => [x.rule, x.file])).toEqual([
      ['module-boundary', 'electron/core/modules/beta/index.ts'],
      ['module-boundary', 'electron/core/modules/beta/more.ts'],
    ]);
    expect(v[0]!.message).toContain('electron/core/modules/alpha/internal.ts');
  });

  test('a planted cycle fails, type-only imports included', () => {
    const root = tree({
      ...CLEAN,
      'electron/core/modules/alpha/internal.ts': `import type { B } from '../beta/index.js';\nexport const alphaWork = (b: B) => b;\n`,
    });
    const v = checkArchitecture(root);
    expect(v.map((x) => x.rule)).toEqual(['cycle']);
    expect(v[0]!.message).toContain('electron/core/modules/alpha/internal.ts');
    expect(v[0]!.message).toContain('electron/core/modules/beta/index.ts');
  });

  test('a repository importing a module, or a shell importing a repository, fails', () => {
    const root = tree({
      ...CLEAN,
      'electron/core/db/repos/more.ts': `import { alphaModule } from '../../modules/alpha/index.js';\nexport const m = alphaModule;\n`,
      'electron/main/boot.ts': `import { things } from '../core/db/repos/things.js';\nexport const t = things;\n`,
    });
    expect(checkArchitecture(root).map((x) => [x.rule, x.file])).toEqual([
      ['layer', 'electron/core/db/repos/more.ts'],
      ['shell-boundary', 'electron/main/boot.ts'],
    ]);
  });

  test("a bare side-effect import of the core's own code fails; a package's does not, nor a shell's", () => {
    const root = tree({
      ...CLEAN,
      'electron/core/modules/alpha/schedule.ts': `export const started = true;\n`,
      'electron/core/modules/alpha/handlers.ts': `import './schedule.js';\nimport 'reflect-metadata';\nexport const h = 1;\n`,
      'electron/cli/commands/polyfill.ts': `import '../../core/entry.js';\nexport const p = 1;\n`,
    });
    expect(checkArchitecture(root).map((x) => [x.rule, x.file, x.message.slice(0, 24)])).toEqual([
      ['side-effect-import', 'electron/core/modules/alpha/handlers.ts', "import './schedule.js' r"],
    ]);
  });

  test('cycle finder: a self-import and a three-file ring are cycles, a diamond is not', () => {
    const g = new Map<string, string[]>([
      ['a', ['b', 'c']],
      ['b', ['d']],
      ['c', ['d']],
      ['d', []],
      ['x', ['y']],
      ['y', ['z']],
      ['z', ['x']],
      ['s', ['s']],
    ]);
    expect(findCycles(g)).toEqual([['s'], ['x', 'y', 'z']]);
  });
});
