import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { CliError } from '../errors.js';
import { parsePort } from '../options.js';
import { projectRoot } from '../paths.js';
import type { Command } from 'commander';

/**
 * `opsdeck hub-dev`: the Supabase DOUBLE from tests/fixtures (PostgREST + GoTrue subset on PGlite
 * with this project's hub migrations), for development and demos. Never a production hub.
 */
export function register(program: Command): void {
  program
    .command('hub-dev')
    .description('Run a local Supabase double (development only) seeded with one user per role and per demo booth')
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', '54321')
    .option('--data <dir>', 'keep the hub database in this folder (default: in memory, gone on exit)')
    .option('--json', 'print one JSON line {"url","anonKey","users":[…]}')
    .action(async (opts: { port: string; data?: string; json?: boolean }) => {
      const port = parsePort(opts.port);
      const doubleFile = path.join(projectRoot(), 'tests', 'fixtures', 'hub-double', 'server.ts');
      if (!fs.existsSync(doubleFile)) throw new CliError('hub-dev needs a development checkout (tests/fixtures is not installed)');
      let jwtSecret: string | undefined;
      if (opts.data) {
        const dir = path.resolve(opts.data);
        fs.mkdirSync(dir, { recursive: true });
        const secretFile = path.join(dir, 'jwt-secret');
        if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
        jwtSecret = fs.readFileSync(secretFile, 'utf8').trim();
      }
      // The double is TypeScript in tests/fixtures: from the bundled CLI, load tsx for it first.
      if (!import.meta.url.endsWith('.ts')) (await import('tsx/esm/api')).register();
      const { startHubDouble } = (await import(
        pathToFileURL(doubleFile).href
      )) as typeof import('../../../tests/fixtures/hub-double/server.js');
      const { DEMO_HUB_USERS } = (await import(
        pathToFileURL(path.join(path.dirname(doubleFile), 'users.ts')).href
      )) as typeof import('../../../tests/fixtures/hub-double/users.js');
      let hub;
      try {
        hub = await startHubDouble({
          port,
          dataDir: opts.data ? path.join(path.resolve(opts.data), 'pg') : undefined,
          users: DEMO_HUB_USERS,
          jwtSecret,
        });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new CliError(
          code === 'EADDRINUSE' ? `Port ${port} is already in use (try --port 0)` : `The hub double did not start: ${(e as Error).message}`,
        );
      }
      const users = DEMO_HUB_USERS.map((u) => ({
        email: u.email,
        password: u.password,
        role: u.role,
        ...(u.boothId ? { boothId: u.boothId } : {}),
      }));
      if (opts.json) process.stdout.write(`${JSON.stringify({ url: hub.url, anonKey: hub.anonKey, users })}\n`);
      else {
        process.stdout.write(`Supabase DOUBLE (development only) on ${hub.url}\nanon key: ${hub.anonKey}\nusers:\n`);
        for (const u of users)
          process.stdout.write(`  ${u.role.padEnd(9)} ${u.email}  ${u.password}${u.boothId ? `  booth ${u.boothId}` : ''}\n`);
      }
      const stop = async () => {
        await hub.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
