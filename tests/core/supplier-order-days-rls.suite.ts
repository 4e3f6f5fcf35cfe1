import { describe, test, expect } from 'vitest';
import {
  WHO,
  type Who,
  deviceIds,
  hardDeletesRefused,
  idMaker,
  insertMatrix,
  readMatrix,
  rolesIn,
  syncMeta,
  T,
  updateMatrix,
  useRlsHub,
} from '../fixtures/hub-rls.js';
import type { HubDouble } from '../fixtures/hub-double/server.js';

/**
 * Suppliers' order days on the hub (issue 17, item 4; hub migration 20261210020001): admins write;
 * admins, viewers (the office) and installers (their laptops forecast and show the advice) read;
 * booth devices nothing; anon nothing; no hard delete. One row per supplier (id = the supplier's
 * name): two devices pushing the same supplier's days meet on one row, the last push wins and the
 * version it replaced is in `conflicts`. Run on PGlite (supplier-order-days-rls.test.ts) and
 * PostgreSQL 15 (supplier-order-days-rls-pg.test.ts), both grant defaults.
 */
const DEV = deviceIds('a1700000', 1, WHO);
const OTHER_ADMIN_DEVICE = idMaker('a1700000', 50)();

/** Tue + Fri = bits 2 and 5. */
const TUE_FRI = (1 << 2) | (1 << 5);
const orderDaysRow = (supplier: string, weekdays: number, device: string, t = T) => ({
  id: supplier,
  supplier,
  weekdays,
  ...syncMeta(device, t),
});

