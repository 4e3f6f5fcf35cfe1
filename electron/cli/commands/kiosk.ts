import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { createCore } from '@core/entry.js';
import { CliError } from '../errors.js';
import { resolveDbPath } from '../paths.js';
import { cliLogger } from '../log.js';
import { readSecret, refuseArgvSecret } from '../secretInput.js';

/** `opsdeck kiosk set-pin | status`: the booth's operator PIN (booth mode needs one). */
export function register(program: Command): void {
  const kiosk = program.command('kiosk').description('The kiosk PIN of this device (booth mode needs one)');
  kiosk
    .command('set-pin')
    .description('Set the kiosk PIN (4 to 12 digits) from OPSDECK_KIOSK_PIN or a prompt, never from the command line; audited')
    .option('--db <file>', 'SQLite database file')
    .addOption(new Option('--pin <pin>').hideHelp())
    .action(async (opts: { db?: string; pin?: string }) => {
      if (opts.pin !== undefined) refuseArgvSecret('--pin', 'OPSDECK_KIOSK_PIN');
      const dbPath = resolveDbPath(opts.db);
      if (!fs.existsSync(dbPath)) throw new CliError(`No database at ${dbPath}`);
      const pin = await readSecret({
        envVar: 'OPSDECK_KIOSK_PIN',
        prompt: 'New kiosk PIN (4 to 12 digits): ',
        what: 'set-pin needs the PIN',
      });
      if (!process.env.OPSDECK_KIOSK_PIN) {
        const again = await readSecret({
          envVar: 'OPSDECK_KIOSK_PIN_CONFIRM',
          prompt: 'The same PIN again: ',
          what: 'set-pin needs the PIN twice',
        });
        if (again !== pin) throw new CliError('The two PINs differ; nothing was changed');
      }
      const core = createCore({ dbPath, shell: 'headless', log: cliLogger(), services: false });
      try {
        await core.router.call('kiosk.setPin', { pin });
      } catch (e) {
        throw new CliError((e as Error).message);
      } finally {
        core.close();
      }
      process.stdout.write('Kiosk PIN set (audited as kiosk.setPin); the failure count is reset.\n');
    });
  kiosk
    .command('status')
    .description('Whether a PIN is set, failed attempts and lock')
    .option('--db <file>', 'SQLite database file')
    .option('--json', 'print JSON')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const dbPath = resolveDbPath(opts.db);
      if (!fs.existsSync(dbPath)) throw new CliError(`No database at ${dbPath}`);
      const core = createCore({ dbPath, shell: 'headless', log: cliLogger(), services: false });
      try {
        const s = await core.router.call('kiosk.status', {});
        process.stdout.write(
          opts.json
            ? `${JSON.stringify(s)}\n`
            : `PIN: ${s.pinSet ? 'set' : 'NOT SET (booth mode refused until it is)'}\nFailed attempts: ${s.failedAttempts}${s.lockedUntil ? `\nLocked until: ${new Date(s.lockedUntil).toISOString()}` : ''}\n`,
        );
      } finally {
        core.close();
      }
    });
}
