import http from 'node:http';
import { describe, test, expect } from 'vitest';
import { startTriggerServer } from '@core/modules/agent/server.js';
import { DEMO_HUB_USERS, DEMO_BOOTH_IDS } from '../fixtures/hub-double/users.js';
import { makeSyncDevice } from '../fixtures/sync-devices.js';
import { T, deviceIds, syncMeta, useRlsHub, type Account } from '../fixtures/hub-rls.js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

/**
 * Issue 12: the per-booth trigger secret is synced (booth_trigger_secrets). On the hub, admins and
 * installers read and write every booth's; a booth account only its own booth's row; viewers,
 * other booths, role-less accounts and anon nothing. Then the office's new secret reaches the
 * booth PC, whose listener takes only the URL carrying it.
 */
type Who = 'admin' | 'installer' | 'viewer' | 'booth1' | 'booth2' | 'stranger' | 'anon';
const WHO: Who[] = ['admin', 'installer', 'viewer', 'booth1', 'booth2', 'stranger', 'anon'];
const DEV = deviceIds('c0000000', 1, WHO);
const [B1, B2] = DEMO_BOOTH_IDS as readonly [string, string];
/** Booth accounts are the demo users tied to each booth; a stranger signs up and has no role. */
const account = (who: Who): Account =>
  who === 'anon' || who === 'stranger'
    ? who
    : who === 'booth1' || who === 'booth2'
      ? DEMO_HUB_USERS.find((x) => x.role === 'booth' && x.boothId === (who === 'booth1' ? B1 : B2))!
      : DEMO_HUB_USERS.find((x) => x.role === who)!;
const SECRET = (n: number) => `secret-${String(n).padStart(16, '0')}`;

