import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@shared/errors.js';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../core/ports/secrets.js';

type SafeStorageApi = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/**
 * On Linux without a keyring Electron falls back to 'basic_text', a hard-coded key: that is
 * obfuscation, not protection, so it counts as unavailable and callers ask the user again.
 */
export function safeStorageUsable(safeStorage: SafeStorageApi, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

/**
 * SecretStore port over safeStorage: the file beside the database holds only base64 ciphertext.
 * Values are never logged; failures name the secret, not its content.
 */
export function safeStorageSecretStore(opts: { safeStorage: SafeStorageApi; platform: NodeJS.Platform; file: string }): SecretStore {
  const { safeStorage, platform, file } = opts;
  const load = (): Record<string, string> => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const save = (d: Record<string, string>) => {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = file + '.tmp';
    fs.writeFileSync(tmp, JSON.stringify(d), { mode: 0o600 });
    fs.renameSync(tmp, file);
  };
  const available = () => safeStorageUsable(safeStorage, platform);
  return {
    kind: 'safeStorage',
    available,
    get(name) {
      const blob = load()[name];
      if (!blob || !available()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(blob, 'base64'));
      } catch {
        // Encrypted under another OS account or keyring: as good as absent, the user re-enters it.
        return null;
      }
    },
    set(name, value) {
      if (!available()) throw new AppError('unavailable', 'The system keychain is not available; the secret was not saved');
      const d = load();
      d[name] = safeStorage.encryptString(value).toString('base64');
      save(d);
    },
    delete(name) {
      const d = load();
      if (!(name in d)) return;
      delete d[name];
      save(d);
    },
  };
}
