import { startOllamaDouble } from '../../dev/ollama-double/server.js';
import { DEMO_RULES } from '../../dev/ollama-double/demo.js';
import { CliError } from '../errors.js';
import { parsePort } from '../options.js';
import type { Command } from 'commander';

/** `opsdeck ollama-dev`: the Ollama double for demos and e2e (scripted answers, not a language model). */
export function register(program: Command): void {
  program
    .command('ollama-dev')
    .description('Run a local Ollama DOUBLE (development only, not Ollama): scripted answers that call OpsDeck tools')
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', '11435')
    .option('--version-string <v>', 'the Ollama version it reports (below 0.12: old "try pulling it first" wording)', '0.12.6')
    .option('--no-embed', 'no embedding model installed (search falls back to full text)')
    .option('--json', 'print one JSON line {"url","models"}')
    .action(async (opts: { port: string; versionString: string; embed: boolean; json?: boolean }) => {
      const port = parsePort(opts.port);
      let d;
      try {
        d = await startOllamaDouble({ port, version: opts.versionString, rules: DEMO_RULES });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new CliError(
          code === 'EADDRINUSE'
            ? `Port ${port} is already in use (try --port 0)`
            : `The Ollama double did not start: ${(e as Error).message}`,
        );
      }
      if (!opts.embed) d.models = d.models.filter((m) => !m.capabilities.includes('embedding'));
      const models = d.models.map((m) => m.name);
      if (opts.json) process.stdout.write(`${JSON.stringify({ url: d.url, models })}\n`);
      else
        process.stdout.write(
          `Ollama DOUBLE (development only, scripted answers) on ${d.url}\nmodels: ${models.join(', ')}\nIn OpsDeck: Assistant → settings, address ${d.url.replace('http://', '')}\n`,
        );
      const stop = async () => {
        await d.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
