import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

/**
 * The project's vitest config, limited to one Stryker module's test files (STRYKER_TESTS, comma
 * separated, set by scripts/mutations/stryker.mjs): a mutation run never runs the whole suite.
 * (`include` is replaced, not merged: mergeConfig would append to the project's include.)
 */
const tests = (process.env.STRYKER_TESTS ?? '').split(',').filter(Boolean);
if (tests.length === 0) throw new Error('STRYKER_TESTS is empty: run Stryker through `npm run mutate -- <module>`');

export default defineConfig({ ...base, test: { ...base.test, include: tests, maxWorkers: 1 } });
