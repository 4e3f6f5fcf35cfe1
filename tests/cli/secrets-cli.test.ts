import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';

// Issue 12: secrets never on the command line (shell history, process list); the kiosk PIN is set
// by `opsdeck kiosk set-pin` from the environment or a prompt, audited.
const run = promisify(execFile);
const BIN = path.resolve('bin/opsdeck.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-cli-secrets-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function opsdeck(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, OPSDECK_DATA_DIR: dir, OPSDECK_KIOSK_PIN: '', OPSDECK_HUB_PASSWORD: '', ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function emptyDb(name: string): Promise<string> {
  const db = path.join(dir, name);
  // `kiosk status` on a missing file refuses; an empty core made by another command creates it.
  const { createCore } = await import('@core/entry.js');
  const { memoryLogger } = await import('@core/ports/log.js');
  createCore({ dbPath: db, shell: 'headless', log: memoryLogger(), services: false }).close();
  return db;
}

describe('opsdeck kiosk set-pin', () => {
  it('sets the PIN from OPSDECK_KIOSK_PIN, stores only its hash, audits it; --pin on argv is refused', async () => {
    const db = await emptyDb('kiosk.db');
    expect((await opsdeck(['kiosk', 'status', '--db', db])).stdout).toContain('NOT SET');
    const argv = await opsdeck(['kiosk', 'set-pin', '--db', db, '--pin', '4321']);
    expect(argv.code).not.toBe(0);
    expect(argv.stderr).toContain('OPSDECK_KIOSK_PIN');
    const none = await opsdeck(['kiosk', 'set-pin', '--db', db]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/set OPSDECK_KIOSK_PIN/);
    const bad = await opsdeck(['kiosk', 'set-pin', '--db', db], { OPSDECK_KIOSK_PIN: '12' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/4 to 12 digits/);
    const ok = await opsdeck(['kiosk', 'set-pin', '--db', db], { OPSDECK_KIOSK_PIN: '975310' });
    expect(ok.code, ok.stderr).toBe(0);
    const status = JSON.parse((await opsdeck(['kiosk', 'status', '--db', db, '--json'])).stdout);
    expect(status).toMatchObject({ pinSet: true, failedAttempts: 0 });
    const conn = new Database(db, { readonly: true });
    const stored = conn.prepare("SELECT value FROM local_state WHERE key = 'kiosk_pin'").pluck().get() as string;
    const audit = conn.prepare("SELECT outcome, details FROM audit_log WHERE action = 'kiosk.setPin'").all() as Array<{
      outcome: string;
      details: string;
    }>;
    conn.close();
    expect(stored).not.toContain('975310');
    expect(audit.map((a) => a.outcome)).toEqual(['ok']);
    expect(audit.map((a) => a.details).join()).not.toContain('975310');
  }, 60_000);
});

describe('opsdeck sync: the hub password never on the command line', () => {
  it('refuses --password with a message naming OPSDECK_HUB_PASSWORD, and asks for it when --email comes without it', async () => {
    const db = await emptyDb('sync.db');
    const argv = await opsdeck(['sync', '--db', db, '--email', 'a@b.example', '--password', 'hunter22']);
    expect(argv.code).not.toBe(0);
    expect(argv.stderr).toContain('--password is not accepted');
    expect(argv.stderr).toContain('OPSDECK_HUB_PASSWORD');
    const none = await opsdeck(['sync', '--db', db, '--email', 'a@b.example']);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/set OPSDECK_HUB_PASSWORD/);
    expect((await opsdeck(['sync', '--help'])).stdout).not.toContain('--password');
  }, 60_000);
});
