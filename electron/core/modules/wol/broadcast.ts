/** The subset of os.networkInterfaces() entries this needs, so tests can pass fixtures. */
export interface IfaceAddr {
  family: string | number;
  address: string;
  netmask: string;
  internal: boolean;
}

export const LIMITED_BROADCAST = '255.255.255.255';

function ipv4ToInt(a: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a.trim());
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Directed broadcast of a subnet: address OR NOT netmask. Null for anything that is not IPv4 + a contiguous mask. */
export function broadcastAddress(address: string, netmask: string): string | null {
  const a = ipv4ToInt(address);
  const m = ipv4ToInt(netmask);
  if (a === null || m === null) return null;
  const inv = ~m >>> 0;
  // A contiguous mask has its host bits as 0…01…1, so inv + 1 is a power of two.
  if (((inv + 1) & inv) >>> 0 !== 0) return null;
  if (m === 0xffffffff) return null; // a /32 has no broadcast domain to reach
  return intToIpv4((a | inv) >>> 0);
}

/**
 * Local route targets: every non-internal IPv4 interface's broadcast plus 255.255.255.255, because
 * on a multi-NIC PC the limited broadcast leaves through one interface only.
 */
export function localBroadcastTargets(ifaces: Record<string, IfaceAddr[] | undefined>): string[] {
  const out = new Set<string>();
  for (const list of Object.values(ifaces)) {
    for (const a of list ?? []) {
      if (a.internal || !(a.family === 'IPv4' || a.family === 4)) continue;
      const b = broadcastAddress(a.address, a.netmask);
      if (b) out.add(b);
    }
  }
  out.add(LIMITED_BROADCAST);
  return [...out];
}

/** True when `address` (IPv4) lies inside one of the given interfaces' subnets. */
export function onLocalSubnet(address: string | null, ifaces: Record<string, IfaceAddr[] | undefined>): boolean {
  const a = address ? ipv4ToInt(address) : null;
  if (a === null) return false;
  for (const list of Object.values(ifaces)) {
    for (const i of list ?? []) {
      if (i.internal || !(i.family === 'IPv4' || i.family === 4)) continue;
      const ip = ipv4ToInt(i.address);
      const m = ipv4ToInt(i.netmask);
      if (ip !== null && m !== null && (ip & m) >>> 0 === (a & m) >>> 0) return true;
    }
  }
  return false;
}
