import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotatingFileLogger } from '../../electron/main/logging.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-logs-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const lines = (f: string) =>
  fs
    .readFileSync(f, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('desktop log file', () => {
  it('writes JSON lines at or above the minimum level', () => {
    const log = rotatingFileLogger({ dir, min: 'info', now: () => new Date(Date.UTC(2026, 10, 23, 12)) });
    log.debug('noise');
    log.info('window created', { profile: 'kiosk' });
    log.error('boom');
    expect(lines(log.file)).toEqual([
      { t: '2026-11-23T12:00:00.000Z', level: 'info', msg: 'window created', profile: 'kiosk' },
      { t: '2026-11-23T12:00:00.000Z', level: 'error', msg: 'boom' },
    ]);
  });

  it('never writes secret-looking fields (security item 10)', () => {
    const log = rotatingFileLogger({ dir });
    log.warn('hub sign-in failed', { token: 'sb-secret-123', password: 'hunter2', pin: '2468', notionKey: 'ntn_abc', user: 'ana' });
    const text = fs.readFileSync(log.file, 'utf8');
    for (const secret of ['sb-secret-123', 'hunter2', '2468', 'ntn_abc']) expect(text).not.toContain(secret);
    expect(lines(log.file)[0]).toMatchObject({ user: 'ana', token: '[redacted]' });
  });

  it('rotates by size and keeps only the configured number of old files', () => {
    const log = rotatingFileLogger({ dir, maxBytes: 200, keep: 2 });
    for (let i = 0; i < 20; i++) log.info(`line ${i}`, { pad: 'x'.repeat(60) });
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['opsdeck.1.log', 'opsdeck.2.log', 'opsdeck.log']);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(200);
    expect(lines(log.file).at(-1)!.msg).toBe('line 19');
  });
});
