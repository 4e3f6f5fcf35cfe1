-- OpsDeck hub, push without the echo (issue 12). opsdeck_push now answers with the id of the
-- transaction that stored the batch (`txid`): a device skips, when it pulls, the ledger rows it
-- wrote itself in the transactions it was told about, instead of downloading again what it just
-- sent (docs/sync.md, "Own rows"). The push also reads its batch once: the mutations are checked,
-- counted and grouped per table in two passes over the JSON instead of one pass per step.
--
-- One transaction, safe to run again. Privileges restated per role (anon: nothing; authenticated:
-- the RPC; service_role: all), the same under Supabase's old and new grant defaults.
begin;

-- Idempotent push. p_mutations: [{m: mutation id, t: table, r: row, b: hub seq the device last saw}].
-- Mutations at or below the device's counter are skipped, so replaying a batch changes nothing
-- more; the counter moves in the same transaction as the rows. Each table's rows go in one
-- statement (as the caller: RLS decides); when that fails, row by row with the statement built
-- once, and a refused row (RLS, CHECK, unique) is reported back without blocking the others.
-- The answer: {last, applied, skipped, conflicts, rejected: [{m, code, message}], txid}.
create or replace function public.opsdeck_push(p_device text, p_mutations jsonb)
returns jsonb language plpgsql set search_path = public, pg_temp as $$
declare
  v_last bigint;
  v_max bigint;
  v_bad bigint;
  v_skipped bigint;
  v_groups jsonb;
  v_tbl record;
  v_rows jsonb;
  v_ms jsonb;
  v_have text[];
  v_sql text;
  v_cols text;
  v_applied integer := 0;
  v_rejected jsonb[] := array[]::jsonb[];
  v_code text;
  v_msg text;
begin
  if p_device is null or p_device !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    raise exception 'invalid device id' using errcode = '22023';
  end if;
  if jsonb_typeof(p_mutations) is distinct from 'array' then
    raise exception 'p_mutations must be an array' using errcode = '22023';
  end if;
  select count(*) filter (where jsonb_typeof(x->'m') is distinct from 'number' or jsonb_typeof(x->'r') is distinct from 'object'
                                or jsonb_typeof(x->'t') is distinct from 'string'),
         max(case when jsonb_typeof(x->'m') = 'number' then (x->>'m')::bigint end)
    into v_bad, v_max
    from jsonb_array_elements(p_mutations) x;
  if v_bad > 0 then
    raise exception 'every mutation needs m (number), t (table) and r (row)' using errcode = '22023';
  end if;
  v_last := public.opsdeck_claim_device(p_device);
  perform set_config('opsdeck.device', p_device, true);
  perform set_config('opsdeck.conflicts', '0', true);
  v_max := greatest(v_last, coalesce(v_max, 0));

  -- One pass: the mutations above the counter, grouped per table in mutation order (rows, their
  -- mutation ids, the bases of mutable rows), and how many were replays.
  select coalesce(jsonb_object_agg(g.t, jsonb_build_object('rows', g.rows, 'ms', g.ms, 'bases', g.bases)) filter (where g.t is not null), '{}'::jsonb),
         coalesce(sum(g.skipped), 0)
    into v_groups, v_skipped
    from (select case when m > v_last then t end as t,
                 jsonb_agg(r order by m) filter (where m > v_last) as rows,
                 jsonb_agg(m order by m) filter (where m > v_last) as ms,
                 coalesce(jsonb_object_agg(r->>'id', b) filter (where m > v_last and jsonb_typeof(b) = 'number' and r->>'id' is not null), '{}'::jsonb) as bases,
                 count(*) filter (where m <= v_last) as skipped
            from (select (x->>'m')::bigint as m, x->>'t' as t, x->'r' as r, x->'b' as b from jsonb_array_elements(p_mutations) x) e
           group by 1) g;

  select coalesce(array_agg(jsonb_build_object('m', m.value, 'code', '42P01', 'message', 'not a synced table: ' || g.key)), v_rejected)
    into v_rejected
    from jsonb_each(v_groups) g cross join lateral jsonb_array_elements(g.value->'ms') m
   where not exists (select 1 from public.opsdeck_synced_tables t where t.name = g.key and not t.hub_only);

  for v_tbl in select t.name, t.kind, t.columns from public.opsdeck_synced_tables t
                where not t.hub_only and v_groups ? t.name
                order by t.pull_order loop
    v_rows := v_groups -> v_tbl.name -> 'rows';
    v_ms := v_groups -> v_tbl.name -> 'ms';
    v_cols := (select string_agg(format('%I', c), ', ') from unnest(v_tbl.columns) c);
    v_sql := format('insert into public.%I (%s) select %s from jsonb_populate_recordset(null::public.%I, $1) s',
                    v_tbl.name, v_cols, v_cols, v_tbl.name);
    if v_tbl.kind = 'ledger' then
      -- Not ON CONFLICT DO NOTHING: that needs the new row to pass the SELECT policies, and a
      -- booth device does not read back its own ledgers. Rows already on the hub are left out.
      v_have := public.opsdeck_existing_ids(v_tbl.name, (select array_agg(r->>'id') from jsonb_array_elements(v_rows) r));
      if cardinality(v_have) > 0 then v_sql := v_sql || ' where s.id <> all($2)'; end if;
    else
      v_have := array[]::text[];
      v_sql := v_sql || format(' on conflict (id) do update set %s',
                               (select string_agg(format('%1$I = excluded.%1$I', c), ', ') from unnest(v_tbl.columns) c where c <> 'id'));
      -- The hub version each row's device had seen, for the conflict log (opsdeck_conflict_log).
      perform set_config('opsdeck.bases', (v_groups -> v_tbl.name -> 'bases')::text, true);
    end if;
    begin
      execute v_sql using v_rows, v_have;
      v_applied := v_applied + jsonb_array_length(v_rows);
    exception when others then
      get stacked diagnostics v_code = returned_sqlstate;
      -- Transient failures abort the whole push; the device retries it unchanged.
      if v_code in ('40001', '40P01', '55P03', '57014') or v_code like '53%' or v_code like '08%' then raise; end if;
      for i in 0 .. jsonb_array_length(v_rows) - 1 loop
        begin
          execute v_sql using jsonb_build_array(v_rows -> i), v_have;
          v_applied := v_applied + 1;
        exception when others then
          get stacked diagnostics v_code = returned_sqlstate, v_msg = message_text;
          if v_code in ('40001', '40P01', '55P03', '57014') or v_code like '53%' or v_code like '08%' then raise; end if;
          v_rejected := v_rejected || jsonb_build_object('m', v_ms -> i, 'code', v_code, 'message', v_msg);
        end;
      end loop;
    end;
  end loop;

  update public.sync_devices set last_mutation_id = v_max, last_push_at = now() where device_id = p_device;
  return jsonb_build_object('last', v_max, 'applied', v_applied, 'skipped', v_skipped,
    'conflicts', coalesce(nullif(current_setting('opsdeck.conflicts', true), '')::integer, 0), 'rejected', to_jsonb(v_rejected),
    'txid', pg_current_xact_id()::text::bigint);
