import { parseMac } from '@shared/model/mac.js';
import { AppError } from '@shared/errors.js';

export const MAGIC_PACKET_BYTES = 102;

/** FF×6 then the MAC ×16 (102 bytes); a SecureOn password of 4 or 6 bytes is appended when given. */
export function magicPacket(mac: string, secureOn?: Uint8Array): Buffer {
  const parsed = parseMac(mac);
  if (!parsed.ok) throw new AppError('invalid_input', parsed.error);
  if (secureOn && secureOn.length !== 4 && secureOn.length !== 6) {
    throw new AppError('invalid_input', 'SecureOn password must be 4 or 6 bytes');
  }
  const buf = Buffer.alloc(MAGIC_PACKET_BYTES + (secureOn?.length ?? 0), 0xff);
  for (let i = 0; i < 16; i++) buf.set(parsed.bytes, 6 + i * 6);
  if (secureOn) buf.set(secureOn, MAGIC_PACKET_BYTES);
  return buf;
}
