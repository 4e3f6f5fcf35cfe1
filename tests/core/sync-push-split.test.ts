import { test, expect, beforeAll, afterAll } from 'vitest';
import { newId } from '@core/db/ids.js';
import { PUSH_BATCH } from '@core/modules/sync/engine.js';
import { makeSyncDevice } from '../fixtures/sync-devices.js';
import { DEMO_HUB_USERS } from '../fixtures/hub-double/users.js';
import { startHubDouble } from '../fixtures/hub-double/server.js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

// Issue 12: a push the hub cannot finish within its statement timeout was answered 500 and the
// app sent the same batch again for ever. Now the device splits a batch that times out (or gets a
// 5xx) and sends the halves, in order, until each fits.
let hub: HubDouble;
beforeAll(async () => {
  hub = await startHubDouble({ users: DEMO_HUB_USERS, pushTimeoutAbove: 100 });
});
afterAll(async () => {
  await hub?.close();
});

test('a batch that hits the statement timeout is split and retried in halves: every row arrives once, the round succeeds', async () => {
  const admin = DEMO_HUB_USERS.find((u) => u.role === 'admin')!;
  const d = await makeSyncDevice(hub, admin.email, admin.password);
  try {
    const now = d.core.clock.now();
    const ids: string[] = [];
    const ins = d.core.ctx.db.prepare(
      `INSERT INTO audit_log (id, at, action, outcome, details, created_at, updated_at, origin_device) VALUES (?, ?, 'split', 'ok', '{}', ?, ?, ?)`,
    );
    d.core.ctx.db.transaction(() => {
      for (let i = 0; i < 450; i++) {
        const id = newId();
        ids.push(id);
        ins.run(id, now, now, now, d.core.ctx.deviceId);
      }
    })();
    expect(PUSH_BATCH).toBeGreaterThan(100);
    const s = await d.round();
    expect(s.error).toBeNull();
    expect(s.ok).toBe(true);
    expect(hub.stats.timeouts).toBeGreaterThan(0);
    const onHub = (
      await hub.db.query<{ n: number }>("select count(*)::int as n from public.audit_log where action = 'split' and id = any($1)", [ids])
    ).rows[0]!.n;
    expect(onHub).toBe(450);
    expect(s.deadLetters).toBe(0);
    // Nothing left to send; a further round pushes nothing.
    const again = await d.round();
    expect(again).toMatchObject({ ok: true, pushed: 0 });
  } finally {
    d.dispose();
  }
}, 120_000);
