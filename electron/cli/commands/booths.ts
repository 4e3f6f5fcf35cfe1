import fs from 'node:fs';
import { createCore, type Core } from '@core/entry.js';
import type { Booth, BoothCreate } from '@shared/model/booth.js';
import { copiesLeft } from '@shared/model/paper.js';
import { cliLogger } from '../log.js';
import { resolveDbPath } from '../paths.js';
import { CliError } from '../errors.js';
import type { Command } from 'commander';

/** Opens the core without schedulers; errors from the core become one-line CLI errors. */
export async function withCore<T>(db: string | undefined, f: (core: Core) => Promise<T>, opts: { mustExist?: boolean } = {}): Promise<T> {
  const dbPath = resolveDbPath(db);
  if (opts.mustExist !== false && !fs.existsSync(dbPath)) throw new CliError(`No database at ${dbPath}`);
  let core: Core;
  try {
    core = createCore({ dbPath, shell: 'headless', log: cliLogger(), services: false });
  } catch (e) {
    throw new CliError(`Cannot open ${dbPath}: ${(e as Error).message}`);
  }
  try {
    return await f(core);
  } catch (e) {
    throw e instanceof CliError ? e : new CliError((e as Error).message);
  } finally {
    core.close();
  }
}

/** "192.168.8.1:9", "router.local:4009", "[fd00::1]:9" or a bare host (port stays as stored / default 9). */
export function parseRouter(raw: string): { host: string; port?: number } {
  const m = /^(?:\[([^\]]+)\]|([^:\s]+))(?::(\d{1,5}))?$/.exec(raw.trim());
  if (!m) throw new CliError(`--router "${raw}" is not ADDRESS:PORT`);
  const port = m[3] === undefined ? undefined : Number(m[3]);
  if (port !== undefined && (port < 1 || port > 65535)) throw new CliError(`--router port ${port} is out of range`);
  return { host: (m[1] ?? m[2])!, port };
}

function num(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new CliError(`${flag} must be a number (got "${raw}")`);
  return n;
}

interface FieldOpts {
  name?: string;
  mac?: string;
  hostname?: string;
  pc?: string;
  tailscale?: string;
  router?: string;
  remaining?: string;
  warning?: string;
  critical?: string;
  capacity?: string;
  strips?: boolean;
  wakeBefore?: string;
}

