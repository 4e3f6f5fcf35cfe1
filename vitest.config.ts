import { defineConfig } from 'vitest/config';
import { aliasMap } from './scripts/aliases.mjs';

export default defineConfig({
  resolve: { alias: aliasMap() },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    // Tests never reach the internet: booth agents skip the built-in public speed-test target
    // (a test that wants speed tests configures a local one). Inherited by the CLIs tests spawn.
    env: { OPSDECK_NO_DEFAULT_SPEEDTEST: '1' },
    hookTimeout: 120_000,
    // expect.poll's own default is 1 s. After a reload, a navigation or a click, a screen's data
    // comes from the core over HTTP: on CI (2 cores, load 6–15, files running in parallel) that
    // takes longer than 1 s, and a poll that waits for it must not give up first. Only a failing
    // poll waits this long.
    expect: { poll: { timeout: 15_000 } },
    // End-to-end files start servers and a browser; keep them from fighting over the 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
