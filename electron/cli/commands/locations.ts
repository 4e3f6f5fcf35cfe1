import type { Core } from '@core/entry.js';
import type { Location } from '@shared/model/stock.js';
import { CliError } from '../errors.js';
import { withCore } from './booths.js';
import type { Command } from 'commander';

const KINDS = ['warehouse', 'van'] as const;

function kindOf(raw: string | undefined): 'warehouse' | 'van' | undefined {
  if (raw === undefined) return undefined;
  const k = raw.trim().toLowerCase();
  if (!(KINDS as readonly string[]).includes(k))
    throw new CliError(`--kind "${raw}": use warehouse or van (a booth's stock comes with the booth: opsdeck booths add)`, 2);
  return k as 'warehouse' | 'van';
}

const fmt = (n: number) => String(Math.round(n * 1000) / 1000);
const line = (l: Location) =>
  [
    l.name.padEnd(24),
    l.kind.padEnd(9),
    (l.active ? 'active' : 'archived').padEnd(8),
    `${fmt(l.onHand)} unit(s)`.padStart(16),
    `${l.products} product(s)`,
  ].join('  ');

async function byName(core: Core, name: string): Promise<Location> {
  const want = name.trim().toLowerCase();
  const l = (await core.router.call('stock.locations.list', {})).find((x) => x.name.toLowerCase() === want);
  if (!l) throw new CliError(`No location "${name}" (opsdeck locations list)`);
  return l;
}

/** `opsdeck locations list|add|edit|archive`: warehouses and vans (booths bring their own). */
export function register(program: Command): void {
  const locations = program.command('locations').description('Stock locations: warehouses, vans and booths (list, add, edit, archive)');
  locations
    .command('list')
    .description('Every location with its kind, state and the stock it holds')
    .option('--json', 'machine-readable output')
    .option('--db <file>', 'SQLite database file')
    .action(async (o: { json?: boolean; db?: string }) =>
      withCore(o.db, async (core) => {
        const list = await core.router.call('stock.locations.list', {});
        process.stdout.write(
          o.json
            ? `${JSON.stringify(list, null, 2)}\n`
            : list.length
              ? `${list.map(line).join('\n')}\n`
              : 'No locations yet (opsdeck locations add --name …)\n',
        );
      }),
    );
  locations
    .command('add')
    .description('Add a warehouse or a van')
    .requiredOption('--name <name>', 'location name, as CSV files spell it')
    .option('--kind <kind>', 'warehouse or van', 'warehouse')
    .option('--db <file>', 'SQLite database file')
    .action(async (o: { name: string; kind: string; db?: string }) =>
      withCore(
        o.db,
        async (core) => {
          const l = await core.router.call('stock.locations.create', { name: o.name, kind: kindOf(o.kind)! });
          process.stdout.write(`Added ${l.kind} ${l.name} (${l.id})\n`);
        },
        { mustExist: false },
      ),
    );
  locations
    .command('edit')
    .description('Rename a location, change its kind, or bring an archived one back')
    .requiredOption('--name <name>', 'the location to change')
    .option('--rename <name>', 'new name')
    .option('--kind <kind>', 'warehouse or van')
    .option('--restore', 'make an archived location active again')
    .option('--db <file>', 'SQLite database file')
    .action(async (o: { name: string; rename?: string; kind?: string; restore?: boolean; db?: string }) =>
      withCore(o.db, async (core) => {
        const current = await byName(core, o.name);
        const kind = kindOf(o.kind);
        if (o.rename === undefined && kind === undefined && !o.restore)
          throw new CliError('Nothing to change: give --rename, --kind or --restore', 2);
        const l = await core.router.call('stock.locations.update', {
          id: current.id,
          ...(o.rename !== undefined ? { name: o.rename } : {}),
          ...(kind ? { kind } : {}),
          ...(o.restore ? { active: true as const } : {}),
        });
        process.stdout.write(`Updated ${l.kind} ${l.name}${l.active ? '' : ' (archived)'}\n`);
      }),
    );
  locations
    .command('archive <name>')
    .description('Archive an empty warehouse or van (refused while it holds stock)')
    .option('--db <file>', 'SQLite database file')
    .action(async (name: string, o: { db?: string }) =>
      withCore(o.db, async (core) => {
        const l = await core.router.call('stock.locations.archive', { id: (await byName(core, name)).id });
        process.stdout.write(`Archived ${l.name}\n`);
      }),
    );
}
