-- OpsDeck hub, a leaner push (issue 12, push speed). The previous version grouped the batch into
-- one JSON document per table (every row copied into an aggregate, then out of it again) before
-- inserting; this one counts the mutations per table and inserts each table's rows straight from
-- the batch, in mutation order. Same checks, same answer ({last, applied, skipped, conflicts,
-- rejected, txid}), same row-by-row fallback (built only when a table's statement fails); RLS
-- decides as before, the insert runs as the caller.
--
-- One transaction, safe to run again. Privileges restated per role (anon: nothing; authenticated:
-- the RPC; service_role: all), the same under Supabase's old and new grant defaults.
begin;

create or replace function public.opsdeck_push(p_device text, p_mutations jsonb)
returns jsonb language plpgsql set search_path = public, pg_temp as $$
declare
  v_last bigint;
  v_max bigint;
  v_bad bigint;
  v_skipped bigint;
  v_counts jsonb;
  v_tbl record;
  v_rows jsonb;
  v_ms jsonb;
  v_have text[];
  v_sql text;
  v_one text;
  v_cols text;
  v_from text;
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

  -- Counts only: how many mutations above the counter per table, and the replays.
  select coalesce(jsonb_object_agg(t, n) filter (where n > 0), '{}'::jsonb), coalesce(sum(s), 0)
    into v_counts, v_skipped
    from (select x->>'t' as t, count(*) filter (where (x->>'m')::bigint > v_last) as n,
                 count(*) filter (where (x->>'m')::bigint <= v_last) as s
            from jsonb_array_elements(p_mutations) x group by 1) c;

  select coalesce(array_agg(jsonb_build_object('m', (x->>'m')::bigint, 'code', '42P01', 'message', 'not a synced table: ' || (x->>'t'))
                            order by (x->>'m')::bigint), v_rejected)
    into v_rejected
    from jsonb_array_elements(p_mutations) x
   where (x->>'m')::bigint > v_last and v_counts ? (x->>'t')
     and not exists (select 1 from public.opsdeck_synced_tables t where t.name = x->>'t' and not t.hub_only);

  -- The rows of one table, above the counter, in mutation order, straight from the batch.
  v_from := 'from jsonb_array_elements($1) x cross join lateral jsonb_populate_record(null::public.%I, x->''r'') s
              where x->>''t'' = %L and (x->>''m'')::bigint > $3';
  for v_tbl in select t.name, t.kind, t.columns from public.opsdeck_synced_tables t
                where not t.hub_only and v_counts ? t.name
                order by t.pull_order loop
    v_cols := (select string_agg(format('%I', c), ', ') from unnest(v_tbl.columns) c);
    v_sql := format('insert into public.%I (%s) select %s ' || v_from, v_tbl.name, v_cols,
                    (select string_agg(format('s.%I', c), ', ') from unnest(v_tbl.columns) c), v_tbl.name, v_tbl.name);
    -- One row (the fallback): the statement of the previous version.
    v_one := format('insert into public.%I (%s) select %s from jsonb_populate_recordset(null::public.%I, $1) s',
                    v_tbl.name, v_cols, v_cols, v_tbl.name);
    if v_tbl.kind = 'ledger' then
      v_have := public.opsdeck_existing_ids(v_tbl.name, (select array_agg(x->'r'->>'id') from jsonb_array_elements(p_mutations) x
                                                           where x->>'t' = v_tbl.name and (x->>'m')::bigint > v_last));
      if cardinality(v_have) > 0 then
        v_sql := v_sql || ' and s.id <> all($2)';
        v_one := v_one || ' where s.id <> all($2)';
      end if;
      v_sql := v_sql || ' order by (x->>''m'')::bigint';
    else
      v_have := array[]::text[];
      v_sql := v_sql || ' order by (x->>''m'')::bigint' || format(' on conflict (id) do update set %s',
                               (select string_agg(format('%1$I = excluded.%1$I', c), ', ') from unnest(v_tbl.columns) c where c <> 'id'));
      v_one := v_one || format(' on conflict (id) do update set %s',
                               (select string_agg(format('%1$I = excluded.%1$I', c), ', ') from unnest(v_tbl.columns) c where c <> 'id'));
      perform set_config('opsdeck.bases',
        (select coalesce(jsonb_object_agg(x->'r'->>'id', x->'b'), '{}'::jsonb) from jsonb_array_elements(p_mutations) x
          where x->>'t' = v_tbl.name and (x->>'m')::bigint > v_last and jsonb_typeof(x->'b') = 'number' and x->'r'->>'id' is not null)::text, true);
    end if;
    begin
      execute v_sql using p_mutations, v_have, v_last;
      v_applied := v_applied + (v_counts ->> v_tbl.name)::integer;
    exception when others then
      get stacked diagnostics v_code = returned_sqlstate;
      if v_code in ('40001', '40P01', '55P03', '57014') or v_code like '53%' or v_code like '08%' then raise; end if;
      select jsonb_agg(x->'r' order by (x->>'m')::bigint), jsonb_agg((x->>'m')::bigint order by (x->>'m')::bigint)
        into v_rows, v_ms from jsonb_array_elements(p_mutations) x where x->>'t' = v_tbl.name and (x->>'m')::bigint > v_last;
      for i in 0 .. jsonb_array_length(v_rows) - 1 loop
        begin
          execute v_one using jsonb_build_array(v_rows -> i), v_have;
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

revoke all on function public.opsdeck_push(text, jsonb) from public, anon, authenticated, service_role;
grant execute on function public.opsdeck_push(text, jsonb) to authenticated, service_role;

commit;
