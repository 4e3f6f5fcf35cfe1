import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@shared/errors.js';

vi.mock('electron', () => import('../fixtures/electron-double.js'));
const double = await import('../fixtures/electron-double.js');
const { safeStorageSecretStore, safeStorageUsable } = await import('../../electron/main/secrets.js');

let dir: string;
let file: string;
const store = (platform: NodeJS.Platform = 'linux') => safeStorageSecretStore({ safeStorage: double.safeStorage as never, platform, file });

beforeEach(() => {
  double.resetElectronDouble();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-secrets-'));
  file = path.join(dir, 'secrets.safe.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const NOTION_TOKEN = 'ntn_4f2a9c1b7e3d5f6a8b0c2d4e6f8a1b3c5d7e9f';

/** ARCHITECTURE.md security item 10: secrets only as safeStorage ciphertext; basic_text counts as unavailable. */
describe('safeStorage secret store', () => {
  it('round-trips a secret and keeps only ciphertext on disk', () => {
    const s = store();
    expect(s.kind).toBe('safeStorage');
    s.set('notion.token', NOTION_TOKEN);
    expect(s.get('notion.token')).toBe(NOTION_TOKEN);
    const onDisk = fs.readFileSync(file, 'utf8');
    expect(onDisk).not.toContain(NOTION_TOKEN);
    expect(onDisk).not.toContain(Buffer.from(NOTION_TOKEN).toString('base64'));
    const blob = Buffer.from(JSON.parse(onDisk)['notion.token'], 'base64');
    expect(double.safeStorage.decryptString(blob)).toBe(NOTION_TOKEN);
  });

  it("Linux's basic_text backend counts as unavailable: nothing is written and the caller is told", () => {
    double.safeStorage.backend = 'basic_text';
    const s = store('linux');
    expect(s.available()).toBe(false);
    let thrown: unknown;
    try {
      s.set('supabase.session', NOTION_TOKEN);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('unavailable');
    expect((thrown as AppError).message).not.toContain(NOTION_TOKEN);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('basic_text is only a Linux concern; no encryption at all is unavailable everywhere', () => {
    double.safeStorage.backend = 'basic_text';
    expect(safeStorageUsable(double.safeStorage as never, 'win32')).toBe(true);
    double.safeStorage.encryptionAvailable = false;
    expect(safeStorageUsable(double.safeStorage as never, 'win32')).toBe(false);
    expect(safeStorageUsable(double.safeStorage as never, 'darwin')).toBe(false);
  });

  it('a secret stored while the keyring worked reads as absent once it is gone (the user re-enters it)', () => {
    store().set('notion.token', NOTION_TOKEN);
    double.safeStorage.backend = 'basic_text';
    expect(store().get('notion.token')).toBeNull();
  });

  it('ciphertext from another account or machine reads as absent, not as an error', () => {
    fs.writeFileSync(file, JSON.stringify({ 'notion.token': Buffer.from('garbage').toString('base64') }));
    expect(store().get('notion.token')).toBeNull();
  });

  it('delete removes the secret and leaves others', () => {
    const s = store();
    s.set('a', 'one');
    s.set('b', 'two');
    s.delete('a');
    expect(s.get('a')).toBeNull();
    expect(s.get('b')).toBe('two');
  });
});
