import type { HealthSample, SpeedTest } from '@shared/model/booth.js';
import { newId } from '../ids.js';
import type { Db } from '../connection.js';

interface HealthRow {
  sampled_at: number;
  cpu_pct: number | null;
  mem_used_pct: number | null;
  disk_free_bytes: number | null;
  disk_free_pct: number | null;
  temperature_c: number | null;
  battery_pct: number | null;
  uptime_s: number | null;
  latency_ms: number | null;
}
const toSample = (r: HealthRow): HealthSample => ({
  sampledAt: r.sampled_at,
  cpuPct: r.cpu_pct,
  memUsedPct: r.mem_used_pct,
  diskFreeBytes: r.disk_free_bytes,
  diskFreePct: r.disk_free_pct,
  temperatureC: r.temperature_c,
  batteryPct: r.battery_pct,
  uptimeS: r.uptime_s,
  latencyMs: r.latency_ms,
});

export function insertHealth(db: Db, boothId: string, s: HealthSample, stamp: { now: number; device: string }): void {
  db.prepare(
    `INSERT INTO booth_health (id, booth_id, sampled_at, cpu_pct, mem_used_pct, disk_free_bytes, disk_free_pct, temperature_c, battery_pct, uptime_s, latency_ms, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    newId(),
    boothId,
    s.sampledAt,
    s.cpuPct,
    s.memUsedPct,
    s.diskFreeBytes,
    s.diskFreePct,
    s.temperatureC,
    s.batteryPct,
    s.uptimeS,
    s.latencyMs,
    stamp.now,
    stamp.now,
    stamp.device,
  );
}

export function listHealth(db: Db, boothId: string, since: number): HealthSample[] {
  return (
    db.prepare('SELECT * FROM booth_health WHERE booth_id = ? AND sampled_at >= ? ORDER BY sampled_at').all(boothId, since) as HealthRow[]
  ).map(toSample);
}

export function latestHealth(db: Db, boothId: string): HealthSample | null {
  const r = db.prepare('SELECT * FROM booth_health WHERE booth_id = ? ORDER BY sampled_at DESC LIMIT 1').get(boothId) as
    HealthRow | undefined;
  return r ? toSample(r) : null;
}

/**
 * Samples are pruned by age, but only once the hub has confirmed them (SPEC §5): never one still
 * waiting in the outbox, nor one the hub refused (a push dead letter). Returns how many went.
 */
export function pruneHealth(db: Db, olderThan: number): number {
  return db
    .prepare(
      `DELETE FROM booth_health WHERE sampled_at < ?
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.table_name = 'booth_health' AND o.row_id = booth_health.id)
         AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.direction = 'push' AND d.table_name = 'booth_health' AND d.row_id = booth_health.id)`,
    )
    .run(olderThan).changes;
}

export function insertSpeedTest(db: Db, boothId: string, t: SpeedTest, stamp: { now: number; device: string }): void {
  db.prepare(
    `INSERT INTO speed_tests (id, booth_id, tested_at, url, down_mbps, up_mbps, ping_ms, error, created_at, updated_at, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(newId(), boothId, t.testedAt, t.url, t.downMbps, t.upMbps, t.pingMs, t.error, stamp.now, stamp.now, stamp.device);
}

export function listSpeedTests(db: Db, boothId: string, limit: number): SpeedTest[] {
  return (
    db
      .prepare(
        'SELECT tested_at, url, down_mbps, up_mbps, ping_ms, error FROM speed_tests WHERE booth_id = ? ORDER BY tested_at DESC LIMIT ?',
      )
      .all(boothId, limit) as Array<{
      tested_at: number;
      url: string;
      down_mbps: number | null;
      up_mbps: number | null;
      ping_ms: number | null;
      error: string | null;
    }>
  ).map((r) => ({ testedAt: r.tested_at, url: r.url, downMbps: r.down_mbps, upMbps: r.up_mbps, pingMs: r.ping_ms, error: r.error }));
}

/** A booth's speed tests since `since`, oldest first (for the chart). */
export function speedTestsSince(db: Db, boothId: string, since: number, limit = 500): SpeedTest[] {
  return listSpeedTests(db, boothId, limit)
    .filter((t) => t.testedAt >= since)
    .sort((a, b) => a.testedAt - b.testedAt);
}
