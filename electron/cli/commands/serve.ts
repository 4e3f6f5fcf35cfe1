import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createCore } from '@core/entry.js';
import { projectRoot, rendererDist, resolveDbPath } from '../paths.js';
import { parsePort } from '../options.js';
import { CliError } from '../errors.js';
import { startBridge } from '../../bridge/server.js';
import { cliLogger } from '../log.js';
import type { Command } from 'commander';

/**
 * First `opsdeck serve` of a fresh clone: the screens are not built yet, so build them now (Vite,
 * about half a minute) rather than stop. An install without the build tools gets the one command.
 */
async function buildRendererOnce(): Promise<void> {
  const root = projectRoot();
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(vite))
    throw new CliError('The app is not built yet and Vite is not installed: run `npm ci` then `npm run build:renderer`');
  process.stdout.write('First start: building the app screens (once, about half a minute)…\n');
  const code = await new Promise<number>((resolve) => {
    const p = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('exit', (c) => resolve(c ?? 1));
    p.on('error', () => resolve(1));
  });
  if (code !== 0 || !fs.existsSync(path.join(rendererDist(), 'index.html')))
    throw new CliError('Building the app screens failed (see above); try `npm run build:renderer`');
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('Run the core with the localhost bridge and serve the app to a browser (127.0.0.1 only)')
    .option('--db <file>', 'SQLite database file (created when missing)')
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', '5180')
    .option('--origin <url...>', 'extra allowed Origin (e.g. the Vite dev server)')
    .action(async (opts: { db?: string; port: string; origin?: string[] }) => {
      const port = parsePort(opts.port);
      const staticDir = rendererDist();
      if (!fs.existsSync(path.join(staticDir, 'index.html'))) await buildRendererOnce();
      const dbPath = resolveDbPath(opts.db);
      let core;
      try {
        core = createCore({ dbPath, shell: 'browser', log: cliLogger() });
      } catch (e) {
        throw new CliError(`Cannot open ${dbPath}: ${(e as Error).message}`);
      }
      let bridge;
      try {
        bridge = await startBridge({ core, port, staticDir, extraOrigins: opts.origin });
      } catch (e) {
        core.close();
        const code = (e as NodeJS.ErrnoException).code;
        throw new CliError(code === 'EADDRINUSE' ? `Port ${port} is already in use (try --port 0)` : (e as Error).message);
      }
      process.stdout.write(`OpsDeck is running on this computer only.\nDatabase: ${dbPath}\nOpen: ${bridge.appUrl}\n`);
      const stop = async () => {
        await bridge.close();
        core.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
