import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSecretStore } from '@core/ports/secrets.js';
import { consoleLogger, redactFields } from '@core/ports/log.js';
import { fixedClock } from '@core/ports/clock.js';

describe('file secret store (not OS-protected, browser shell and tests only)', () => {
  it('round-trips values and never writes them in plain text', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-secrets-'));
    const store = fileSecretStore(dir);
    expect(store.kind).toBe('file-store-not-os-protected');
    store.set('hub.session', 'eyJhbGciOi.super-secret-refresh-token');
    expect(store.get('hub.session')).toBe('eyJhbGciOi.super-secret-refresh-token');
    for (const f of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, f), 'utf8')).not.toContain('super-secret');
    expect(fileSecretStore(dir).get('hub.session')).toBe('eyJhbGciOi.super-secret-refresh-token');
    store.delete('hub.session');
    expect(store.get('hub.session')).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('detects tampering with the ciphertext', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-secrets-'));
    const store = fileSecretStore(dir);
    store.set('notion.token', 'secret_abc');
    const file = path.join(dir, 'secrets.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    const buf = Buffer.from(data['notion.token'], 'base64');
    buf[buf.length - 1] = buf[buf.length - 1]! ^ 0xff;
    data['notion.token'] = buf.toString('base64');
    fs.writeFileSync(file, JSON.stringify(data));
    expect(() => store.get('notion.token')).toThrow();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('logger', () => {
  it('masks secret-looking fields', () => {
    expect(redactFields({ password: 'x', Authorization: 'Bearer y', apiKey: 'k', pin: '1234', booth: 'Cabine 1' })).toEqual({
      password: '[redacted]',
      Authorization: '[redacted]',
      apiKey: '[redacted]',
      pin: '[redacted]',
      booth: 'Cabine 1',
    });
    const lines: string[] = [];
    consoleLogger('info', (l) => lines.push(l)).info('sign in', { token: 'abc', email: 'a@b.c' });
    expect(lines[0]).not.toContain('abc');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'sign in', email: 'a@b.c' });
  });
  it('drops lines below the minimum level', () => {
    const lines: string[] = [];
    const log = consoleLogger('warn', (l) => lines.push(l));
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
  });
});

describe('fixed clock', () => {
  it('advances only when told', () => {
    const c = fixedClock(1000);
    expect(c.now()).toBe(1000);
    c.advance(500);
    expect(c.now()).toBe(1500);
  });
});