export function supplierOrderDaysRls(label: string, open: () => Promise<HubDouble>): void {
  describe(label, () => {
    const rls = useRlsHub<Who>(open, DEV, {
      seed: async (put) => {
        await put('supplier_order_days', orderDaysRow('Papeterie Nord', TUE_FRI, DEV.admin));
        await put('supplier_order_days', orderDaysRow('Emballages Rhône', 1 << 1, DEV.admin));
      },
    });

    describe('privileges and registry', () => {
      test('anon none, authenticated exactly select/insert/update, service_role all, RLS on; registered after the demand drivers', async () => {
        const db = rls.hub().db;
        const privs = async (role: string) =>
          (
            await db.query<{ p: string }>(
              `select privilege_type as p from information_schema.role_table_grants
                where table_schema = 'public' and table_name = 'supplier_order_days' and grantee = $1 order by 1`,
              [role],
            )
          ).rows.map((r) => r.p);
        expect(await privs('anon')).toEqual([]);
        expect(await privs('authenticated')).toEqual(['INSERT', 'SELECT', 'UPDATE']);
        expect(await privs('service_role')).toEqual(expect.arrayContaining(['DELETE', 'INSERT', 'SELECT', 'TRUNCATE', 'UPDATE']));
        const on = await db.query<{ on: boolean }>(
          `select relrowsecurity as on from pg_class where oid = 'public.supplier_order_days'::regclass`,
        );
        expect(on.rows[0]!.on).toBe(true);
        const reg = await db.query<{ kind: string; columns: string[]; pull_order: number }>(
          `select kind, columns, pull_order from public.opsdeck_synced_tables where name = 'supplier_order_days'`,
        );
        expect(reg.rows[0]).toEqual({
          kind: 'mutable',
          columns: ['id', 'supplier', 'weekdays', 'created_at', 'updated_at', 'deleted_at', 'origin_device'],
          pull_order: 212,
        });
      });
    });

    describe('reads', () => {
      readMatrix(rls, WHO, [
        { table: 'supplier_order_days', id: 'Papeterie Nord', allowed: rolesIn('admin', 'installer', 'viewer') },
        { table: 'supplier_order_days', id: 'Emballages Rhône', allowed: rolesIn('admin', 'installer', 'viewer') },
      ]);
      test('the pull plan points staff devices at the table, never a booth device', async () => {
        for (const who of ['admin', 'installer', 'viewer'] as const) {
          const plan = await rls.as(who).rpc('opsdeck_pull_plan', { p_cursors: {} });
          expect(plan.error).toBeNull();
          expect(plan.data.tables, who).toContain('supplier_order_days');
        }
        const booth = await rls.as('booth').rpc('opsdeck_pull_plan', { p_cursors: {} });
        expect(booth.error).toBeNull();
        expect(booth.data.tables).not.toContain('supplier_order_days');
      });
    });

    describe('writes', () => {
      insertMatrix(rls, WHO, [
        {
          label: "a supplier's order days",
          table: 'supplier_order_days',
          row: (w) => orderDaysRow(`Fournisseur ${w}`, 1 << 3, DEV[w]),
          allowed: rolesIn('admin'),
        },
      ]);
      updateMatrix(rls, WHO, [
        {
          table: 'supplier_order_days',
          id: 'Emballages Rhône',
          col: 'weekdays',
          value: (w) => 1 + WHO.indexOf(w),
          start: 64,
          allowed: rolesIn('admin'),
        },
        {
          table: 'supplier_order_days',
          id: 'Emballages Rhône',
          col: 'deleted_at',
          value: (w) => T + 100 + WHO.indexOf(w),
          start: null,
          allowed: rolesIn('admin'),
          label: 'a tombstone on Emballages Rhône',
        },
      ]);
      hardDeletesRefused(rls, WHO, ['supplier_order_days']);

      test('the same CHECKs as the local table: the id is the supplier, days 1–127, a name of 1–200 characters', async () => {
        const admin = rls.as('admin');
        const before = await rls.count('supplier_order_days');
        for (const row of [
          { ...orderDaysRow('Autre', 4, DEV.admin), id: 'not-the-supplier' },
          orderDaysRow('Zéro', 0, DEV.admin),
          orderDaysRow('Huit', 128, DEV.admin),
          orderDaysRow('', 4, DEV.admin),
          orderDaysRow('x'.repeat(201), 4, DEV.admin),
          { ...orderDaysRow('Horloge', 4, DEV.admin), updated_at: T - 1 },
        ]) {
          const { error } = await admin.from('supplier_order_days').insert(row);
          expect(error?.code, JSON.stringify(row).slice(0, 80)).toBe('23514');
        }
        expect(await rls.count('supplier_order_days')).toBe(before);
      });
    });

    describe('through opsdeck_push (the path devices use)', () => {
      test('a viewer or installer pushing order days is refused for that row; the counter still moves', async () => {
        for (const who of ['viewer', 'installer'] as const) {
          const r = await rls.as(who).rpc('opsdeck_push', {
            p_device: DEV[who],
            p_mutations: [{ m: 1, t: 'supplier_order_days', r: orderDaysRow('Papeterie Nord', 1, DEV[who], T + 5), b: null }],
          });
          expect(r.error).toBeNull();
          expect(r.data.rejected).toEqual([{ m: 1, code: '42501', message: expect.stringContaining('row-level security') }]);
        }
        expect(await rls.column('supplier_order_days', 'Papeterie Nord', 'weekdays')).toBe(TUE_FRI);
      });

      test('two admin devices set the same supplier: one row, the last push wins, the replaced days are in the conflict log', async () => {
        const admin = rls.as('admin');
        expect((await admin.rpc('opsdeck_claim_device', { p_device: OTHER_ADMIN_DEVICE })).error).toBeNull();
        const conflictsBefore = await rls.count('conflicts');
        // Device A: Tuesday and Friday, over a supplier neither device had pulled.
        const a = await admin.rpc('opsdeck_push', {
          p_device: DEV.admin,
          p_mutations: [{ m: 10, t: 'supplier_order_days', r: orderDaysRow('Bureau Vallée', TUE_FRI, DEV.admin, T + 10), b: null }],
        });
        expect(a.data).toMatchObject({ applied: 1, rejected: [] });
        // Device B, offline meanwhile: Monday only.
        const b = await admin.rpc('opsdeck_push', {
          p_device: OTHER_ADMIN_DEVICE,
          p_mutations: [{ m: 1, t: 'supplier_order_days', r: orderDaysRow('Bureau Vallée', 1 << 1, OTHER_ADMIN_DEVICE, T + 20), b: null }],
        });
        expect(b.data).toMatchObject({ applied: 1, conflicts: 1, rejected: [] });
        const { rows } = await rls
          .hub()
          .db.query<{ n: number }>(`select count(*)::int as n from public.supplier_order_days where supplier = 'Bureau Vallée'`);
        expect(rows[0]!.n).toBe(1);
        expect(await rls.column('supplier_order_days', 'Bureau Vallée', 'weekdays')).toBe(1 << 1);
        expect(await rls.count('conflicts')).toBe(conflictsBefore + 1);
        // Every staff device pulls the conflict log: the office sees whose days were replaced.
        const { data } = await rls
          .as('viewer')
          .from('conflicts')
          .select('table_name, row_id, winner, loser, winner_device, loser_device')
          .eq('row_id', 'Bureau Vallée');
        expect(data).toHaveLength(1);
        const c = data![0] as { table_name: string; winner: string; loser: string; winner_device: string; loser_device: string };
        expect(c).toMatchObject({ table_name: 'supplier_order_days', winner_device: OTHER_ADMIN_DEVICE, loser_device: DEV.admin });
        expect(JSON.parse(c.loser)).toMatchObject({ supplier: 'Bureau Vallée', weekdays: TUE_FRI });
        expect(JSON.parse(c.winner)).toMatchObject({ supplier: 'Bureau Vallée', weekdays: 1 << 1 });
      });
    });
  });
}
