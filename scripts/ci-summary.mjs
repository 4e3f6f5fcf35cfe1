// Prints the one plain summary line CI reads ("N passed, N failed") from vitest's JSON report,
// and exits non-zero when the run failed or reported nothing.
import fs from 'node:fs';

const [file, statusArg] = process.argv.slice(2);
const status = Number(statusArg ?? 1);
if (!file || !fs.existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`No test report at ${file}: the test run did not complete (exit ${status}).`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const passed = report.numPassedTests ?? 0;
// A file that fails to load has no failing test of its own; count it so the line never hides it.
let failed = (report.numFailedTests ?? 0) || (report.numFailedTestSuites ?? 0);
// Unhandled errors fail the run without failing a test; count the run itself so the line says so.
if (status !== 0 && failed === 0) {
  failed = 1;
  console.error('The test run exited non-zero without a failing test (unhandled errors: see above).');
}
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (status !== 0 || failed > 0 || passed === 0 || report.success === false) process.exit(status || 1);
