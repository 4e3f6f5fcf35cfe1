import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the file secret store keeps its 32-byte key outside Electron (the CLI, `opsdeck serve`,
 * headless agents): the OS keystore of the signed-in user when there is one, so the data folder
 * alone (a copied disk, a backup) no longer decrypts the secrets.
 * - Linux desktop: the Secret Service (GNOME Keyring, KWallet) through `secret-tool` (libsecret-tools);
 * - macOS: the login Keychain through `security`;
 * - Windows: DPAPI (CurrentUser) through PowerShell; the protected blob sits in the secrets folder.
 * None (a headless Linux booth has no D-Bus session): null, and the store keeps the key in a 0600
 * file beside the secrets, as documented in docs/desktop-shell.md.
 */
export interface KeyStore {
  readonly name: 'secret-tool' | 'keychain' | 'dpapi';
  get(): Buffer | null;
  set(key: Buffer): void;
}

export type Run = (cmd: string, args: string[], input?: string) => string;

const runWith =
  (env: NodeJS.ProcessEnv): Run =>
  (cmd, args, input) =>
    execFileSync(cmd, args, { input, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'], timeout: 10_000, windowsHide: true });

function onPath(cmd: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, cmd))) return true;
  }
  return false;
}

/** The keystore for this machine and data folder, or null when none is usable (then the key file). */
export function osKeystore(dir: string, deps: { platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv; run?: Run } = {}): KeyStore | null {
  const platform = deps.platform ?? process.platform;
  const env = deps.env ?? process.env;
  const run = deps.run ?? runWith(env);
  if (env.OPSDECK_KEYSTORE === 'off') return null;
  // One key per data folder: two installs (or a test and the real one) never share a key.
  const id = crypto.createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 24);
  const attempt = (store: KeyStore): KeyStore | null => {
    try {
      store.get(); // proves the keystore answers (a locked or absent daemon throws here)
      return store;
    } catch {
      return null;
    }
  };
  if (platform === 'linux') {
    if (!env.DBUS_SESSION_BUS_ADDRESS || !onPath('secret-tool', env)) return null;
    const attrs = ['application', 'opsdeck', 'key', id];
    return attempt({
      name: 'secret-tool',
      get() {
        try {
          const out = run('secret-tool', ['lookup', ...attrs]).trim();
          return out ? Buffer.from(out, 'base64') : null;
        } catch (e) {
          // lookup exits 1 when nothing is stored: that is "no key yet", not "no keystore".
          if ((e as { status?: number }).status === 1) return null;
          throw e;
        }
      },
      set(key) {
        run('secret-tool', ['store', '--label=OpsDeck secrets key', ...attrs], key.toString('base64'));
      },
    });
  }
  if (platform === 'darwin') {
    return attempt({
      name: 'keychain',
      get() {
        try {
          const out = run('security', ['find-generic-password', '-s', 'opsdeck', '-a', id, '-w']).trim();
          return out ? Buffer.from(out, 'base64') : null;
        } catch (e) {
          if ((e as { status?: number }).status === 44) return null; // item not found
          throw e;
        }
      },
      set(key) {
        // Through `security -i` on stdin, so the key never appears in the process list.
        run('security', ['-i'], `add-generic-password -U -s opsdeck -a ${id} -w ${key.toString('base64')}\n`);
      },
    });
  }
  if (platform === 'win32') {
    const blob = path.join(dir, 'secrets.key.dpapi');
    const ps = (script: string, input: string) =>
      run(
        'powershell.exe',
        [
          '-NoProfile',
          '-NonInteractive',
          '-Command',
          `Add-Type -AssemblyName System.Security; $i=[Console]::In.ReadToEnd().Trim(); ${script}`,
        ],
        input,
      ).trim();
    return attempt({
      name: 'dpapi',
      get() {
        if (!fs.existsSync(blob)) return null;
        const out = ps(
          "[Convert]::ToBase64String([Security.Cryptography.ProtectedData]::Unprotect([Convert]::FromBase64String($i),$null,'CurrentUser'))",
          fs.readFileSync(blob, 'utf8'),
        );
        return Buffer.from(out, 'base64');
      },
      set(key) {
        const out = ps(
          "[Convert]::ToBase64String([Security.Cryptography.ProtectedData]::Protect([Convert]::FromBase64String($i),$null,'CurrentUser'))",
          key.toString('base64'),
        );
        fs.writeFileSync(blob, out, { mode: 0o600 });
      },
    });
  }
  return null;
}
