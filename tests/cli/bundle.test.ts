import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
// @ts-expect-error plain ESM build script without types
import { buildCli } from '../../scripts/build-cli.mjs';

const run = promisify(execFile);
// A direct child of the project root, like dist-cli/, so the bundle finds package.json at ../../.
const out = path.resolve(`.bundle-test-${process.pid}`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bundle-'));
let runner: string;

beforeAll(async () => {
  await buildCli({ outDir: out });
  runner = path.join(out, 'run.mjs');
  fs.writeFileSync(runner, "const { runCli } = await import('./cli/index.mjs');\nawait runCli(process.argv);\n");
}, 120_000);
afterAll(() => {
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

const opsdeck = (args: string[]) => run(process.execPath, [runner, ...args], { env: { ...process.env, OPSDECK_DATA_DIR: work } });

describe('bundled CLI (dist-cli, what booth agents run)', () => {
  it('reports the package version', async () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
    expect((await opsdeck(['--version'])).stdout.trim()).toBe(pkg.version);
  });

  it('migrates a database from the SQL files shipped beside it', async () => {
    const db = path.join(work, 'b.db');
    await opsdeck(['booths', 'add', '--name', 'Bundle', '--mac', '00-11-22-33-44-55', '--db', db]);
    const conn = new Database(db, { readonly: true });
    const files = fs.readdirSync('electron/core/db/migrations').filter((f) => f.endsWith('.sql')).length;
    expect(conn.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(files);
    expect(conn.prepare('SELECT mac FROM booths').pluck().get()).toBe('00:11:22:33:44:55');
    conn.close();
  }, 60_000);

  it('imports a CSV file on its bundled import worker', async () => {
    const db = path.join(work, 'b.db');
    const file = path.join(work, 'products.csv');
    fs.writeFileSync(file, '\ufeffRéférence;Désignation;Prix de vente\r\nDNP-6X4;Papier DNP;120,5\r\n');
    await opsdeck(['import', 'products', file, '--db', db]);
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT sku, price FROM products').all()).toEqual([{ sku: 'DNP-6X4', price: 120.5 }]);
    conn.close();
  }, 60_000);

  it('forecasts on its bundled worker threads', async () => {
    const input = path.join(work, 'in.csv');
    const output = path.join(work, 'out.csv');
    const rows = ['series_id,t,y'];
    for (let t = 1; t <= 48; t++) rows.push(`s1,${t},${10 + (t % 12)}`);
    fs.writeFileSync(input, rows.join('\n'));
    await opsdeck(['forecast', '--input', input, '--horizon', '3', '--frequency', '12', '--out', output]);
    const lines = fs.readFileSync(output, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('series_id,h,p10,p50,p90');
    expect(lines).toHaveLength(4);
    const [, h, p10, p50, p90] = lines[1]!.split(',');
    expect(h).toBe('1');
    expect(Number(p10)).toBeLessThanOrEqual(Number(p50));
    expect(Number(p50)).toBeLessThanOrEqual(Number(p90));
  }, 60_000);
});