function fields(o: FieldOpts): Partial<BoothCreate> {
  const r = o.router ? parseRouter(o.router) : undefined;
  const f: Partial<BoothCreate> = {
    name: o.name,
    mac: o.mac,
    hostname: o.hostname,
    pcAddress: o.pc,
    tailscaleAddress: o.tailscale,
    routerAddress: r?.host,
    routerWolPort: r?.port,
    remainingPrints: num('--remaining', o.remaining),
    warningThreshold: num('--warning', o.warning),
    criticalThreshold: num('--critical', o.critical),
    rollCapacity: num('--capacity', o.capacity),
    printsPerCopy: o.strips === undefined ? undefined : o.strips ? 0.5 : 1,
    wakeBeforeEventMin: num('--wake-before', o.wakeBefore),
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
}

function fieldOptions(c: Command): Command {
  return c
    .option('--mac <mac>', 'MAC address (any common notation)')
    .option('--hostname <host>', 'Windows computer name')
    .option('--pc <addr>', 'PC address on the booth LAN')
    .option('--tailscale <addr>', 'PC Tailscale address')
    .option('--router <addr:port>', 'booth router address and the port it forwards to the LAN broadcast')
    .option('--remaining <n>', 'prints left on the roll')
    .option('--warning <n>', 'paper warning threshold (default 350)')
    .option('--critical <n>', 'paper critical threshold (default 275)')
    .option('--capacity <n>', 'prints on a full roll (default 700)')
    .option('--strips', '2x6 strips: each copy uses half a print')
    .option('--no-strips', '6x4 prints: each copy uses one print')
    .option('--wake-before <minutes>', 'wake the booth this many minutes before its events')
    .option('--db <file>', 'SQLite database file');
}

/** Paper left in whole numbers: prints for a 4×6 booth, strips for a 2×6 one (never "512.5 prints"). */
export const paperLeft = (b: Pick<Booth, 'remainingPrints' | 'printsPerCopy'>) =>
  b.printsPerCopy === 0.5 ? `${copiesLeft(b.remainingPrints, 0.5)} strips` : `${Math.floor(b.remainingPrints + 1e-9)} prints`;

const line = (b: Booth) =>
  [b.name.padEnd(16), b.status.padEnd(8), paperLeft(b).padStart(12), b.paperLevel.padEnd(8), b.mac ?? '-', b.pcAddress ?? '-'].join('  ');

export function register(program: Command): void {
  const booths = program.command('booths').description('Booth fleet: list, add, edit, log a paper reload');
  booths
    .command('list')
    .description('List booths with status and paper')
    .option('--json', 'machine-readable output')
    .option('--db <file>', 'SQLite database file')
    .action(async (o: { json?: boolean; db?: string }) =>
      withCore(o.db, async (core) => {
        const list = await core.router.call('booths.list', {});
        process.stdout.write(
          o.json
            ? `${JSON.stringify(list, null, 2)}\n`
            : list.length
              ? `${list.map(line).join('\n')}\n`
              : 'No booths yet (opsdeck booths add --name …)\n',
        );
      }),
    );
  fieldOptions(booths.command('add').description('Add a booth').requiredOption('--name <name>', 'booth name')).action(
    async (o: FieldOpts & { db?: string }) =>
      withCore(
        o.db,
        async (core) => {
          const b = await core.router.call('booths.create', fields(o) as BoothCreate);
          process.stdout.write(`Added ${b.name} (${b.id})\n`);
        },
        { mustExist: false },
      ),
  );
  fieldOptions(
    booths
      .command('edit')
      .description('Change a booth (named by --name)')
      .requiredOption('--name <name>', 'the booth to change')
      .option('--rename <name>', 'new name'),
  ).action(async (o: FieldOpts & { rename?: string; db?: string }) =>
    withCore(o.db, async (core) => {
      const current = (await core.router.call('booths.list', {})).find((b) => b.name.toLowerCase() === o.name!.trim().toLowerCase());
      if (!current) throw new CliError(`No booth "${o.name}"`);
      const patch = { ...fields({ ...o, name: o.rename }), id: current.id };
      const b = await core.router.call('booths.update', patch);
      process.stdout.write(`Updated ${b.name}\n`);
    }),
  );
  booths
    .command('reload <booth>')
    .description("Log a paper reload: remaining prints back to a full roll, the rolls booked out of the paper product's stock (audited)")
    .option('--remaining <n>', 'prints actually on the new roll')
    .option('--rolls <n>', 'rolls taken out of stock (default 1)')
    .option('--from <location>', 'stock location the rolls come from (default: the main warehouse)')
    .option('--pin <pin>', 'operator PIN (required on a booth PC)')
    .option('--db <file>', 'SQLite database file')
    .action(async (booth: string, o: { remaining?: string; rolls?: string; from?: string; pin?: string; db?: string }) =>
      withCore(o.db, async (core) => {
        if (o.pin) {
          const r = await core.router.call('kiosk.unlock', { pin: o.pin });
          if (!r.allowed) throw new CliError('Wrong PIN');
        }
        let fromLocationId: string | undefined;
        if (o.from) {
          const want = o.from.trim().toLowerCase();
          const loc = (await core.router.call('stock.locations.list', {})).find((l) => l.id === o.from || l.name.toLowerCase() === want);
          if (!loc) throw new CliError(`No stock location "${o.from}"`);
          fromLocationId = loc.id;
        }
        const b = await core.router.call('booths.reloadPaper', {
          booth,
          remaining: num('--remaining', o.remaining),
          rolls: num('--rolls', o.rolls),
          fromLocationId,
        });
        const stock = b.booked
          ? ` · ${b.booked.rolls} roll${b.booked.rolls > 1 ? 's' : ''} out of ${b.booked.locationName} (${b.booked.onHandAfter} left there)`
          : ' · no paper product set: nothing booked out of stock';
        process.stdout.write(`${b.name}: ${paperLeft(b)}${stock}\n`);
      }),
    );
}
