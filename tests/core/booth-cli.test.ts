import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-booth-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const bin = path.resolve('bin/opsdeck.mjs');
const db = path.join(dir, 'fleet.db');

function opsdeck(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

describe('opsdeck booths / wake / simulate-booth', () => {
  it('adds, lists (text and JSON), edits and reloads; bad input exits ≠ 0 with a clear message and changes nothing', async () => {
    expect(
      (
        await opsdeck([
          'booths',
          'add',
          '--name',
          'Borne 1',
          '--mac',
          'aabb.ccdd.ee02',
          '--router',
          '127.0.0.1:4009',
          '--remaining',
          '300',
          '--strips',
          '--db',
          db,
        ])
      ).code,
    ).toBe(0);
    const bad = await opsdeck(['booths', 'add', '--name', 'Borne 2', '--mac', 'AA:BB:CC', '--db', db]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/not a MAC address/);
    const badRouter = await opsdeck(['booths', 'add', '--name', 'Borne 2', '--router', '127.0.0.1:99999', '--db', db]);
    expect(badRouter.err).toMatch(/out of range/);
    const badThreshold = await opsdeck(['booths', 'edit', '--name', 'Borne 1', '--critical', '500', '--db', db]);
    expect(badThreshold.err).toMatch(/≥ critical/);
    const list = JSON.parse((await opsdeck(['booths', 'list', '--json', '--db', db])).out);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      name: 'Borne 1',
      mac: 'AA:BB:CC:DD:EE:02',
      routerAddress: '127.0.0.1',
      routerWolPort: 4009,
      remainingPrints: 300,
      printsPerCopy: 0.5,
      paperLevel: 'warning',
      criticalThreshold: 275,
    });
    expect((await opsdeck(['booths', 'edit', '--name', 'borne 1', '--rename', 'Borne Un', '--warning', '400', '--db', db])).code).toBe(0);
    expect((await opsdeck(['booths', 'list', '--db', db])).out).toMatch(/Borne Un\s+unknown\s+600 strips\s+warning/); // a 2×6 booth counts whole strips (issue 16)
    const r = await opsdeck(['booths', 'reload', 'Borne Un', '--db', db]);
    expect(r.out).toContain('Borne Un: 1400 strips · no paper product set: nothing booked out of stock');
    expect((await opsdeck(['booths', 'reload', 'Ghost', '--db', db])).err).toMatch(/No booth "Ghost"/);
  }, 60_000);

  it('wake --via router sends the packet to the router address; bad routes are refused', async () => {
    const rx = dgram.createSocket('udp4');
    const got = new Promise<Buffer>((r) => rx.once('message', r));
    await new Promise<void>((r) => rx.bind(0, '127.0.0.1', r));
    const port = (rx.address() as AddressInfo).port;
    await opsdeck(['booths', 'edit', '--name', 'Borne Un', '--router', `127.0.0.1:${port}`, '--db', db]);
    const w = await opsdeck(['wake', 'Borne Un', '--via', 'router', '--db', db]);
    expect(w.out).toContain(`waiting via router → 127.0.0.1:${port}`);
    expect((await got).length).toBe(102);
    rx.close();
    expect((await opsdeck(['wake', 'Borne Un', '--via', 'pigeon', '--db', db])).err).toMatch(/--via must be one of/);
  }, 60_000);

  it('simulate-booth reports an unreachable agent and a bad URL clearly', async () => {
    expect((await opsdeck(['simulate-booth', '--url', 'not a url'])).err).toMatch(/is not a URL/);
    const r = await opsdeck(['simulate-booth', '--url', 'http://127.0.0.1:1/dslrbooth']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/unreachable/);
    expect((await opsdeck(['agent', '--booth', 'Borne Un', '--db', db, '--listen', '0.0.0.0:8787'])).err).toMatch(/loopback/);
  }, 60_000);
});
