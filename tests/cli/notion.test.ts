import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createCore } from '@core/entry.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/opsdeck.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-notion-cli-'));
let dev: ChildProcess | null = null;
afterAll(() => {
  dev?.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
});

async function opsdeck(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, OPSDECK_DATA_DIR: dir, ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('opsdeck notion-dev and notion sync', () => {
  it('runs one import + write-back round against the double and prints a JSON summary; fails clearly otherwise', async () => {
    dev = spawn(process.execPath, [BIN, 'notion-dev', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve) => readline.createInterface({ input: dev!.stdout! }).once('line', resolve));
    const info = JSON.parse(line) as { url: string; token: string; dataSources: Record<string, string> };
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const db = path.join(dir, 'notion.db');
    expect((await opsdeck(['demo', '--db', db])).code).toBe(0);

    // Nothing mapped yet: a clear message, exit ≠ 0.
    const none = await opsdeck(['notion', 'sync', '--db', db, '--base-url', info.url], { OPSDECK_NOTION_TOKEN: info.token });
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/No Notion data source is mapped yet/);

    // An admin maps the events (as Settings → Notion does), with the token kept in the secrets store.
    const core = createCore({ dbPath: db, shell: 'headless', services: false });
    const call = core.router.call as (c: string, i: unknown) => Promise<{ mapping: Record<string, string | null>; options: unknown }>;
    await call('notion.connect', { token: info.token, baseUrl: info.url });
    const p = await call('notion.propose', { entity: 'events', dataSourceId: info.dataSources.events });
    await call('notion.saveSource', { entity: 'events', dataSourceId: info.dataSources.events, mapping: p.mapping, options: p.options });
    core.close();

    const ok = await opsdeck(['notion', 'sync', '--db', db]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const summary = JSON.parse(ok.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ ok: true, created: 8, skipped: 1, error: null });
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare("SELECT count(*) FROM events WHERE notion_page_id IS NOT NULL AND status = 'active'").pluck().get()).toBe(3);
    conn.close();

    // A refused token (from the environment, never stored): exit code 3 and the reason.
    const bad = await opsdeck(['notion', 'sync', '--db', db], { OPSDECK_NOTION_TOKEN: 'not-a-token' });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/Notion sync failed: auth/);
    expect(JSON.parse(bad.stdout).ok).toBe(false);
    // A bad address.
    const url = await opsdeck(['notion', 'sync', '--db', db, '--base-url', 'ftp://example.com']);
    expect(url.code).not.toBe(0);
    expect(url.stderr).toMatch(/must use https/);
  }, 180_000);
});
