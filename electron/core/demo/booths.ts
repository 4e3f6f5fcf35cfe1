import { insertBooth } from '../db/repos/booths.js';
import { insertHealth, insertSpeedTest } from '../db/repos/boothHealth.js';
import { createRandom } from './random.js';
import { HUB_DEMO_BOOTH_IDS } from './hubBoothIds.js';
import type { CoreContext } from '../context.js';

/** Eight booths with different paper levels so the fleet shows every colour. */
export const DEMO_BOOTHS: Array<{
  name: string;
  remaining: number;
  strips?: boolean;
  status: 'online' | 'offline' | 'unknown';
  seenAgoMin: number | null;
}> = [
  { name: 'Borne Aurore', remaining: 642, status: 'online', seenAgoMin: 0 },
  { name: 'Borne Brume', remaining: 512.5, strips: true, status: 'online', seenAgoMin: 0 },
  { name: 'Borne Cèdre', remaining: 341, status: 'online', seenAgoMin: 1 },
  { name: 'Borne Dune', remaining: 268, status: 'online', seenAgoMin: 0 },
  { name: 'Borne Écume', remaining: 700, status: 'offline', seenAgoMin: 60 * 26 },
  { name: 'Borne Flocon', remaining: 455, status: 'online', seenAgoMin: 0 },
  { name: 'Borne Givre', remaining: 118, strips: true, status: 'offline', seenAgoMin: 45 },
  { name: 'Borne Houle', remaining: 590, status: 'unknown', seenAgoMin: null },
];

export function seedDemoBooths(ctx: CoreContext): void {
  if ((ctx.db.prepare('SELECT count(*) FROM booths').pluck().get() as number) > 0) return;
  const rnd = createRandom(5005);
  const now = ctx.clock.now();
  const stamp = { now, device: ctx.deviceId };
  DEMO_BOOTHS.forEach((d, i) => {
    const n = i + 1;
    const mac = ['00', '1A', '2B', (0x30 + n).toString(16).toUpperCase(), '4D', (0x50 + n).toString(16).toUpperCase()].join(':');
    const b = insertBooth(
      ctx.db,
      {
        name: d.name,
        hostname: `BORNE-${String(n).padStart(2, '0')}`,
        mac,
        remainingPrints: d.remaining,
        printsPerCopy: d.strips ? 0.5 : 1,
        wolRoutes: ['relay', 'local'],
        wakeBeforeEventMin: n % 3 === 0 ? 60 : null,
      },
      { ...stamp, ...(HUB_DEMO_BOOTH_IDS[i] ? { id: HUB_DEMO_BOOTH_IDS[i] } : {}) },
    );
    const lastSeen = d.seenAgoMin === null ? null : now - d.seenAgoMin * 60_000;
    ctx.db
      .prepare('UPDATE booths SET status = ?, last_seen = ?, pc_connected = ? WHERE id = ?')
      .run(d.status, lastSeen, d.status === 'online' ? 1 : d.status === 'offline' ? 0 : null, b.id);
    if (lastSeen === null) return;
    // A day of 10-minute health samples up to the last time the booth was seen.
    const hot = n === 4;
    for (let k = 144; k >= 0; k--) {
      const at = lastSeen - k * 10 * 60_000;
      const busy = Math.sin((k / 144) * Math.PI * 2) > 0.3;
      insertHealth(
        ctx.db,
        b.id,
        {
          sampledAt: at,
          cpuPct: Math.min(100, Math.round((busy ? 45 : 12) + rnd.next() * 20)),
          memUsedPct: Math.round(48 + rnd.next() * 15),
          diskFreeBytes: Math.round((n === 6 ? 9e9 : 120e9) - k * 2e6),
          diskFreePct: n === 6 ? 7.5 : Math.round(40 + n * 3 + rnd.next() * 2),
          temperatureC: n === 5 ? null : Math.round((hot ? 78 : 52) + rnd.next() * (hot ? 10 : 8)),
          batteryPct: null,
          uptimeS: Math.max(0, 86_400 - k * 600),
          latencyMs: Math.round(8 + rnd.next() * 30),
        },
        stamp,
      );
    }
    for (let k = 0; k < 6; k++) {
      insertSpeedTest(
        ctx.db,
        b.id,
        {
          testedAt: lastSeen - k * 4 * 3_600_000,
          url: 'https://speed.opsdeck.example/10MB.bin',
          downMbps: Math.round(15 + rnd.next() * 60),
          upMbps: Math.round(3 + rnd.next() * 15),
          pingMs: Math.round(20 + rnd.next() * 40),
          error: null,
        },
        stamp,
      );
    }
  });
}
