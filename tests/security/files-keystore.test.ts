import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '@core/entry.js';
import { memoryLogger } from '@core/ports/log.js';
import { memorySecretStore, fileSecretStore } from '@core/ports/secrets.js';
import { osKeystore } from '@core/ports/osKeystore.js';

// Issue 12: outside Electron the secrets key sat beside the secrets, and the database, its backups
// and the data folder were world-readable (0644) with the kiosk PIN hash inside.
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-files-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('owner-only files on POSIX', () => {
  it('data folder 0700; database, -wal, -shm, backups and secrets 0600, even under a permissive umask', async () => {
    const root = tmp();
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755); // an older install's folder
    const old = process.umask(0o022);
    try {
      const core = createCore({
        dbPath: path.join(dataDir, 'opsdeck.db'),
        dataDir,
        shell: 'headless',
        log: memoryLogger(),
        secrets: memorySecretStore(),
        services: false,
      });
      await core.router.call('kiosk.setPin', { pin: '4711' });
      const b = await core.router.call('backup.create', {});
      expect(mode(dataDir)).toBe(0o700);
      for (const f of ['opsdeck.db', 'opsdeck.db-wal', 'opsdeck.db-shm']) expect(mode(path.join(dataDir, f)), f).toBe(0o600);
      expect(mode(path.join(dataDir, 'backups'))).toBe(0o700);
      expect(mode(path.join(dataDir, 'backups', b.file))).toBe(0o600);
      core.close();
      const store = fileSecretStore(path.join(dataDir, 'secrets'), { keystore: null });
      store.set('hub.session', 'x');
      expect(mode(path.join(dataDir, 'secrets'))).toBe(0o700);
      for (const f of ['secrets.key', 'secrets.json']) expect(mode(path.join(dataDir, 'secrets', f)), f).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it('an existing 0644 database is tightened at the next start', () => {
    const dir = tmp();
    const db = path.join(dir, 'opsdeck.db');
    createCore({ dbPath: db, dataDir: dir, shell: 'headless', log: memoryLogger(), secrets: memorySecretStore(), services: false }).close();
    fs.chmodSync(db, 0o644);
    createCore({ dbPath: db, dataDir: dir, shell: 'headless', log: memoryLogger(), secrets: memorySecretStore(), services: false }).close();
    expect(mode(db)).toBe(0o600);
  });
});

describe('secrets key from the OS keystore outside Electron', () => {
  const doubleEnv = () => {
    const bin = tmp();
    const store = tmp();
    fs.copyFileSync(path.resolve('tests/fixtures/secret-tool-double.sh'), path.join(bin, 'secret-tool'));
    fs.chmodSync(path.join(bin, 'secret-tool'), 0o755);
    return {
      store,
      env: {
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/double',
        SECRET_TOOL_DOUBLE_DIR: store,
      },
    };
  };

  it.skipIf(process.platform !== 'linux')(
    'Linux desktop: the key lives in the Secret Service (secret-tool), not in the data folder; an old key file moves there',
    () => {
      const { store, env } = doubleEnv();
      const dir = path.join(tmp(), 'secrets');
      // An older install: key file beside the secrets.
      const old = fileSecretStore(dir, { keystore: null });
      old.set('hub.session', '{"role":"admin"}');
      expect(fs.existsSync(path.join(dir, 'secrets.key'))).toBe(true);
      const ks = osKeystore(dir, { platform: 'linux', env });
      expect(ks?.name).toBe('secret-tool');
      const s = fileSecretStore(dir, { keystore: ks });
      expect(s.kind).toBe('os-keystore');
      expect(s.get('hub.session')).toBe('{"role":"admin"}');
      expect(fs.existsSync(path.join(dir, 'secrets.key'))).toBe(false);
      expect(fs.readdirSync(store)).toHaveLength(1);
      // The data folder alone no longer decrypts: without the keystore the old secret is unreadable.
      const copy = fileSecretStore(dir, { keystore: null });
      expect(() => copy.get('hub.session')).toThrow();
    },
  );

  it('a headless Linux booth (no D-Bus session) falls back to the documented 0600 key file', () => {
    const { env } = doubleEnv();
    const dir = path.join(tmp(), 'secrets');
    expect(osKeystore(dir, { platform: 'linux', env: { ...env, DBUS_SESSION_BUS_ADDRESS: '' } })).toBeNull();
    expect(osKeystore(dir, { platform: 'linux', env: { PATH: '/nonexistent', DBUS_SESSION_BUS_ADDRESS: 'x' } })).toBeNull();
    const s = fileSecretStore(dir, { keystore: null });
    expect(s.kind).toBe('file-store-not-os-protected');
  });

  it('macOS and Windows go through security and DPAPI (PowerShell), with the key on stdin only', () => {
    const calls: Array<{ cmd: string; args: string[]; input?: string }> = [];
    const kept = new Map<string, string>();
    const mac = osKeystore(tmp(), {
      platform: 'darwin',
      env: {},
      run: (cmd, args, input) => {
        calls.push({ cmd, args, input });
        if (args[0] === '-i') {
          kept.set('k', /-w (\S+)/.exec(input!)![1]!);
          return '';
        }
        if (!kept.has('k')) throw Object.assign(new Error('not found'), { status: 44 });
        return kept.get('k')!;
      },
    })!;
    expect(mac.name).toBe('keychain');
    const key = Buffer.alloc(32, 7);
    mac.set(key);
    expect(mac.get()!.equals(key)).toBe(true);
    expect(calls.every((c) => !c.args.join(' ').includes(key.toString('base64')))).toBe(true);

    const winDir = tmp();
    const win = osKeystore(winDir, {
      platform: 'win32',
      env: {},
      run: (cmd, args, input) => {
        expect(cmd).toBe('powershell.exe');
        expect(args.join(' ')).not.toContain(key.toString('base64'));
        // DPAPI double: "protects" by reversing the base64 text.
        return args.join(' ').includes('Unprotect') ? [...input!.trim()].reverse().join('') : [...input!.trim()].reverse().join('');
      },
    })!;
    expect(win.name).toBe('dpapi');
    win.set(key);
    expect(fs.readFileSync(path.join(winDir, 'secrets.key.dpapi'), 'utf8')).not.toBe(key.toString('base64'));
    expect(win.get()!.equals(key)).toBe(true);
  });
});