export function triggerSecretSuite(label: string, open: () => Promise<HubDouble>): void {
  describe(label, () => {
    const rls = useRlsHub(open, DEV, {
      account,
      seed: async (put) => {
        for (const [id, name] of [
          [B1, 'Borne Une'],
          [B2, 'Borne Deux'],
        ] as const) {
          await put('booths', { id, name, ...syncMeta(DEV.admin) });
          await put('booth_trigger_secrets', { id, booth_id: id, secret: SECRET(id === B1 ? 1 : 2), ...syncMeta(DEV.admin) });
        }
      },
      timeoutMs: 180_000,
    });
    const stored = async (booth: string) => (await rls.column('booth_trigger_secrets', booth, 'secret')) as string | null | undefined;

    const reads: Record<Who, string[]> = {
      admin: [B1, B2],
      installer: [B1, B2],
      viewer: [],
      booth1: [B1],
      booth2: [B2],
      stranger: [],
      anon: [],
    };
    for (const who of WHO) {
      test(`${who} reads the secrets of: ${reads[who].length ? reads[who].map((b) => (b === B1 ? 'booth 1' : 'booth 2')).join(', ') : 'no booth'}`, async () => {
        const { data, error } = await rls.as(who).from('booth_trigger_secrets').select('id, secret').order('id');
        if (who === 'anon') {
          expect(error?.code).toBe('42501');
          return;
        }
        expect(error).toBeNull();
        expect(data!.map((r) => r.id)).toEqual([...reads[who]].sort());
      });
    }

    const writes: Record<Who, string[]> = {
      admin: [B1, B2],
      installer: [B1, B2],
      viewer: [],
      booth1: [B1],
      booth2: [B2],
      stranger: [],
      anon: [],
    };
    for (const who of WHO) {
      test(`${who} changes the secret of: ${writes[who].length ? writes[who].map((b) => (b === B1 ? 'booth 1' : 'booth 2')).join(', ') : 'no booth'} (update and upsert)`, async () => {
        for (const booth of [B1, B2]) {
          const before = await stored(booth);
          const value = SECRET(Math.floor(Math.random() * 1e12));
          await rls.as(who).from('booth_trigger_secrets').update({ secret: value, origin_device: DEV[who] }).eq('id', booth);
          const mayWrite = writes[who].includes(booth);
          expect(await stored(booth)).toBe(mayWrite ? value : before);
          // An upsert (what a push of a row the device does not have yet does) follows the same rule.
          const again = SECRET(Math.floor(Math.random() * 1e12));
          const up = await rls
            .as(who)
            .from('booth_trigger_secrets')
            .upsert({
              id: booth,
              booth_id: booth,
              secret: again,
              created_at: T,
              updated_at: T + 1,
              deleted_at: null,
              origin_device: DEV[who],
            });
          if (mayWrite) expect(up.error).toBeNull();
          else expect(up.error?.code).toBe('42501');
          expect(await stored(booth)).toBe(mayWrite ? again : before);
        }
      });
    }

    test('nobody hard-deletes a secret row; a malformed secret is refused by the CHECK', async () => {
      for (const who of WHO) {
        const { error } = await rls.as(who).from('booth_trigger_secrets').delete().neq('id', '');
        expect(error?.code).toBe('42501');
      }
      const bad = await rls.as('admin').from('booth_trigger_secrets').update({ secret: 'short' }).eq('id', B1);
      expect(bad.error?.code).toBe('23514');
      expect(await rls.count('booth_trigger_secrets')).toBe(2);
    });

    test("the office's new secret reaches the booth PC: its listener takes only the URL carrying it", async () => {
      const hub = rls.hub();
      // Booth 1's account owns the device claimed above: an admin releases it for the booth PC.
      await hub.db.query('select public.opsdeck_move_device($1, null)', [DEV.booth1]);
      const office = await makeSyncDevice(hub, 'admin@opsdeck.test', 'admin-pass-1');
      const boothUser = DEMO_HUB_USERS.find((x) => x.role === 'booth' && x.boothId === B1)!;
      const boothPc = await makeSyncDevice(hub, boothUser.email, boothUser.password);
      const listeners: Array<{ close(): Promise<void> }> = [];
      try {
        expect(await office.round()).toMatchObject({ ok: true });
        expect(await boothPc.round()).toMatchObject({ ok: true });
        // Both devices have booth 1 from the hub; the office makes a new secret in the booth form.
        const set = await office.core.router.call('booths.setTriggerSecret', { id: B1, action: 'new' });
        expect(set.secret).toMatch(/^[A-Za-z0-9_-]{24}$/);
        expect(set.path).toBe(`/dslrbooth/${set.secret}`);
        expect(await office.round()).toMatchObject({ ok: true });
        expect(await stored(B1)).toBe(set.secret);
        expect(await boothPc.round()).toMatchObject({ ok: true });
        const server = await startTriggerServer(boothPc.core.ctx, B1, { host: '127.0.0.1', port: 0 });
        listeners.push(server);
        const get = (p: string) =>
          new Promise<number>((resolve, reject) =>
            http
              .get({ host: '127.0.0.1', port: server.port, path: p }, (res) => (res.resume(), resolve(res.statusCode!)))
              .on('error', reject),
          );
        const q = '?event_type=printing&param1=f.jpg&param2=1';
        expect(await get('/dslrbooth' + q)).toBe(403);
        expect(await get(`/dslrbooth/${SECRET(1)}` + q)).toBe(403);
        expect(await get(set.path + q)).toBe(200);
        // Removed at the office: the plain URL counts again on the booth PC after a round each.
        const off = await office.core.router.call('booths.setTriggerSecret', { id: B1, action: 'off' });
        expect(off).toMatchObject({ secret: null, path: '/dslrbooth' });
        expect(await office.round()).toMatchObject({ ok: true });
        expect(await boothPc.round()).toMatchObject({ ok: true });
        expect(await get('/dslrbooth' + q)).toBe(200);
      } finally {
        for (const l of listeners) await l.close();
        office.dispose();
        boothPc.dispose();
      }
    }, 120_000);
  });
}
