#!/usr/bin/env node
// The project's own install step (npm runs `prepare` after `npm ci` / `npm install` in a clone):
// bundles the `opsdeck` CLI so it starts without compiling TypeScript at run time. Without the
// build tools (an install that omitted devDependencies) it says so and the CLI runs from sources.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
let buildCli;
try {
  ({ buildCli } = await import('./build-cli.mjs'));
} catch (e) {
  process.stderr.write(
    `opsdeck prepare: CLI bundle skipped (${e instanceof Error ? e.message.split('\n')[0] : e}); the CLI will run from sources\n`,
  );
  process.exit(0);
}
const dir = await buildCli();
process.stdout.write(`opsdeck prepare: CLI bundled into ${path.relative(path.dirname(here), dir)}/\n`);
