import { defineConfig } from 'vitest/config';
import { aliasMap } from './scripts/aliases.mjs';

export default defineConfig({
  resolve: { alias: aliasMap() },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // End-to-end files start servers and a browser; keep them from fighting over the 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
