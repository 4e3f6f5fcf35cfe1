import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../core/version.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerDemo } from './commands/demo.js';
import { register as registerBackup } from './commands/backup.js';
import { register as registerHubDev } from './commands/hub-dev.js';
import { register as registerSync } from './commands/sync.js';
import { register as registerFleet } from './commands/fleet.js';
import { register as registerForecast } from './commands/forecast.js';
import { register as registerImport } from './commands/import.js';
import { register as registerExport } from './commands/export.js';
import { register as registerNotion } from './commands/notion.js';
import { register as registerLocations } from './commands/locations.js';
import { register as registerKiosk } from './commands/kiosk.js';
import { register as registerOllamaDev } from './commands/ollama-dev.js';

/** `opsdeck` — every sub-command registers itself here, one line each. */
export function buildProgram(): Command {
  const program = new Command('opsdeck')
    .description('OpsDeck — operations console for photo-booth rental and retail')
    .version(APP_VERSION, '-v, --version')
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerDemo(program);
  registerBackup(program);
  registerHubDev(program);
  registerSync(program);
  registerFleet(program);
  registerForecast(program);
  registerImport(program);
  registerExport(program);
  registerNotion(program);
  registerLocations(program);
  registerKiosk(program);
  registerOllamaDev(program);
  return program;
}

/** Prints a clear message and exits ≠ 0 on any failure (commands throw CliError or anything else). */
export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') process.exit(0);
      process.exit(e.exitCode || 2);
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`opsdeck: ${msg}\n`);
    process.exit(typeof (e as { exitCode?: number }).exitCode === 'number' ? (e as { exitCode: number }).exitCode : 1);
  }
}
