#!/usr/bin/env node
/**
 * `npm run mutate [-- <module> …]`: StrykerJS, one module after the other (never in parallel:
 * the machine is shared), each mutating only its files and running only its test files (see
 * modules.mjs). HTML report per module in reports/mutation/<module>/index.html (git-ignored);
 * a summary (score, counts, run time) in reports/mutation/summary.json and on stdout.
 * STRYKER_CONCURRENCY=2 to use two test processes.
 * --incremental: start from the module's last report; only mutants whose code or covering tests
 * changed are tested again (how the "after" scores were measured after adding tests).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { STRYKER_MODULES } from './modules.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// --tests=a.test.ts,b.test.ts replaces the module's test files (to measure a "before" score).
const testsOverride = process.argv
  .find((a) => a.startsWith('--tests='))
  ?.slice('--tests='.length)
  .split(',')
  .filter(Boolean);
const incremental = process.argv.includes('--incremental');
// --mutate=file.ts:10-20,other.ts replaces the module's files (e.g. only the lines of the mutants a
// first run left undetected); the run is kept in the summary as "<module>:lines", apart.
const mutateOverride = process.argv
  .find((a) => a.startsWith('--mutate='))
  ?.slice('--mutate='.length)
  .split(',')
  .filter(Boolean);
const asked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = asked.filter((m) => !(m in STRYKER_MODULES));
if (unknown.length) {
  console.error(`Unknown module(s): ${unknown.join(', ')}. Modules: ${Object.keys(STRYKER_MODULES).join(', ')}`);
  process.exit(2);
}
const modules = asked.length ? asked : Object.keys(STRYKER_MODULES);
const hook = pathToFileURL(path.join(root, 'scripts/mutations/ts5-for-stryker.mjs')).href;

let child = null;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (child) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    process.exit(130);
  });
}

/** Stryker's mutation score: detected / valid mutants (compile errors and ignored ones excluded). */
function score(file) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const c = {};
  for (const f of Object.values(report.files)) for (const m of f.mutants) c[m.status] = (c[m.status] ?? 0) + 1;
  const detected = (c.Killed ?? 0) + (c.Timeout ?? 0);
  const undetected = (c.Survived ?? 0) + (c.NoCoverage ?? 0);
  return { score: detected + undetected ? Math.round((1000 * detected) / (detected + undetected)) / 10 : null, counts: c };
}

// TypeScript 5 for Stryker itself, in its own folder (see ts5-for-stryker.mjs), installed once from its lock file.
if (!fs.existsSync(path.join(root, 'scripts/mutations/ts5/node_modules/typescript/package.json'))) {
  const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: path.join(root, 'scripts/mutations/ts5'),
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const summaryFile = path.join(root, 'reports/mutation/summary.json');
const summary = fs.existsSync(summaryFile) ? JSON.parse(fs.readFileSync(summaryFile, 'utf8')) : {};
let failed = false;
for (const name of modules) {
  const mod = {
    ...STRYKER_MODULES[name],
    ...(testsOverride ? { tests: testsOverride } : {}),
    ...(mutateOverride ? { mutate: mutateOverride } : {}),
  };
  const key = mutateOverride ? `${name}:lines` : name;
  console.log(`\n=== ${name}: ${mod.mutate.join(' ')}\n    tests: ${mod.tests.join(' ')}`);
  const last = path.join(root, `reports/mutation/${name}/mutation.json`);
  if (incremental && fs.existsSync(last)) fs.copyFileSync(last, path.join(root, `reports/mutation/${name}/incremental.json`));
  const started = Date.now();
  const code = await new Promise((resolve) => {
    child = spawn('npx', ['stryker', 'run', 'stryker.config.mjs'], {
      cwd: root,
      stdio: 'inherit',
      detached: true,
      env: {
        ...process.env,
        STRYKER_MODULE: name,
        ...(mutateOverride ? { STRYKER_MUTATE: mutateOverride.join(',') } : {}),
        STRYKER_TESTS: mod.tests.join(','),
        STRYKER_INCREMENTAL: incremental ? '1' : '0',
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}`.trim(),
      },
    });
    child.on('exit', (c) => resolve(c ?? 1));
  });
  child = null;
  const seconds = Math.round((Date.now() - started) / 1000);
  const file = path.join(root, `reports/mutation/${name}/mutation.json`);
  if (code !== 0 || !fs.existsSync(file)) {
    console.error(`${name}: Stryker exited with ${code} after ${seconds} s`);
    failed = true;
    continue;
  }
  const s = score(file);
  const run = {
    ...s,
    seconds,
    at: new Date().toISOString(),
    tests: mod.tests,
    mutate: mod.mutate,
    ...(incremental ? { incremental: true } : {}),
  };
  summary[key] = { ...run, history: [...(summary[key]?.history ?? (summary[key] ? [summary[key]] : [])), run] };
  console.log(`${key}: score ${s.score} % in ${seconds} s — ${JSON.stringify(s.counts)}`);
}
fs.mkdirSync(path.dirname(summaryFile), { recursive: true });
fs.writeFileSync(summaryFile, JSON.stringify(summary, null, 2) + '\n');
console.log('\nmodule'.padEnd(22) + 'score  time');
for (const [n, s] of Object.entries(summary)) {
  const first = s.history?.[0];
  const before = first && s.history.length > 1 ? ` (first run ${first.score} %)` : '';
  console.log(`${n.padEnd(21)} ${String(s.score).padStart(5)} % ${String(s.seconds).padStart(5)} s${before}`);
}
process.exit(failed ? 1 : 0);
