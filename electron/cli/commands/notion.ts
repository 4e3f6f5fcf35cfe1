import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '@core/entry.js';
import { fileSecretStore, type SecretStore } from '@core/ports/secrets.js';
import { notionService, TOKEN_SECRET } from '@core/modules/notion/index.js';
import { startNotionDouble } from '../../dev/notion-double/server.js';
import { DEMO_IDS } from '../../dev/notion-double/seed.js';
import { CliError } from '../errors.js';
import { parsePort } from '../options.js';
import { resolveDbPath } from '../paths.js';
import { cliLogger } from '../log.js';
import type { Command } from 'commander';

/** The stored secrets, with OPSDECK_NOTION_TOKEN (when set) in place of the stored token, never written. */
function secretsWithEnvToken(dir: string): SecretStore {
  const base = fileSecretStore(dir);
  const env = process.env.OPSDECK_NOTION_TOKEN?.trim();
  if (!env) return base;
  return { ...base, get: (name) => (name === TOKEN_SECRET ? env : base.get(name)) };
}

/** `opsdeck notion sync` (one import + write-back round) and `opsdeck notion-dev` (the Notion double). */
export function register(program: Command): void {
  const notion = program.command('notion').description('Notion import and write-back');
  notion
    .command('sync')
    .description(
      'Run one Notion import + write-back round with the mapping saved in Settings → Notion; prints a JSON summary (exit code 1 on failure)',
    )
    .option('--db <file>', 'SQLite database file')
    .option('--base-url <url>', 'Notion API address (saved; default https://api.notion.com)')
    .action(async (opts: { db?: string; baseUrl?: string }) => {
      const dbPath = resolveDbPath(opts.db);
      if (!fs.existsSync(dbPath)) throw new CliError(`No database at ${dbPath}`);
      const core = createCore({
        dbPath,
        shell: 'headless',
        log: cliLogger(),
        services: false,
        secrets: secretsWithEnvToken(path.join(path.dirname(dbPath), 'secrets')),
      });
      try {
        const svc = notionService(core.ctx);
        if (opts.baseUrl) {
          try {
            svc.setBaseUrl(opts.baseUrl);
          } catch (e) {
            throw new CliError((e as Error).message);
          }
        }
        if (!core.ctx.secrets.get(TOKEN_SECRET))
          throw new CliError('No Notion token: set OPSDECK_NOTION_TOKEN or connect Notion in Settings → Notion');
        if (!svc.status().sources.length)
          throw new CliError('No Notion data source is mapped yet: map events, products or services in Settings → Notion');
        const run = await svc.syncNow('cli');
        process.stdout.write(
          `${JSON.stringify({ ok: run.ok, ...run.counts, written: run.written, requests: run.requests, durationMs: (run.finishedAt ?? run.startedAt) - run.startedAt, error: run.error })}\n`,
        );
        if (!run.ok) throw new CliError(`Notion sync failed: ${run.error ?? 'unknown error'}`, run.error?.startsWith('auth') ? 3 : 1);
      } finally {
        core.close();
      }
    });

  program
    .command('notion-dev')
    .description(
      'Run a local Notion DOUBLE (development only, not Notion) seeded with the demo business: events, booths, products, services',
    )
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', '54330')
    .option('--json', 'print one JSON line {"url","token","dataSources":{…}}')
    .action(async (opts: { port: string; json?: boolean }) => {
      const port = parsePort(opts.port);
      let d;
      try {
        d = await startNotionDouble({ port, seed: 'demo' });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new CliError(
          code === 'EADDRINUSE'
            ? `Port ${port} is already in use (try --port 0)`
            : `The Notion double did not start: ${(e as Error).message}`,
        );
      }
      const token = 'ntn_dev_double_token_0000';
      const dataSources = { events: DEMO_IDS.events, products: DEMO_IDS.products, services: DEMO_IDS.services, booths: DEMO_IDS.booths };
      if (opts.json) process.stdout.write(`${JSON.stringify({ url: d.url, token, dataSources })}\n`);
      else {
        process.stdout.write(
          `Notion DOUBLE (development only) on ${d.url}\ntoken: ${token} (any ntn_… token is accepted)\ndata sources: Photomatons (events), Produits, Services, Bornes\n`,
        );
      }
      const stop = async () => {
        await d.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
