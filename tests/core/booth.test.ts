import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordTrigger } from '@core/modules/booths/counters.js';
import { parseTrigger, type Trigger } from '@core/modules/booths/trigger.js';
import { insertUser } from '@core/db/repos/users.js';
import type { PushEvent } from '@shared/rpc.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';

let core: TestCore;
let pushed: PushEvent[];
beforeEach(() => {
  core = createTestCore();
  pushed = [];
  core.ctx.events.subscribe((e) => pushed.push(e));
});
afterEach(() => core.dispose());

const t = (url: string): Trigger => {
  const r = parseTrigger(url);
  if (!r.ok) throw new Error(r.error);
  return r.trigger;
};
const print = (copies: number) => t(`/dslrbooth?event_type=printing&param1=C%3A%5Cp%5Cx.jpg&param2=${copies}&param3=DNP`);
const count = (sql: string, ...a: unknown[]) =>
  core.ctx.db
    .prepare(sql)
    .pluck()
    .get(...a) as number;

describe('booths', () => {
  it('creates with the spec defaults and stores the MAC canonically whatever the notation', async () => {
    const b = await core.router.call('booths.create', {
      name: 'Borne 1',
      mac: '001a.2b3c.4d5e',
      pcAddress: '192.168.8.20',
      routerAddress: 'router.local',
    });
    expect(b).toMatchObject({
      mac: '00:1A:2B:3C:4D:5E',
      remainingPrints: 700,
      warningThreshold: 350,
      criticalThreshold: 275,
      printsPerCopy: 1,
      status: 'unknown',
      paperLevel: 'ok',
    });
    expect(await core.router.call('booths.list', {})).toHaveLength(1);
  });

  it('refuses bad MACs, bad addresses, bad thresholds and duplicates with a clear error and changes nothing', async () => {
    await core.router.call('booths.create', { name: 'Borne 1', mac: '00:1A:2B:3C:4D:5E' });
    await expect(core.router.call('booths.create', { name: 'B2', mac: '00:1A:2B:3C:4D' })).rejects.toThrow(/not a MAC address/);
    await expect(core.router.call('booths.create', { name: 'B2', pcAddress: 'http://x y' })).rejects.toThrow(/host name or IP/);
    await expect(core.router.call('booths.create', { name: 'B2', warningThreshold: 100, criticalThreshold: 200 })).rejects.toThrow(
      /≥ critical/,
    );
    await expect(core.router.call('booths.create', { name: 'B2', printsPerCopy: 0.25 as 1 })).rejects.toThrow();
    await expect(core.router.call('booths.create', { name: 'borne 1' })).rejects.toThrow('A booth with this name already exists');
    await expect(core.router.call('booths.create', { name: 'B3', mac: '00-1a-2b-3c-4d-5e' })).rejects.toThrow(
      'A booth with this MAC address already exists',
    );
    expect(count('SELECT count(*) FROM booths')).toBe(1);
    const [b] = await core.router.call('booths.list', {});
    await expect(core.router.call('booths.update', { id: b!.id, criticalThreshold: 400 })).rejects.toThrow(/≥ critical/);
    expect((await core.router.call('booths.list', {}))[0]!.criticalThreshold).toBe(275);
  });

  it('the database itself refuses what the spec forbids (CHECKs)', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne 1' });
    const db = core.ctx.db;
    expect(() => db.prepare('UPDATE booths SET remaining_prints = -1 WHERE id = ?').run(b.id)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE booths SET warning_threshold = 10 WHERE id = ?').run(b.id)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE booths SET prints_per_copy = 2 WHERE id = ?').run(b.id)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE booths SET mac = 'aa:bb:cc:dd:ee:ff' WHERE id = ?").run(b.id)).toThrow(/CHECK/);
  });

  it('a print decrements copies × prints_per_copy, attaches to the current event and moves its totals', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne 1', printsPerCopy: 0.5 });
    const now = core.clock.now();
    const ev = await core.router.call('bookings.create', {
      boothId: b.id,
      clientName: 'Mariage Dupont',
      startsAt: now - 3_600_000,
      endsAt: now + 3_600_000,
    });
    recordTrigger(core.ctx, b.id, t('/t?event_type=session_start&param1=print'), 'raw1');
    recordTrigger(core.ctx, b.id, t('/t?event_type=capture_start'), 'raw2');
    const c = recordTrigger(core.ctx, b.id, print(3), 'raw3');
    expect(c).toMatchObject({ kind: 'print', count: 3, printsDelta: -1.5, eventId: ev.id });
    const after = await core.router.call('booths.get', { id: b.id });
    expect(after.booth.remainingPrints).toBe(698.5);
    expect(after.currentEvent!.totals).toMatchObject({ sessions: 1, captures: 1, prints: 3 });
    expect(after.counters).toHaveLength(3);
    expect(pushed.some((p) => p.event === 'booth.countersChanged')).toBe(true);
  });

  it('changing the paper count in the booth settings is recorded in the ledger', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne 1' });
    await core.router.call('booths.update', { id: b.id, remainingPrints: 520 });
    await core.router.call('booths.update', { id: b.id, warningThreshold: 300 }); // no paper change, no row
    expect(core.ctx.db.prepare('SELECT kind, prints_delta, raw_trigger FROM booth_counter_events').all()).toEqual([
      { kind: 'paper_reload', prints_delta: -180, raw_trigger: 'edited in booth settings' },
    ]);
  });

  it('counters outside any event are kept with no event', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne 1' });
    expect(recordTrigger(core.ctx, b.id, print(1), 'r').eventId).toBeNull();
  });

  it('the counter ledger is append-only', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne 1' });
    const c = recordTrigger(core.ctx, b.id, print(1), 'r');
    expect(() => core.ctx.db.prepare('UPDATE booth_counter_events SET count = 5 WHERE id = ?').run(c.id)).toThrow(/append-only/);
    expect(() => core.ctx.db.prepare('DELETE FROM booth_counter_events WHERE id = ?').run(c.id)).toThrow(/append-only/);
  });

  it('paper alerts: warning raised once, replaced by critical, cleared after a logged reload', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne 1', remainingPrints: 360 });
    for (let i = 0; i < 5; i++) recordTrigger(core.ctx, b.id, print(2), 'r'); // 350
    let open = await core.router.call('alerts.list', { open: true });
    expect(open.map((a) => a.kind)).toEqual(['paper_warning']);
    for (let i = 0; i < 5; i++) recordTrigger(core.ctx, b.id, print(2), 'r'); // still warning, no second alert
    expect(count("SELECT count(*) FROM alerts WHERE kind = 'paper_warning'")).toBe(1);
    for (let i = 0; i < 40; i++) recordTrigger(core.ctx, b.id, print(2), 'r'); // 340 - 80 = 260
    open = await core.router.call('alerts.list', { open: true });
    expect(open.map((a) => a.kind)).toEqual(['paper_critical']);
    expect(pushed.filter((p) => p.event === 'alert.raised').map((p) => (p.payload as { kind: string }).kind)).toEqual([
      'paper_warning',
      'paper_critical',
    ]);
    const reloaded = await core.router.call('booths.reloadPaper', { booth: 'borne 1' });
    expect(reloaded.remainingPrints).toBe(700);
    expect(await core.router.call('alerts.list', { open: true })).toEqual([]);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'booths.reloadPaper' AND outcome = 'ok'")).toBe(1);
    expect(count("SELECT count(*) FROM booth_counter_events WHERE kind = 'paper_reload' AND prints_delta = 440")).toBe(1);
  });

  it('at a booth, reload and corrections need the kiosk PIN grant', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne 1', remainingPrints: 100 });
    await core.router.call('kiosk.setPin', { pin: '482913' });
    const u = insertUser(
      core.ctx.db,
      { email: null, displayName: 'Borne 1', role: 'booth' },
      { now: core.clock.now(), device: core.ctx.deviceId },
    );
    core.ctx.session.set(u.id);
    await expect(core.router.call('booths.reloadPaper', { booth: b.id })).rejects.toThrow(/operator PIN/);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'booths.reloadPaper' AND outcome = 'failed'")).toBe(1);
    expect((await core.router.call('booths.list', {}))[0]!.remainingPrints).toBe(100);
    expect((await core.router.call('kiosk.unlock', { pin: '482913' })).allowed).toBe(true);
    expect((await core.router.call('booths.reloadPaper', { booth: b.id })).remainingPrints).toBe(700);
    const corr = await core.router.call('booths.correctCounter', { booth: b.id, kind: 'print', delta: -2, reason: 'double trigger' });
    // Just reloaded: the "given back" paper is not on the new roll, so the full roll is the ceiling.
    expect(corr).toMatchObject({ correction: true, count: -2, printsDelta: 0 });
    expect((await core.router.call('booths.list', {}))[0]!.remainingPrints).toBe(700);
    const more = await core.router.call('booths.correctCounter', { booth: b.id, kind: 'print', delta: 3, reason: 'missed triggers' });
    expect(more.printsDelta).toBe(-3);
    expect((await core.router.call('booths.list', {}))[0]!.remainingPrints).toBe(697);

    core.clock.advance(61_000);
    await expect(core.router.call('booths.correctCounter', { booth: b.id, kind: 'print', delta: 1, reason: 'again' })).rejects.toThrow(
      /operator PIN/,
    );
  });

  it('offline during its event, disk and temperature alerts follow the latest facts', async () => {
    const b = await core.router.call('booths.create', { name: 'Borne 1' });
    const now = core.clock.now();
    await core.router.call('bookings.create', { boothId: b.id, clientName: 'Gala', startsAt: now - 60_000, endsAt: now + 3_600_000 });
    core.ctx.db.prepare("UPDATE booths SET status = 'offline' WHERE id = ?").run(b.id);
    core.ctx.db
      .prepare(
        "INSERT INTO booth_health (id, booth_id, sampled_at, disk_free_pct, temperature_c, created_at, updated_at, origin_device) VALUES ('h1', ?, ?, 5, 90, ?, ?, 'd')",
      )
      .run(b.id, now, now, now);
    const { evaluateBoothAlerts } = await import('@core/modules/alerts/evaluate.js');
    evaluateBoothAlerts(core.ctx, b.id);
    const kinds = (await core.router.call('alerts.list', { open: true })).map((a) => a.kind).sort();
    expect(kinds).toEqual(['disk_low', 'high_temperature', 'offline_during_event']);
    core.ctx.db.prepare("UPDATE booths SET status = 'online' WHERE id = ?").run(b.id);
    core.clock.advance(11 * 60_000); // the sample is stale: says nothing any more
    evaluateBoothAlerts(core.ctx, b.id);
    expect(await core.router.call('alerts.list', { open: true })).toEqual([]);
    expect(pushed.filter((p) => p.event === 'alert.cleared')).toHaveLength(3);
  });
});
