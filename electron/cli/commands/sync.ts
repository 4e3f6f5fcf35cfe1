import fs from 'node:fs';
import type { Command } from 'commander';
import { createCore } from '../../core/entry.js';
import { CliError } from '../errors.js';
import { resolveDbPath } from '../paths.js';
import { cliLogger } from '../log.js';

/** `opsdeck sync`: one full round for headless agents and scripts; JSON summary on stdout. */
export function register(program: Command): void {
  program
    .command('sync')
    .description('Run one sync round with the hub and print a JSON summary (exit code 1 when it fails)')
    .option('--db <file>', 'SQLite database file')
    .option('--hub <url>', 'hub URL (saved for later rounds)')
    .option('--key <anonKey>', 'the hub anon key (saved with the URL)')
    .option('--email <email>', 'sign in as this hub user (session kept encrypted in the data folder)')
    .option('--password <password>', 'password for --email (or set OPSDECK_HUB_PASSWORD)')
    .action(async (opts: { db?: string; hub?: string; key?: string; email?: string; password?: string }) => {
      const dbPath = resolveDbPath(opts.db);
      if (!fs.existsSync(dbPath)) throw new CliError(`No database at ${dbPath}`);
      if (Boolean(opts.hub) !== Boolean(opts.key)) throw new CliError('--hub and --key go together');
      const password = opts.password ?? process.env.OPSDECK_HUB_PASSWORD;
      if (opts.email && !password) throw new CliError('--email needs --password (or OPSDECK_HUB_PASSWORD)');
      const core = createCore({ dbPath, shell: 'headless', log: cliLogger(), services: false });
      try {
        const call = async <T>(p: Promise<T>): Promise<T> => {
          try {
            return await p;
          } catch (e) {
            throw new CliError((e as Error).message);
          }
        };
        if (opts.hub && opts.key) {
          const current = await call(core.router.call('sync.status', {}));
          await call(core.router.call('sync.configure', { hubUrl: opts.hub, anonKey: opts.key, intervalMinutes: current.intervalMinutes, enabled: current.enabled }));
        }
        if (opts.email) await call(core.router.call('sync.signIn', { email: opts.email, password: password! }));
        const s = await call(core.router.call('sync.now', {}));
        process.stdout.write(
          `${JSON.stringify({ ok: s.ok, pushed: s.pushed, pulled: s.pulled, conflicts: s.conflicts, deadLetters: s.deadLetters, pending: s.pending, error: s.error, durationMs: s.finishedAt - s.startedAt })}\n`,
        );
        if (!s.ok) throw new CliError(`sync failed: ${s.error?.message ?? 'unknown error'}`, s.error?.kind === 'auth' ? 3 : 1);
      } finally {
        core.close();
      }
    });
}
