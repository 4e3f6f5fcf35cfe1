#!/usr/bin/env node
/**
 * Hand mutation run: applies each mutation of list.mjs ONE AT A TIME to a temporary copy of this
 * tree (tracked and untracked-but-not-ignored files, node_modules linked), runs that mutation's
 * test files there and reports killed (a test failed) or survived (all passed). The working tree
 * is never written, so Ctrl-C or a crash cannot leave a mutant behind; the copy is removed on exit.
 *
 *   npm run mutate:hand                 every mutation
 *   npm run mutate:hand -- 4 H3         only the ids starting with "4" or "H3"
 *   npm run mutate:hand -- --keep       keep the copy (its path is printed) to inspect a mutant
 *
 * Before the mutants, the test files are run unmutated on the copy: a failure there aborts the
 * run (a kill must come from the mutation, not from a test that fails anyway). Exit code: 0 when
 * every mutant is killed, 1 when one survived or one is stale (its `find` text is not in the code,
 * or a later migration redefines what it mutates: see `defines`).
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MUTATIONS } from './list.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const only = args.filter((a) => !a.startsWith('--'));
const chosen = MUTATIONS.filter((m) => only.length === 0 || only.some((o) => m.id.startsWith(o)));
if (chosen.length === 0) {
  console.error(`No mutation matches ${only.join(', ')}. Ids: ${MUTATIONS.map((m) => m.id).join(', ')}`);
  process.exit(2);
}

const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-mutate-'));
let child = null;
function cleanup() {
  if (child && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  if (!keep) fs.rmSync(copy, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping; the working tree was never modified.`);
    process.exit(130);
  });
}

// The copy: what git would commit now (tracked + new files), without ignored build output.
const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((f) => f && fs.existsSync(path.join(root, f)));
for (const f of files) {
  fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
  fs.copyFileSync(path.join(root, f), path.join(copy, f));
}
fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
console.log(`Copy of the tree: ${copy} (${files.length} files)${keep ? ' — kept' : ''}`);

function runTests(testFiles, timeoutMs) {
  const report = path.join(copy, '.mutate-report.json');
  fs.rmSync(report, { force: true });
  return new Promise((resolve) => {
    const started = Date.now();
    child = spawn('npx', ['vitest', 'run', '--reporter=json', `--outputFile=${report}`, ...testFiles], {
      cwd: copy,
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const seconds = (Date.now() - started) / 1000;
      let failed = [];
      let total = 0;
      try {
        const r = JSON.parse(fs.readFileSync(report, 'utf8'));
        total = r.numTotalTests;
        for (const f of r.testResults)
          for (const t of f.assertionResults) if (t.status === 'failed') failed.push(`${path.basename(f.name)} › ${t.fullName}`);
      } catch {
        /* no report: crashed or timed out */
      }
      resolve({ code, signal, seconds, failed, total, timedOut: signal === 'SIGKILL', stderr });
    });
  });
}

const allTests = [...new Set(chosen.flatMap((m) => m.tests))];
console.log(`Baseline: ${allTests.length} test file(s) unmutated…`);
const base = await runTests(allTests, 600_000);
if (base.code !== 0) {
  console.error(
    `Baseline failed (${base.failed.length} failing test(s)); fix the tests before judging mutants:\n  ${base.failed.join('\n  ') || base.stderr}`,
  );
  process.exit(1);
}
console.log(`Baseline green: ${base.total} tests in ${base.seconds.toFixed(0)} s\n`);

/**
 * A SQL mutation's `defines` (a RegExp matching every (re)definition of the function, policy or
 * trigger it changes): the mutated migration must define it, and no later migration of the same
 * folder may define it again — otherwise the mutant sits in dead code and "survives" for nothing
 * (how 5, H2, H3 and H4 went stale when opsdeck_push and the ledger policies were redefined).
 */
function superseded(m) {
  if (!m.defines) return null;
  const dir = path.dirname(m.file);
  const own = fs.readFileSync(path.join(copy, m.file), 'utf8');
  if (!m.defines.test(own)) return `${m.file} does not define ${m.defines}`;
  const later = fs
    .readdirSync(path.join(copy, dir))
    .filter((f) => f.endsWith('.sql') && f > path.basename(m.file))
    .sort()
    .filter((f) => m.defines.test(fs.readFileSync(path.join(copy, dir, f), 'utf8')));
  return later.length ? `redefined later in ${later.join(', ')}` : null;
}

const results = [];
for (const m of chosen) {
  const target = path.join(copy, m.file);
  const original = fs.readFileSync(target, 'utf8');
  const hits = m.find instanceof RegExp ? [...original.matchAll(new RegExp(m.find.source, 'g'))].length : original.split(m.find).length - 1;
  const stale = hits !== 1 ? `find text occurs ${hits} times in ${m.file}` : superseded(m);
  if (stale) {
    results.push({ m, status: 'STALE', detail: stale });
    console.log(`STALE     ${m.id}: ${stale} — update scripts/mutations/list.mjs`);
    continue;
  }
  // A string `replace` is inserted literally for a string `find` (no $-patterns), as a pattern for a RegExp.
  fs.writeFileSync(target, m.find instanceof RegExp ? original.replace(m.find, m.replace) : original.replace(m.find, () => m.replace));
  try {
    const r = await runTests(m.tests, m.timeoutMs ?? 300_000);
    const status = r.code === 0 ? 'SURVIVED' : 'KILLED';
    const detail = r.timedOut
      ? 'timed out (a hang counts as killed)'
      : r.failed.length
        ? `${r.failed.length} failing: ${r.failed.slice(0, 3).join(' | ')}`
        : r.code === 0
          ? `${r.total} tests passed`
          : `exit ${r.code}: ${r.stderr.split('\n').filter(Boolean).slice(-3).join(' / ')}`;
    results.push({ m, status, detail, seconds: r.seconds });
    console.log(`${status.padEnd(9)} ${m.id} (${r.seconds.toFixed(0)} s): ${m.what}\n          ${detail}`);
  } finally {
    fs.writeFileSync(target, original);
  }
}

const count = (s) => results.filter((r) => r.status === s).length;
console.log(`\n${count('KILLED')} killed, ${count('SURVIVED')} survived, ${count('STALE')} stale, of ${results.length}.`);
for (const r of results.filter((x) => x.status !== 'KILLED')) console.log(`  ${r.status}: ${r.m.id} — ${r.m.what}`);
process.exit(count('SURVIVED') + count('STALE') === 0 ? 0 : 1);
