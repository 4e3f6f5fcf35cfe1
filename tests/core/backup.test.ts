import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { runDailyBackup, DAILY_BACKUPS_KEPT } from '@core/modules/backup/daily.js';
import { createCore } from '@core/entry.js';
import { memoryLogger } from '@core/ports/log.js';
import { memorySecretStore } from '@core/ports/secrets.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

let core: TestCore;
beforeEach(() => {
  core = createTestCore();
});
afterEach(() => core.dispose());

describe('backups', () => {
  it('snapshots committed data even while it sits in the WAL, as one self-contained file', async () => {
    await core.router.call('settings.set', { deviceName: 'Avant sauvegarde' });
    const b = await core.router.call('backup.create', {});
    const copy = new Database(path.join(core.dir, 'backups', b.file), { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'deviceName'").pluck().get()).toBe('"Avant sauvegarde"');
    copy.close();
    expect((await core.router.call('backup.list', {})).map((x) => x.file)).toContain(b.file);
  });

  it('restores a backup at the next start and keeps a safety copy of what it replaced', async () => {
    await core.router.call('settings.set', { deviceName: 'Version A' });
    const a = await core.router.call('backup.create', {});
    await core.router.call('settings.set', { deviceName: 'Version B' });
    const res = await core.router.call('backup.restore', { file: a.file });
    expect(res.restartRequired).toBe(true);
    const dbPath = core.ctx.dbPath;
    core.close();
    const reopened = createCore({
      dbPath,
      dataDir: core.dir,
      shell: 'headless',
      log: memoryLogger(),
      secrets: memorySecretStore(),
      services: false,
    });
    expect((await reopened.router.call('settings.get', {})).deviceName).toBe('Version A');
    const safety = new Database(path.join(core.dir, 'backups', res.safetyBackup), { readonly: true });
    expect(safety.prepare("SELECT value FROM settings WHERE key = 'deviceName'").pluck().get()).toBe('"Version B"');
    safety.close();
    reopened.close();
    core = { ...core, dispose: () => fs.rmSync(core.dir, { recursive: true, force: true }) } as TestCore;
  });

  it('refuses to restore a file that is not a healthy OpsDeck backup, changing nothing', async () => {
    fs.mkdirSync(path.join(core.dir, 'backups'), { recursive: true });
    fs.writeFileSync(path.join(core.dir, 'backups', 'opsdeck-manual-20260101-000000.db'), 'not a database at all');
    const res = await core.router.request({ channel: 'backup.restore', input: { file: 'opsdeck-manual-20260101-000000.db' } });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(fs.existsSync(`${core.ctx.dbPath}.restore-pending`)).toBe(false);
    expect(await core.router.request({ channel: 'backup.restore', input: { file: '../../etc/passwd' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('makes one daily backup a day and keeps only the newest ones', () => {
    const made: string[] = [];
    for (let day = 0; day < DAILY_BACKUPS_KEPT + 3; day++) {
      const f = runDailyBackup(core.ctx);
      expect(f).not.toBeNull();
      made.push(f!);
      expect(runDailyBackup(core.ctx)).toBeNull();
      core.clock.advance(24 * 60 * 60 * 1000 + 1000);
    }
    const left = fs.readdirSync(path.join(core.dir, 'backups')).filter((f) => f.includes('-daily-'));
    expect(left).toHaveLength(DAILY_BACKUPS_KEPT);
    expect(left.sort()).toEqual(made.slice(-DAILY_BACKUPS_KEPT).sort());
  });
});
