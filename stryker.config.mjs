// StrykerJS on the modules where a wrong line costs stock, money or data. Run it through
// `npm run mutate -- <module>` (scripts/mutations/stryker.mjs), one module at a time: the module
// (STRYKER_MODULE) picks the files to mutate and the only test files to run.
import fs from 'node:fs';
import { STRYKER_MODULES } from './scripts/mutations/modules.mjs';

const name = process.env.STRYKER_MODULE;
const known = STRYKER_MODULES[name];
if (!known) throw new Error(`STRYKER_MODULE must be one of: ${Object.keys(STRYKER_MODULES).join(', ')}`);
// STRYKER_MUTATE (from `--mutate=`) narrows the module's files for one run.
const mod = process.env.STRYKER_MUTATE ? { ...known, mutate: process.env.STRYKER_MUTATE.split(',') } : known;

// The TypeScript checker type-checks the mutated files and what they import, not the whole tree
// (git-ignored, rewritten for each module).
const tsconfigFile = `scripts/mutations/.tsconfig.${name}.json`;
fs.writeFileSync(
  tsconfigFile,
  JSON.stringify(
    {
      extends: './tsconfig.stryker.json',
      // A mutate entry may carry a line range (file.ts:24-46): the checker wants the file.
      include: [...new Set(mod.mutate.filter((g) => !g.startsWith('!')).map((g) => `../../${g.replace(/:\d+(:\d+)?-\d+(:\d+)?$/, '')}`))],
    },
    null,
    2,
  ) + '\n',
);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'scripts/mutations/vitest.stryker.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile,
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: mod.mutate,
  // The machine is shared: one test process and one checker.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  timeoutMS: 30_000,
  timeoutFactor: 2,
  ignoreStatic: true,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `reports/mutation/${name}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${name}/mutation.json` },
  tempDirName: '.stryker-tmp',
  // Anchored (gitignore syntax): an unanchored 'reports' also left electron/core/modules/reports/
  // out of the sandbox, and every test that builds a core failed to import it ("No tests were found").
  ignorePatterns: ['/scripts/mutations/ts5', '/reports', '/dist', '/dist-electron', '/dist-cli', '/renderer/dist', '/release'],
  cleanTempDir: 'always',
  // `npm run mutate -- --incremental <module>`: start from the module's last report (copied to
  // incremental.json by scripts/mutations/stryker.mjs): only mutants whose code or covering tests
  // changed run again (a survivor is retried when a new test covers it).
  incremental: process.env.STRYKER_INCREMENTAL === '1',
  incrementalFile: `reports/mutation/${name}/incremental.json`,
  thresholds: { high: 90, low: 80, break: null },
};
