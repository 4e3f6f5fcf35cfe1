import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { createCore } from '../../core/entry.js';
import { startBridge } from '../../bridge/server.js';
import { CliError } from '../errors.js';
import { parsePort } from '../options.js';
import { rendererDist, resolveDbPath } from '../paths.js';
import { cliLogger } from '../log.js';

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
      if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
        throw new CliError('The app is not built yet: run `npm run build:renderer` first');
      }
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
