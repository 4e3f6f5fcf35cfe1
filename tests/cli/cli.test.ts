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

describe('opsdeck backup / restore', () => {
  it('backs up and restores a database, keeping a safety copy', async () => {
    const db = path.join(dir, 'restore.db');
    expect((await opsdeck(['demo', '--db', db])).code).toBe(0);
    const b = await opsdeck(['backup', '--db', db]);
    expect(b.code).toBe(0);
    const file = b.stdout.trim();
    expect(fs.existsSync(file)).toBe(true);
    const conn = new Database(db);
    conn.prepare("DELETE FROM users WHERE role = 'viewer'").run();
    conn.close();
    const r = await opsdeck(['restore', file, '--db', db]);
    expect(r.code).toBe(0);
    const check = new Database(db, { readonly: true });
    expect(check.prepare("SELECT count(*) FROM users WHERE role = 'viewer'").pluck().get()).toBe(1);
    check.close();
    const bad = await opsdeck(['restore', 'opsdeck-manual-19990101-000000.db', '--db', db]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/No backup named/);
  }, 120_000);
});
