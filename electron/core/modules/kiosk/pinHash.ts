import crypto from 'node:crypto';

/** What is stored for the kiosk PIN: never the PIN itself. */
export interface StoredPin {
  algo: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

const PARAMS = { N: 1 << 14, r: 8, p: 1 } as const;
const KEY_LEN = 32;

function scrypt(pin: string, salt: Buffer, p: Pick<StoredPin, 'N' | 'r' | 'p'>): Promise<Buffer> {
  // Async so the derivation runs on libuv's pool, not on the thread serving IPC.
  return new Promise((resolve, reject) =>
    crypto.scrypt(pin, salt, KEY_LEN, { N: p.N, r: p.r, p: p.p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPin(pin: string): Promise<StoredPin> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(pin, salt, PARAMS);
  return { algo: 'scrypt', ...PARAMS, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

/** Constant-time comparison of the derived keys, so timing says nothing about the PIN. */
export async function verifyPin(pin: string, stored: StoredPin): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await scrypt(pin, Buffer.from(stored.salt, 'base64'), stored);
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}
