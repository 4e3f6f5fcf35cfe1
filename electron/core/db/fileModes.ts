import fs from 'node:fs';

/**
 * Owner-only files on POSIX: the database and its -wal/-shm, backups and secrets hold the kiosk PIN
 * hash, profile password hashes and hub sessions. Windows keeps its per-user ACLs (no-op there).
 */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

const posix = process.platform !== 'win32';

export function makePrivateFile(file: string): void {
  if (!posix) return;
  try {
    fs.chmodSync(file, PRIVATE_FILE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** A folder of ours: created 0700, and tightened when it already existed (an older install made it 0755). */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (!posix) return;
  const st = fs.statSync(dir);
  // Never touch a shared folder such as /tmp (sticky) or one owned by someone else.
  if (st.mode & 0o1000 || (process.getuid && st.uid !== process.getuid())) return;
  if ((st.mode & 0o777) !== PRIVATE_DIR) fs.chmodSync(dir, PRIVATE_DIR);
}

/** Creates the file empty with 0600 before SQLite opens it, so it is never world-readable, even briefly. */
export function precreatePrivate(file: string): void {
  if (!posix || fs.existsSync(file)) return;
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE));
}
