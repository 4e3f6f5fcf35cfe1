import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';

const run = promisify(execFile);
const BIN = path.resolve('bin/opsdeck.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function opsdeck(args: string[]) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, OPSDECK_DATA_DIR: dir } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('opsdeck CLI', () => {
  it('prints its version', async () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
    const r = await opsdeck(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('creates a demo database with users of every role, and refuses to overwrite it', async () => {
    const db = path.join(dir, 'demo.db');
    const r = await opsdeck(['demo', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Demo database created');
    const conn = new Database(db, { readonly: true });
    const roles = conn.prepare('SELECT DISTINCT role FROM users ORDER BY role').pluck().all();
    conn.close();
    expect(roles).toEqual(['admin', 'installer', 'viewer']);
    const again = await opsdeck(['demo', '--db', db]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already exists/);
  }, 120_000);

  it('fails clearly on unknown commands and bad options', async () => {
    const r = await opsdeck(['frobnicate']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/unknown command/);
    const p = await opsdeck(['serve', '--port', 'seventy']);
    expect(p.code).not.toBe(0);
    expect(p.stderr).toMatch(/--port must be an integer/);
  });
});
