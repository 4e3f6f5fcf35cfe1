import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runningAgent, startAgent, type AgentHandle } from '@core/modules/agent/service.js';
import { parseListen } from '@core/modules/agent/server.js';
import { runSpeedTest } from '@core/modules/agent/speedtest.js';
import { toHealthSample } from '@core/modules/agent/healthMap.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { sessionUrls } from '../../electron/cli/commands/simulate-booth.js';
import type { AddressInfo } from 'node:net';

let core: TestCore;
let agent: AgentHandle | null;
beforeEach(() => {
  core = createTestCore();
  agent = null;
});
afterEach(async () => {
  await agent?.stop();
  core.dispose();
});

const count = (sql: string, ...a: unknown[]) =>
  core.ctx.db
    .prepare(sql)
    .pluck()
    .get(...a) as number;

async function start(extra: Partial<Parameters<typeof startAgent>[1]> = {}) {
  await core.router.call('booths.create', { name: 'Borne 1', remainingPrints: 700 });
  agent = await startAgent(core, { booth: 'Borne 1', listen: { host: '127.0.0.1', port: 0 }, health: false, ...extra });
  return `http://127.0.0.1:${agent.port}/dslrbooth`;
}

describe('booth agent listener', () => {
  it('stores a full simulated session and answers 200 for each trigger', async () => {
    const base = await start();
    const urls = sessionUrls(base, 1, { shots: 3, copies: 2, mode: 'print' });
    for (const u of urls) expect((await fetch(u)).status).toBe(200);
    expect(count('SELECT count(*) FROM booth_counter_events')).toBe(urls.length);
    expect(count("SELECT sum(count) FROM booth_counter_events WHERE kind = 'capture'")).toBe(3);
    expect(count('SELECT remaining_prints FROM booths')).toBe(698);
    // The heartbeat at start marks the booth online.
    expect((await core.router.call('booths.list', {}))[0]!.status).toBe('online');
    const view = await core.router.call('agent.kioskView', {});
    expect(view).toMatchObject({ booth: { name: 'Borne 1' }, copiesLeft: 698, agent: { running: true } });
  });

  it('answers 400 to garbage and changes nothing', async () => {
    const base = await start();
    for (const q of [
      '',
      '?event_type=nope',
      '?param1=x',
      '?event_type=printing&param1=f&param2=abc',
      '?event_type=printing&param2=1&param2=2',
      '?event_type=printing&param1=%E0%A4%A',
    ]) {
      const r = await fetch(base + q);
      expect(r.status, q).toBe(400);
      expect((await r.text()).length).toBeGreaterThan(3);
    }
    expect((await fetch(base.replace('/dslrbooth', '/health'))).status).toBe(200);
    expect((await fetch(base + '?event_type=session_end', { method: 'DELETE' })).status).toBe(405);
    expect(count('SELECT count(*) FROM booth_counter_events')).toBe(0);
    expect(count('SELECT remaining_prints FROM booths')).toBe(700);
  });

  it('refuses requests from a web page (Origin) or a rebound host name (Host)', async () => {
    const base = await start();
    const port = new URL(base).port;
    const raw = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/dslrbooth?event_type=printing&param1=f&param2=5', headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.end();
      });
    expect(await raw({ origin: 'https://evil.example' })).toBe(403);
    expect(await raw({ host: 'evil.example:' + port })).toBe(403);
    expect(count('SELECT count(*) FROM booth_counter_events')).toBe(0);
    expect(await raw({ host: 'localhost:' + port })).toBe(200);
  });

  it('listens on loopback only and refuses an unknown booth', async () => {
    expect(() => parseListen('0.0.0.0:8787')).toThrow(/loopback/);
    expect(() => parseListen('192.168.1.5:8787')).toThrow(/loopback/);
    expect(() => parseListen('127.0.0.1:99999')).toThrow(/range/);
    expect(() => parseListen('nonsense')).toThrow(/HOST:PORT/);
    expect(parseListen('8787')).toEqual({ host: '127.0.0.1', port: 8787 });
    await expect(startAgent(core, { booth: 'Ghost', listen: { host: '127.0.0.1', port: 0 }, health: false })).rejects.toThrow(
      /No booth "Ghost"/,
    );
  });

  it('speed test measures a local HTTP server; failures are rows with an error', async () => {
    const payload = Buffer.alloc(2_000_000, 7);
    const srv = http.createServer((req, res) => {
      if (req.method === 'POST') {
        req.resume();
        req.on('end', () => res.end('ok'));
      } else res.end(payload);
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/file.bin`;
    try {
      const ok = await runSpeedTest(url, { uploadUrl: url });
      expect(ok.error).toBeNull();
      expect(ok.downMbps).toBeGreaterThan(0);
      expect(ok.upMbps).toBeGreaterThan(0);
      expect(ok.pingMs).toBeGreaterThanOrEqual(0);
      const bad = await runSpeedTest('http://127.0.0.1:1/nothing', { timeoutMs: 2000 });
      expect(bad).toMatchObject({ downMbps: null, upMbps: null, pingMs: null });
      expect(bad.error).toMatch(/fetch failed|ECONNREFUSED/);
      await start({ speedTestUrl: url, speedTestEveryMs: 50 });
      // The agent's first test runs in the background (a download and an upload): wait for its row.
      await expect.poll(() => count('SELECT count(*) FROM speed_tests WHERE error IS NULL AND down_mbps > 0')).toBeGreaterThan(0);
    } finally {
      srv.close();
    }
  });
});

describe('health sample mapping', () => {
  it('handles first-call nulls, Windows -1 temperatures and desktops without battery', () => {
    const s = toHealthSample(
      {
        load: { currentLoad: 12.345 },
        mem: { total: 8e9, available: 2e9 },
        disks: [
          { mount: 'D:', size: 1e12, available: 9e11, use: 10 },
          { mount: 'C:', size: 5e11, available: 2.5e10, use: 95 },
        ],
        temp: { main: -1 },
        battery: { hasBattery: false, percent: 0 },
        uptimeS: 3600.7,
        latencyMs: null,
      },
      1000,
    );
    expect(s).toEqual({
      sampledAt: 1000,
      cpuPct: 12.3,
      memUsedPct: 75,
      diskFreeBytes: 2.5e10,
      diskFreePct: 5,
      temperatureC: null,
      batteryPct: null,
      uptimeS: 3600,
      latencyMs: null,
    });
    expect(toHealthSample({}, 5)).toEqual({
      sampledAt: 5,
      cpuPct: null,
      memUsedPct: null,
      diskFreeBytes: null,
      diskFreePct: null,
      temperatureC: null,
      batteryPct: null,
      uptimeS: null,
      latencyMs: null,
    });
    expect(toHealthSample({ load: { currentLoad: NaN }, temp: { main: 71 } }, 5)).toMatchObject({ cpuPct: null, temperatureC: 71 });
  });
});

describe('agent autostart on a booth-mode device', () => {
  it('starts the configured agent with the core and stops it on close', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { saveAgentConfig } = await import('@core/modules/agent/autostart.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-autostart-'));
    const dbPath = path.join(dir, 'booth.db');
    const first = createTestCore({ dbPath });
    await first.router.call('kiosk.setPin', { pin: '2580' });
    await first.router.call('settings.set', { mode: 'booth' });
    await first.router.call('booths.create', { name: 'Borne A' });
    expect(() => saveAgentConfig(first.ctx.db, { booth: 'Borne A', listen: '0.0.0.0:8787' })).toThrow(/loopback/);
    saveAgentConfig(first.ctx.db, { booth: 'Borne A', listen: '127.0.0.1:0' });
    first.close();
    const second = createTestCore({ dbPath, services: true });
    try {
      await expect.poll(() => runningAgent(second.ctx) !== undefined).toBe(true);
      const view = await second.router.call('agent.kioskView', {});
      expect(view.agent.running).toBe(true);
      const port = Number(view.agent.listen!.split(':')[1]);
      expect((await fetch(`http://127.0.0.1:${port}/dslrbooth?event_type=session_start&param1=print`)).status).toBe(200);
    } finally {
      second.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('agent health sampling (real systeminformation, local calls only)', () => {
  it('stores a sample with CPU, memory and disk and shows the last sync time', async () => {
    await core.router.call('booths.create', { name: 'Borne H' });
    const { writeLastRound } = await import('@core/db/repos/syncState.js');
    writeLastRound(core.ctx.db, { ok: false, finishedAt: 5, lastSuccessAt: 1234 });
    agent = await startAgent(core, { booth: 'Borne H', listen: { host: '127.0.0.1', port: 0 }, healthEveryMs: 60_000 });
    await expect.poll(() => count('SELECT count(*) FROM booth_health'), { timeout: 15_000 }).toBe(1);
    const row = core.ctx.db.prepare('SELECT cpu_pct, mem_used_pct, disk_free_pct, uptime_s FROM booth_health').get() as Record<
      string,
      number | null
    >;
    expect(row.mem_used_pct).toBeGreaterThan(0);
    expect(row.disk_free_pct).not.toBeNull();
    expect(row.uptime_s).toBeGreaterThan(0);
    expect((await core.router.call('agent.kioskView', {})).lastSyncAt).toBe(1234);
  }, 20_000);
});
