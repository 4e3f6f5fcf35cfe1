import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { osKeystore, type KeyStore } from './osKeystore.js';

/**
 * Where secrets (hub session, Notion token) live. Electron supplies a safeStorage-backed store;
 * the browser shell and tests use the file store below, which says plainly what it is.
 */
export interface SecretStore {
  readonly kind: 'safeStorage' | 'os-keystore' | 'file-store-not-os-protected' | 'memory';
  available(): boolean;
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

export function memorySecretStore(): SecretStore {
  const m = new Map<string, string>();
  return {
    kind: 'memory',
    available: () => true,
    get: (n) => m.get(n) ?? null,
    set: (n, v) => void m.set(n, v),
    delete: (n) => void m.delete(n),
  };
}

/**
 * FILE STORE. AES-256-GCM; the key comes from the OS keystore when there is one (kind
 * 'os-keystore': secret-tool, Keychain, DPAPI; see ports/osKeystore.ts), else from a 0600 key file
 * beside the data (kind 'file-store-not-os-protected': anyone who can read the data folder as this
 * user can decrypt). Used by the browser shell, headless agents and the CLI; Electron uses safeStorage.
 */
export function fileSecretStore(dir: string, opts: { keystore?: KeyStore | null } = {}): SecretStore {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
  const keyFile = path.join(dir, 'secrets.key');
  const dataFile = path.join(dir, 'secrets.json');
  const keystore = opts.keystore === undefined ? osKeystore(dir) : opts.keystore;
  let key: Buffer | null = null;
  if (keystore) {
    try {
      key = keystore.get();
      if (!key) {
        // First start, or an older install whose key sits in a file: move it into the keystore.
        key = fs.existsSync(keyFile) ? fs.readFileSync(keyFile) : crypto.randomBytes(32);
        keystore.set(key);
        const back = keystore.get();
        if (!back || !back.equals(key)) throw new Error('the keystore did not keep the key');
      }
      if (fs.existsSync(keyFile)) fs.rmSync(keyFile);
    } catch {
      key = null; // the keystore failed midway: fall back to the key file below
    }
  }
  const kind: SecretStore['kind'] = key ? 'os-keystore' : 'file-store-not-os-protected';
  if (!key) {
    if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, crypto.randomBytes(32), { mode: 0o600 });
    if (process.platform !== 'win32') fs.chmodSync(keyFile, 0o600);
    key = fs.readFileSync(keyFile);
  }
  const aesKey: Buffer = key;
  const load = (): Record<string, string> => (fs.existsSync(dataFile) ? JSON.parse(fs.readFileSync(dataFile, 'utf8')) : {});
  const save = (d: Record<string, string>) => {
    const tmp = dataFile + '.tmp';
    fs.writeFileSync(tmp, JSON.stringify(d), { mode: 0o600 });
    fs.renameSync(tmp, dataFile);
  };
  return {
    kind,
    available: () => true,
    get(name) {
      const blob = load()[name];
      if (!blob) return null;
      const raw = Buffer.from(blob, 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', aesKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    set(name, value) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', aesKey, iv);
      const enc = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      const d = load();
      d[name] = Buffer.concat([iv, cipher.getAuthTag(), enc]).toString('base64');
      save(d);
    },
    delete(name) {
      const d = load();
      delete d[name];
      save(d);
    },
  };
}
