/**
 * Hand mutations of the business rules: each is one small, realistic wrong edit (the kind a
 * refactor or a hurried fix makes) and the test files that must catch it. `npm run mutate:hand`
 * applies them one at a time on a temporary copy of the tree and reports killed / survived.
 *
 * `find` (a string, or a RegExp whose `replace` may use $1…) must occur exactly once in `file` (otherwise the mutation is reported as stale and the
 * run fails: the code moved and this list needs updating, never a silent skip).
 * 1–7 are the survivors of issue 19; H* are the SQL hand mutations (hub policies, push/pull
 * functions, local triggers). A SQL mutation names what it changes in `defines` (a RegExp matching
 * each (re)definition): a later migration that redefines it makes the mutation stale, never a
 * mutant of dead code.
 */
export const MUTATIONS = [
  {
    id: '1-csv-no-transaction',
    what: 'CSV import without its transaction (each row commits alone)',
    file: 'electron/core/modules/csv/importer.ts',
    find: 'return ic.db.transaction((): CsvImportResult => {',
    replace: 'return ((): CsvImportResult => {',
    tests: ['tests/core/csv-atomicity.test.ts', 'tests/core/csv.test.ts'],
  },
  {
    id: '2a-z-fixed-95',
    what: "Reorder maths with z fixed at the 95 % quantile, ignoring the product's service level",
    file: 'electron/core/modules/forecast/replenishment.ts',
    find: 'normalQuantile(x.serviceLevel)',
    replace: 'normalQuantile(0.95)',
    tests: ['tests/unit/forecast/service-level.test.ts', 'tests/unit/forecast/replenishment.test.ts'],
  },
  {
    id: '2b-advice-ignores-service-level',
    what: "The advice passes 0.95 instead of the product's service level",
    file: 'electron/core/modules/forecast/advice.ts',
    find: 'serviceLevel: p.serviceLevel,',
    replace: 'serviceLevel: 0.95,',
    tests: ['tests/core/forecast-service-level.test.ts'],
  },
  {
    id: '3-recordBatch-viewer',
    what: 'stock.recordBatch callable by a viewer',
    file: 'shared/contract/stock.ts',
    // The roles line of that channel, wherever its input and output definitions go.
    find: /('stock\.recordBatch': \{(?:(?!\n  '[a-z])[\s\S])*?\n    roles: )INSTALLER_WRITE,/,
    replace: "$1['admin', 'installer', 'viewer'],",
    tests: ['tests/contract/contract.test.ts'],
  },
  {
    id: '4-pull-cursor-gte',
    what: 'Pull cursor gt → gte (each page re-reads the previous page’s last row)',
    file: 'electron/core/modules/sync/engine.ts',
    find: 'sync_seq.gt.${c.seq}',
    replace: 'sync_seq.gte.${c.seq}',
    tests: ['tests/core/sync-engine.test.ts', 'tests/core/sync-guards.test.ts'],
    timeoutMs: 240_000,
  },
  {
    id: '5-push-replay-gte',
    what: 'Hub push replay `> v_last` → `>=`: the mutation at the device counter is inserted again',
    // The push as redefined by 20261208010001 (rows read straight from the batch, per table).
    file: 'supabase/migrations/20261208010001_opsdeck_push_lean.sql',
    defines: /create or replace function public\.opsdeck_push\(/i,
    find: "where x->>''t'' = %L and (x->>''m'')::bigint > $3';",
    replace: "where x->>''t'' = %L and (x->>''m'')::bigint >= $3';",
    tests: ['tests/core/sync-guards.test.ts'],
  },
  {
    id: '6-booth-counters-same-router',
    what: 'Booth counter read policy widened to booths behind the same router',
    file: 'supabase/migrations/20261124000001_opsdeck_business.sql',
    defines: /policy (if exists )?booth_counter_events_read\b/i,
    find: "or ((select public.opsdeck_role()) = 'booth' and booth_id = (select public.opsdeck_booth_id()) and not public.opsdeck_owns_device(origin_device)));",
    replace:
      "or ((select public.opsdeck_role()) = 'booth' and public.opsdeck_booth_visible(booth_id) and not public.opsdeck_owns_device(origin_device)));",
    tests: ['tests/core/sync-guards.test.ts'],
  },
  {
    id: '7-backup-no-integrity-check',
    what: 'integrity_check removed from backup verification',
    file: 'electron/core/db/backup.ts',
    find: /if \(ok !== 'ok'\) throw [^;]*;/,
    replace: 'void ok;',
    tests: ['tests/core/backup-integrity.test.ts', 'tests/core/backup.test.ts'],
  },
  // ---- SQL hand mutations -------------------------------------------------------------------
  {
    id: 'H1-hub-movements-readable-by-booth',
    what: 'Hub policy: stock movements readable by every signed-in role (booth devices included)',
    file: 'supabase/migrations/20261124000001_opsdeck_business.sql',
    defines: /policy (if exists )?stock_movements_read\b/i,
    find: 'create policy stock_movements_read on public.stock_movements for select to authenticated using ((select public.opsdeck_is_staff()));',
    replace: 'create policy stock_movements_read on public.stock_movements for select to authenticated using (true);',
    tests: ['tests/core/sync-rls.test.ts'],
  },
  {
    id: 'H2-hub-installer-appends-any-device',
    what: 'Hub policy: an installer appends ledger rows for any device, not only the ones it claimed',
    // The stock ledger's INSERT policy as redefined by 20261207020001 (role read once per statement).
    file: 'supabase/migrations/20261207020001_opsdeck_push_own_rows.sql',
    defines: /policy (if exists )?stock_movements_insert\b/i,
    find: "create policy stock_movements_insert on public.stock_movements for insert to authenticated\n  with check ((select public.opsdeck_is_admin())\n              or ((select public.opsdeck_role()) = 'installer' and public.opsdeck_owns_device(origin_device)));",
    replace:
      "create policy stock_movements_insert on public.stock_movements for insert to authenticated\n  with check ((select public.opsdeck_is_admin())\n              or ((select public.opsdeck_role()) = 'installer'));",
    tests: ['tests/core/sync-rls.test.ts'],
  },
  {
    id: 'H3-hub-push-counter-stuck',
    what: 'Hub push: the device counter is not moved (every replay applies again)',
    file: 'supabase/migrations/20261208010001_opsdeck_push_lean.sql',
    defines: /create or replace function public\.opsdeck_push\(/i,
    find: 'update public.sync_devices set last_mutation_id = v_max, last_push_at = now() where device_id = p_device;',
    replace: 'update public.sync_devices set last_push_at = now() where device_id = p_device;',
    tests: ['tests/core/sync-guards.test.ts'],
  },
  {
    id: 'H4-hub-pull-plan-cursor-gte',
    what: 'Hub pull plan: a table counts as having rows at the cursor itself (>= instead of >)',
    file: 'supabase/migrations/20261206000001_opsdeck_identity.sql',
    defines: /create or replace function public\.opsdeck_pull_plan\(/i,
    find: 'where sync_txid < $1 and (sync_txid, sync_seq) > ($2, $3))',
    replace: 'where sync_txid < $1 and (sync_txid, sync_seq) >= ($2, $3))',
    tests: ['tests/core/sync-guards.test.ts'],
  },
  {
    id: 'H5-local-balance-overwrite',
    what: 'Local trigger: a movement overwrites the balance instead of adding to it',
    file: 'electron/core/db/migrations/0010_catalog_stock.sql',
    defines: /TRIGGER (IF EXISTS )?stock_movements_balance\b/i,
    find: '  VALUES (NEW.product_id, NEW.location_id, NEW.delta, NEW.occurred_at)\n  ON CONFLICT (product_id, location_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand,',
    replace:
      '  VALUES (NEW.product_id, NEW.location_id, NEW.delta, NEW.occurred_at)\n  ON CONFLICT (product_id, location_id) DO UPDATE SET on_hand = excluded.on_hand,',
    tests: ['tests/core/catalog-stock.test.ts'],
  },
  {
    id: 'H6-local-transfer-destination-delta',
    what: 'Local trigger: a transfer credits its destination with the delta (negative) instead of the quantity',
    file: 'electron/core/db/migrations/0010_catalog_stock.sql',
    defines: /TRIGGER (IF EXISTS )?stock_movements_balance\b/i,
    find: 'SELECT NEW.product_id, NEW.to_location_id, NEW.quantity, NEW.occurred_at WHERE NEW.to_location_id IS NOT NULL',
    replace: 'SELECT NEW.product_id, NEW.to_location_id, NEW.delta, NEW.occurred_at WHERE NEW.to_location_id IS NOT NULL',
    tests: ['tests/core/catalog-stock.test.ts'],
  },
  {
    id: 'H7-local-ledger-updatable',
    what: 'Local trigger: the stock ledger is no longer append-only (updates allowed)',
    file: 'electron/core/db/migrations/0010_catalog_stock.sql',
    defines: /TRIGGER (IF EXISTS )?stock_movements_no_update\b/i,
    find: "CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements\nBEGIN SELECT RAISE(ABORT, 'stock_movements is an append-only ledger'); END;",
    replace: '',
    tests: ['tests/core/catalog-stock.test.ts'],
  },
  {
    id: 'H8-local-pulled-counter-no-clamp',
    what: 'Local trigger: a pulled counter row takes remaining prints below zero',
    file: 'electron/core/db/migrations/0041_sync_business.sql',
    defines: /TRIGGER (IF EXISTS )?booth_counter_events_pulled\b/i,
    find: 'UPDATE booths SET remaining_prints = max(0, remaining_prints + NEW.prints_delta) WHERE id = NEW.booth_id AND NEW.prints_delta <> 0;',
    replace: 'UPDATE booths SET remaining_prints = remaining_prints + NEW.prints_delta WHERE id = NEW.booth_id AND NEW.prints_delta <> 0;',
    tests: ['tests/core/sync-pulled-counters.test.ts', 'tests/core/sync-registry.test.ts'],
  },
  {
    id: 'H9-local-pulled-counter-ignored',
    what: 'Local trigger: a pulled counter row does not move remaining prints',
    file: 'electron/core/db/migrations/0041_sync_business.sql',
    defines: /TRIGGER (IF EXISTS )?booth_counter_events_pulled\b/i,
    find: 'UPDATE booths SET remaining_prints = max(0, remaining_prints + NEW.prints_delta) WHERE id = NEW.booth_id AND NEW.prints_delta <> 0;',
    replace: 'SELECT 1;',
    tests: ['tests/core/sync-registry.test.ts', 'tests/core/sync-business.test.ts'],
  },
];
