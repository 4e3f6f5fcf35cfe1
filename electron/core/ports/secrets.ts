import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/**
 * Where secrets (hub session, Notion token) live. Electron supplies a safeStorage-backed store;
 * the browser shell and tests use the file store below, which says plainly what it is.
 */
export interface SecretStore {
  readonly kind: 'safeStorage' | 'file-store-not-os-protected' | 'memory';
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
 * FILE STORE — NOT OS-PROTECTED. AES-256-GCM with a key file beside it: it keeps secrets out of
 * plain text and logs, but anyone who can read the data folder can decrypt them. Used only by
 * the browser shell, headless agents and tests; Electron uses safeStorage.
 */
export function fileSecretStore(dir: string): SecretStore {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyFile = path.join(dir, 'secrets.key');
  const dataFile = path.join(dir, 'secrets.json');
  if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, crypto.randomBytes(32), { mode: 0o600 });
  const key = fs.readFileSync(keyFile);
  const load = (): Record<string, string> => (fs.existsSync(dataFile) ? JSON.parse(fs.readFileSync(dataFile, 'utf8')) : {});
  const save = (d: Record<string, string>) => {
    const tmp = dataFile + '.tmp';
    fs.writeFileSync(tmp, JSON.stringify(d), { mode: 0o600 });
    fs.renameSync(tmp, dataFile);
  };
  return {
    kind: 'file-store-not-os-protected',
    available: () => true,
    get(name) {
      const blob = load()[name];
      if (!blob) return null;
      const raw = Buffer.from(blob, 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    set(name, value) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
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