end $$;

-- The ledger INSERT policies, same rules, with the caller's role read once per statement (an
-- initPlan) instead of once per row: opsdeck_appends_facts / opsdeck_own_booth_row parse the JWT
-- claims at every call, and a push inserts up to 500 rows in one statement.
drop policy if exists stock_movements_insert on public.stock_movements;
create policy stock_movements_insert on public.stock_movements for insert to authenticated
  with check ((select public.opsdeck_is_admin())
              or ((select public.opsdeck_role()) = 'installer' and public.opsdeck_owns_device(origin_device)));
drop policy if exists booth_counter_events_insert on public.booth_counter_events;
create policy booth_counter_events_insert on public.booth_counter_events for insert to authenticated
  with check ((select public.opsdeck_is_admin())
              or ((select public.opsdeck_role()) = 'installer' and public.opsdeck_owns_device(origin_device))
              or ((select public.opsdeck_role()) = 'booth' and booth_id = (select public.opsdeck_booth_id())
                  and public.opsdeck_owns_device(origin_device)));
drop policy if exists booth_health_insert on public.booth_health;
create policy booth_health_insert on public.booth_health for insert to authenticated
  with check ((select public.opsdeck_is_admin())
              or ((select public.opsdeck_role()) = 'installer' and public.opsdeck_owns_device(origin_device))
              or ((select public.opsdeck_role()) = 'booth' and booth_id = (select public.opsdeck_booth_id())
                  and public.opsdeck_owns_device(origin_device)));
drop policy if exists speed_tests_insert on public.speed_tests;
create policy speed_tests_insert on public.speed_tests for insert to authenticated
  with check ((select public.opsdeck_is_admin())
              or ((select public.opsdeck_role()) = 'installer' and public.opsdeck_owns_device(origin_device))
              or ((select public.opsdeck_role()) = 'booth' and booth_id = (select public.opsdeck_booth_id())
                  and public.opsdeck_owns_device(origin_device)));

-- Privileges of the push, written out per role: a client account calls it (RLS decides what it
-- stores), nobody else but the service role.
revoke all on function public.opsdeck_push(text, jsonb) from public, anon, authenticated, service_role;
grant execute on function public.opsdeck_push(text, jsonb) to authenticated, service_role;

commit;
