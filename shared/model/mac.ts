/**
 * MAC addresses as people type them: colon or dash pairs (AA:BB:…, aa-bb-…), Cisco dotted
 * quads (aabb.ccdd.eeff), HP-style dash triples (aabbcc-ddeeff), space-separated pairs, bare
 * 12 hex digits, and the Unix short form with single-digit groups (0:1a:2b:3:4c:5d).
 * Pure and shared so the renderer validates the same way the core does.
 */
export type MacParse = { ok: true; bytes: Uint8Array; canonical: string } | { ok: false; error: string };

const NOTATIONS: ReadonlyArray<{ re: RegExp; groups: number }> = [
  { re: /^([0-9a-f]{1,2})([:\- ])([0-9a-f]{1,2})\2([0-9a-f]{1,2})\2([0-9a-f]{1,2})\2([0-9a-f]{1,2})\2([0-9a-f]{1,2})$/i, groups: 6 },
  { re: /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i, groups: 3 },
  { re: /^([0-9a-f]{6})-([0-9a-f]{6})$/i, groups: 2 },
  { re: /^([0-9a-f]{12})$/i, groups: 1 },
];

export function parseMac(input: string): MacParse {
  const s = typeof input === 'string' ? input.trim() : '';
  if (!s) return { ok: false, error: 'MAC address is empty' };
  let hex: string | null = null;
  for (const n of NOTATIONS) {
    const m = n.re.exec(s);
    if (!m) continue;
    if (n.groups === 6) {
      // Single-digit groups only make sense with colons (Unix tools drop the leading zero).
      const parts = [m[1], m[3], m[4], m[5], m[6], m[7]] as string[];
      if (m[2] !== ':' && parts.some((p) => p.length !== 2)) break;
      hex = parts.map((p) => p.padStart(2, '0')).join('');
    } else {
      hex = m.slice(1, n.groups + 1).join('');
    }
    break;
  }
  if (hex === null) return { ok: false, error: `"${s.slice(0, 40)}" is not a MAC address (expected e.g. AA:BB:CC:DD:EE:FF)` };
  const bytes = new Uint8Array(6);
  for (let i = 0; i < 6; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  // A NIC's own address is unicast: these cannot be what Wake-on-LAN listens for.
  if (bytes.every((b) => b === 0)) return { ok: false, error: 'MAC 00:00:00:00:00:00 is not a network card address' };
  if (bytes[0]! & 1) return { ok: false, error: 'That is a broadcast/multicast address, not a network card address' };
  const canonical = Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
  return { ok: true, bytes, canonical };
}
