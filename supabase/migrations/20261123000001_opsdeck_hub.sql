-- OpsDeck hub schema: the synced tables, a server-assigned change order, soft deletes, Row Level
-- Security per role (read from the JWT's app_metadata), and the sync RPCs. Runs as-is on a
-- Supabase project (roles anon/authenticated/service_role and auth.jwt()/auth.uid() exist there;
-- the test double creates compatible ones). See docs/sync.md for the protocol.

-- One transaction: the whole file or nothing. Applied once by `supabase db push`; run again by hand
-- (SQL editor, psql) it stops at this guard and changes nothing. Only the files from
-- 20261206000001_opsdeck_identity.sql on are meant to be run again (that one restates every function).
begin;
do $$
begin
  if to_regclass('public.opsdeck_synced_tables') is not null then
    raise exception '20261123000001_opsdeck_hub is already applied: nothing was changed'
      using errcode = '42P07', hint = 'Re-run only the latest migration file, which is safe to run again.';
  end if;
end $$;

-- ---------------------------------------------------------------------------------------------
-- Who is calling (claims come from the JWT PostgREST puts in request.jwt.claims)
-- ---------------------------------------------------------------------------------------------
create or replace function public.opsdeck_role() returns text
language sql stable as $$ select coalesce(auth.jwt() -> 'app_metadata' ->> 'role', '') $$;

create or replace function public.opsdeck_booth_id() returns text
language sql stable as $$ select nullif(auth.jwt() -> 'app_metadata' ->> 'booth_id', '') $$;

create or replace function public.opsdeck_is_staff() returns boolean
language sql stable as $$ select public.opsdeck_role() in ('admin', 'installer', 'viewer') $$;

create or replace function public.opsdeck_is_admin() returns boolean
language sql stable as $$ select public.opsdeck_role() = 'admin' $$;

-- SQLite's json_valid(), so the same CHECK holds on both sides (a cast error is not a CHECK failure).
create or replace function public.opsdeck_json_valid(p text) returns boolean
language plpgsql immutable as $$
begin
  perform p::jsonb;
  return true;
exception when others then
  return false;
end $$;

-- Installers and admins write booth and stock facts and wake commands.
create or replace function public.opsdeck_writes_facts() returns boolean
language sql stable as $$ select public.opsdeck_role() in ('admin', 'installer') $$;

-- ---------------------------------------------------------------------------------------------
-- Registry of synced tables and the change order
-- ---------------------------------------------------------------------------------------------
create table public.opsdeck_synced_tables (
  name text primary key,
  kind text not null check (kind in ('ledger', 'mutable')),
  columns text[] not null check (cardinality(columns) > 0),
  pull_order integer not null,
  hub_only boolean not null default false
);
alter table public.opsdeck_synced_tables enable row level security;
create policy synced_tables_read on public.opsdeck_synced_tables for select to authenticated using (true);
grant select on public.opsdeck_synced_tables to authenticated;

-- The one change order: a sequence stamped by trigger, plus the writing transaction's id so a
-- reader can stop below every transaction still in flight (the late-commit trap).
create sequence public.opsdeck_change_seq;
grant usage on sequence public.opsdeck_change_seq to authenticated;

create or replace function public.opsdeck_stamp() returns trigger
language plpgsql as $$
begin
  new.sync_seq := nextval('public.opsdeck_change_seq');
  new.sync_txid := pg_current_xact_id()::text::bigint;
  new.hub_updated_at := clock_timestamp();
  new.sync_writer := nullif(current_setting('opsdeck.device', true), '');
  return new;
end $$;

create or replace function public.opsdeck_ledger_guard() returns trigger
language plpgsql as $$
begin
  raise exception '% is an append-only ledger', tg_table_name using errcode = '55000';
end $$;

-- Adds the hub columns, the stamp trigger, RLS and grants to one synced table.
create or replace function public.opsdeck_make_synced(p_table text, p_kind text, p_order integer, p_hub_only boolean default false)
returns void language plpgsql as $$
declare v_cols text[];
begin
  select array_agg(column_name::text order by ordinal_position) into v_cols
    from information_schema.columns where table_schema = 'public' and table_name = p_table;
  execute format('alter table public.%I add column sync_seq bigint not null default 0, add column sync_txid bigint not null default 0,
                  add column hub_updated_at timestamptz not null default now(), add column sync_writer text', p_table);
  execute format('create index %I on public.%I (sync_txid, sync_seq)', p_table || '_sync_order', p_table);
  execute format('create trigger opsdeck_stamp before insert or update on public.%I for each row execute function public.opsdeck_stamp()', p_table);
  if p_kind = 'ledger' then
    execute format('create trigger opsdeck_ledger_guard before update or delete on public.%I for each row execute function public.opsdeck_ledger_guard()', p_table);
  end if;
  execute format('alter table public.%I enable row level security', p_table);
  -- Soft deletes only: nobody gets DELETE.
  execute format('grant select, insert, update on public.%I to authenticated', p_table);
  insert into public.opsdeck_synced_tables (name, kind, columns, pull_order, hub_only) values (p_table, p_kind, v_cols, p_order, p_hub_only);
  -- Realtime: the publication may belong to another role (it does on Supabase): a notice, not a failure.
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    begin
      execute format('alter publication supabase_realtime add table public.%I', p_table);
    exception when insufficient_privilege then
      raise notice 'supabase_realtime: % not published (%); enable Realtime for it in the dashboard', p_table, sqlerrm;
    end;
  end if;
end $$;

-- ---------------------------------------------------------------------------------------------
-- Devices and their mutation counters (idempotent push)
-- ---------------------------------------------------------------------------------------------
create table public.sync_devices (
  device_id text primary key check (device_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  owner uuid not null,
  last_mutation_id bigint not null default 0 check (last_mutation_id >= 0),
  claimed_at timestamptz not null default now(),
  last_push_at timestamptz
);
alter table public.sync_devices enable row level security;
create policy sync_devices_own_read on public.sync_devices for select to authenticated using (owner = auth.uid() or public.opsdeck_is_admin());
grant select on public.sync_devices to authenticated;

create or replace function public.opsdeck_owns_device(p_device text) returns boolean
language sql stable security definer set search_path = public, pg_temp as $$
  select exists (select 1 from public.sync_devices where device_id = p_device and owner = auth.uid())
$$;

-- Registers the caller as the device's current user and locks its counter for this push.
create or replace function public.opsdeck_claim_device(p_device text) returns bigint
language plpgsql security definer set search_path = public, pg_temp as $$
declare v_last bigint;
begin
  if auth.uid() is null then raise exception 'sign in first' using errcode = '42501'; end if;
  insert into public.sync_devices (device_id, owner) values (p_device, auth.uid())
    on conflict (device_id) do update set owner = excluded.owner,
      claimed_at = case when sync_devices.owner = excluded.owner then sync_devices.claimed_at else now() end;
  select last_mutation_id into v_last from public.sync_devices where device_id = p_device for update;
  return v_last;
end $$;
revoke all on function public.opsdeck_claim_device(text) from public, anon;
grant execute on function public.opsdeck_claim_device(text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Policies call the JWT helpers as (select …()) so they run once per statement, not per row.
-- Foundation tables (mirrors of electron/core/db/migrations/0001_foundation.sql, same CHECKs)
-- ---------------------------------------------------------------------------------------------
create table public.devices (
  id text primary key,
  name text not null check (length(trim(name)) between 1 and 64),
  mode text not null check (mode in ('office', 'installer', 'booth')),
  platform text,
  last_seen_at bigint,
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null
);
select public.opsdeck_make_synced('devices', 'mutable', 10);
create policy devices_read on public.devices for select to authenticated
  using ((select public.opsdeck_is_staff()) or public.opsdeck_owns_device(id));
create policy devices_insert on public.devices for insert to authenticated
  with check ((select public.opsdeck_is_admin()) or public.opsdeck_owns_device(id));
create policy devices_update on public.devices for update to authenticated
  using ((select public.opsdeck_is_admin()) or public.opsdeck_owns_device(id))
  with check ((select public.opsdeck_is_admin()) or public.opsdeck_owns_device(id));

create table public.users (
  id text primary key,
  email text unique check (email is null or email like '%_@_%'),
  display_name text not null check (length(trim(display_name)) between 1 and 120),
  role text not null check (role in ('admin', 'installer', 'viewer', 'booth')),
  active integer not null default 1 check (active in (0, 1)),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null
);
select public.opsdeck_make_synced('users', 'mutable', 20);
create policy users_read on public.users for select to authenticated using ((select public.opsdeck_is_staff()));
create policy users_insert on public.users for insert to authenticated with check ((select public.opsdeck_is_admin()));
create policy users_update on public.users for update to authenticated using ((select public.opsdeck_is_admin())) with check ((select public.opsdeck_is_admin()));

create table public.settings (
  id text primary key,
  scope text not null check (scope in ('device', 'global')),
  device_id text not null default '' check ((scope = 'global') = (device_id = '')),
  key text not null check (length(key) between 1 and 100),
  value text not null check (public.opsdeck_json_valid(value)),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  unique (scope, device_id, key)
);
select public.opsdeck_make_synced('settings', 'mutable', 30);
create policy settings_read on public.settings for select to authenticated
  using ((select public.opsdeck_is_staff()) or scope = 'global' or public.opsdeck_owns_device(device_id));
create policy settings_insert on public.settings for insert to authenticated
  with check ((select public.opsdeck_is_admin()) or (scope = 'device' and public.opsdeck_owns_device(device_id)));
create policy settings_update on public.settings for update to authenticated
  using ((select public.opsdeck_is_admin()) or (scope = 'device' and public.opsdeck_owns_device(device_id)))
  with check ((select public.opsdeck_is_admin()) or (scope = 'device' and public.opsdeck_owns_device(device_id)));

create table public.audit_log (
  id text primary key,
  at bigint not null,
  user_id text,
  action text not null check (length(action) between 1 and 100),
  target text,
  outcome text not null check (outcome in ('ok', 'refused', 'failed')),
  details text not null default '{}' check (public.opsdeck_json_valid(details)),
  created_at bigint not null,
  updated_at bigint not null,
  deleted_at bigint check (deleted_at is null),
  origin_device text not null
);
select public.opsdeck_make_synced('audit_log', 'ledger', 40);
-- A device reads back its own trail (an idempotent insert … on conflict needs it).
create policy audit_read on public.audit_log for select to authenticated
  using ((select public.opsdeck_is_staff()) or public.opsdeck_owns_device(origin_device));
-- Every device appends its own audit trail, whatever its role.
create policy audit_insert on public.audit_log for insert to authenticated
  with check ((select public.opsdeck_is_admin()) or public.opsdeck_owns_device(origin_device));

-- The conflict log: written only by the hub while applying a push, read by staff.
create table public.conflicts (
  id text primary key default gen_random_uuid()::text,
  table_name text not null,
  row_id text not null,
  winner text not null,
  loser text not null,
  winner_device text,
  loser_device text,
  detected_at bigint not null,
  created_at bigint not null,
  updated_at bigint not null,
  deleted_at bigint check (deleted_at is null),
  origin_device text not null default 'hub'
);
select public.opsdeck_make_synced('conflicts', 'ledger', 1000, true);
revoke insert, update on public.conflicts from authenticated;
create policy conflicts_read on public.conflicts for select to authenticated using ((select public.opsdeck_is_staff()));

-- ---------------------------------------------------------------------------------------------
-- Sync RPCs
-- ---------------------------------------------------------------------------------------------

-- Pull below this bound only: every transaction with a smaller id has finished, so no row can
-- later appear under a cursor that has already moved past it.
create or replace function public.opsdeck_watermark() returns bigint
language sql stable as $$ select pg_snapshot_xmin(pg_current_snapshot())::text::bigint $$;
grant execute on function public.opsdeck_watermark() to authenticated;

-- Logs the versions a push overwrites without having seen them (the losers of last-writer-wins).
create or replace function public.opsdeck_log_conflicts(p_table text, p_columns text[], p_rows jsonb, p_device text)
returns integer language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_cmp text := (select string_agg(format('e.%1$I is distinct from n.%1$I', c), ' or ')
                   from unnest(p_columns) c where c not in ('updated_at', 'origin_device'));
  v_n integer;
begin
  if not public.opsdeck_owns_device(p_device) then
    raise exception 'device % is not claimed by the caller', p_device using errcode = '42501';
  end if;
  if not exists (select 1 from public.opsdeck_synced_tables where name = p_table and kind = 'mutable') then
    raise exception 'not a mutable synced table: %', p_table using errcode = '22023';
  end if;
  execute format(
    'insert into public.conflicts (table_name, row_id, winner, loser, winner_device, loser_device, detected_at, created_at, updated_at)
     select %1$L, e.id, (x->''r'')::text, (to_jsonb(e) - ''sync_seq'' - ''sync_txid'' - ''hub_updated_at'' - ''sync_writer'')::text,
            %2$L, e.sync_writer, t, t, t
       from jsonb_array_elements($1) x
       join public.%1$I e on e.id = x->''r''->>''id''
       cross join lateral jsonb_populate_record(null::public.%1$I, x->''r'') n
       cross join (select (extract(epoch from clock_timestamp()) * 1000)::bigint as t) now_ms
      where e.sync_writer is distinct from %2$L
        and e.sync_seq > coalesce((x->>''b'')::bigint, 0)
        and (%3$s)', p_table, p_device, v_cmp)
  using p_rows;
  get diagnostics v_n = row_count;
  return v_n;
end $$;
revoke all on function public.opsdeck_log_conflicts(text, text[], jsonb, text) from public, anon;
grant execute on function public.opsdeck_log_conflicts(text, text[], jsonb, text) to authenticated;

-- Applies one table's rows of a push (as the caller, so RLS decides).
create or replace function public.opsdeck_apply_rows(p_table text, p_kind text, p_columns text[], p_rows jsonb)
returns void language plpgsql as $$
declare
  v_cols text := (select string_agg(format('%I', c), ', ') from unnest(p_columns) c);
  v_set text := (select string_agg(format('%1$I = excluded.%1$I', c), ', ') from unnest(p_columns) c where c <> 'id');
  v_src text := format('select %s from jsonb_populate_recordset(null::public.%I, (select jsonb_agg(x->''r'') from jsonb_array_elements($1) x))', v_cols, p_table);
begin
  if p_kind = 'ledger' then
    execute format('insert into public.%I (%s) %s on conflict (id) do nothing', p_table, v_cols, v_src) using p_rows;
  else
    execute format('insert into public.%I (%s) %s on conflict (id) do update set %s', p_table, v_cols, v_src, v_set) using p_rows;
  end if;
end $$;

-- Idempotent push. p_mutations: [{m: mutation id, t: table, r: row, b: hub seq the device last saw}].
-- Mutations at or below the device's recorded counter are skipped, so replaying a batch any
-- number of times changes nothing more; the counter moves in the same transaction as the rows.
-- A refused row (RLS, CHECK, unique) is reported back and does not block the others.
create or replace function public.opsdeck_push(p_device text, p_mutations jsonb)
returns jsonb language plpgsql set search_path = public, pg_temp as $$
declare
  v_last bigint;
  v_max bigint;
  v_tbl record;
  v_rows jsonb;
  v_one jsonb;
  v_applied integer := 0;
  v_conflicts integer := 0;
  v_rejected jsonb := '[]'::jsonb;
  v_code text;
  v_msg text;
begin
  if p_device is null or p_device !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    raise exception 'invalid device id' using errcode = '22023';
  end if;
  if jsonb_typeof(p_mutations) is distinct from 'array' then
    raise exception 'p_mutations must be an array' using errcode = '22023';
  end if;
  if exists (select 1 from jsonb_array_elements(p_mutations) x
              where jsonb_typeof(x->'m') <> 'number' or jsonb_typeof(x->'r') <> 'object' or jsonb_typeof(x->'t') <> 'string') then
    raise exception 'every mutation needs m (number), t (table) and r (row)' using errcode = '22023';
  end if;
  v_last := public.opsdeck_claim_device(p_device);
  perform set_config('opsdeck.device', p_device, true);
  select greatest(v_last, coalesce(max((x->>'m')::bigint), 0)) into v_max from jsonb_array_elements(p_mutations) x;

  for v_one in select x from jsonb_array_elements(p_mutations) x
                where (x->>'m')::bigint > v_last
                  and not exists (select 1 from public.opsdeck_synced_tables t where t.name = x->>'t' and not t.hub_only) loop
    v_rejected := v_rejected || jsonb_build_object('m', v_one->'m', 'code', '42P01', 'message', 'not a synced table: ' || (v_one->>'t'));
  end loop;

  for v_tbl in select t.name, t.kind, t.columns from public.opsdeck_synced_tables t
                where not t.hub_only
                  and t.name in (select x->>'t' from jsonb_array_elements(p_mutations) x where (x->>'m')::bigint > v_last)
                order by t.pull_order loop
    select jsonb_agg(x order by (x->>'m')::bigint) into v_rows
      from jsonb_array_elements(p_mutations) x where x->>'t' = v_tbl.name and (x->>'m')::bigint > v_last;
    begin
      if v_tbl.kind = 'mutable' then
        v_conflicts := v_conflicts + public.opsdeck_log_conflicts(v_tbl.name, v_tbl.columns, v_rows, p_device);
      end if;
      perform public.opsdeck_apply_rows(v_tbl.name, v_tbl.kind, v_tbl.columns, v_rows);
      v_applied := v_applied + jsonb_array_length(v_rows);
    exception when others then
      get stacked diagnostics v_code = returned_sqlstate;
      -- Transient failures abort the whole push; the device retries it unchanged.
      if v_code in ('40001', '40P01', '55P03', '57014') or v_code like '53%' or v_code like '08%' then raise; end if;
      for v_one in select x from jsonb_array_elements(v_rows) x loop
        begin
          if v_tbl.kind = 'mutable' then
            v_conflicts := v_conflicts + public.opsdeck_log_conflicts(v_tbl.name, v_tbl.columns, jsonb_build_array(v_one), p_device);
          end if;
          perform public.opsdeck_apply_rows(v_tbl.name, v_tbl.kind, v_tbl.columns, jsonb_build_array(v_one));
          v_applied := v_applied + 1;
        exception when others then
          get stacked diagnostics v_code = returned_sqlstate, v_msg = message_text;
          if v_code in ('40001', '40P01', '55P03', '57014') or v_code like '53%' or v_code like '08%' then raise; end if;
          v_rejected := v_rejected || jsonb_build_object('m', v_one->'m', 'code', v_code, 'message', v_msg);
        end;
      end loop;
    end;
  end loop;

  update public.sync_devices set last_mutation_id = v_max, last_push_at = now() where device_id = p_device;
  return jsonb_build_object('last', v_max, 'applied', v_applied, 'skipped',
    (select count(*) from jsonb_array_elements(p_mutations) x where (x->>'m')::bigint <= v_last),
    'conflicts', v_conflicts, 'rejected', v_rejected);
end $$;
revoke all on function public.opsdeck_push(text, jsonb) from public, anon;
grant execute on function public.opsdeck_push(text, jsonb) to authenticated;
grant update (last_mutation_id, last_push_at) on public.sync_devices to authenticated;
create policy sync_devices_own_update on public.sync_devices for update to authenticated
  using (owner = auth.uid()) with check (owner = auth.uid());

commit;
