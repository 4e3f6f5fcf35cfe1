import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAgent, setTriggerSecret, triggerPath, type AgentHandle } from '@core/modules/agent/index.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

// Issue 12: the booth agent counted garbage, and any web page or local process could inject prints.
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

const count = (sql: string) => core.ctx.db.prepare(sql).pluck().get() as number;
const state = () => ({
  events: count('SELECT count(*) FROM booth_counter_events'),
  remaining: count('SELECT remaining_prints FROM booths'),
});

async function start(): Promise<{ port: number; boothId: string }> {
  const b = await core.router.call('booths.create', { name: 'Borne 1', remainingPrints: 700 });
  agent = await startAgent(core, { booth: 'Borne 1', listen: { host: '127.0.0.1', port: 0 }, health: false });
  return { port: agent.port, boothId: b.id };
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('agent listener: malformed fields, browsers, per-booth secret', () => {
  it.each([
    '/dslrbooth?event_type=printing&param2=lots',
    '/dslrbooth?event_type=printing&param2=-3',
    '/dslrbooth?event_type=printing&param2=99999999999999999999',
    '/dslrbooth?event_type=printing',
    '/dslrbooth?event_type=printing&param1=f.jpg&param2=-3',
    '/dslrbooth?event_type=printing&param1=f.jpg&param2=99999999999999999999',
    '/dslrbooth?event_type=printing&param1=f.jpg&param3=HiTi',
  ])('%s → 400, nothing counted, no paper taken', async (path) => {
    const { port } = await start();
    expect(await get(port, path)).toBe(400);
    expect(state()).toEqual({ events: 0, remaining: 700 });
  });

  it('refuses a browser: Sec-Fetch-Site other than none, or any Referer (a simple cross-site GET)', async () => {
    const { port } = await start();
    const p = '/dslrbooth?event_type=printing&param1=f.jpg&param2=2';
    expect(await get(port, p, { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' })).toBe(403);
    expect(await get(port, p, { 'sec-fetch-site': 'same-site' })).toBe(403);
    expect(await get(port, p, { 'sec-fetch-site': 'same-origin' })).toBe(403);
    expect(await get(port, p, { referer: 'https://evil.example/page' })).toBe(403);
    expect(state()).toEqual({ events: 0, remaining: 700 });
    // Typed in the address bar (Sec-Fetch-Site: none) or sent by dslrBooth (no such header): counted.
    expect(await get(port, p, { 'sec-fetch-site': 'none' })).toBe(200);
    expect(await get(port, p)).toBe(200);
    expect(state()).toEqual({ events: 2, remaining: 696 });
  });

  it('with a per-booth secret, only the URL carrying it counts', async () => {
    const { port, boothId } = await start();
    const secret = setTriggerSecret(core.ctx, boothId, 'new')!;
    expect(secret.length).toBeGreaterThanOrEqual(20);
    const q = '?event_type=printing&param1=f.jpg&param2=1';
    expect(await get(port, '/dslrbooth' + q)).toBe(403);
    expect(await get(port, '/dslrbooth/not-the-secret' + q)).toBe(403);
    expect(state()).toEqual({ events: 0, remaining: 700 });
    expect(await get(port, triggerPath(secret) + q)).toBe(200);
    expect(state()).toEqual({ events: 1, remaining: 699 });
    setTriggerSecret(core.ctx, boothId, 'off');
    expect(await get(port, '/dslrbooth' + q)).toBe(200);
  });
});
