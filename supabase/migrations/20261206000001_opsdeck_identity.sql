-- OpsDeck hub, identity and privileges (issue 12). Who may use the hub at all, who owns a device
-- and its mutation counter, conflicts written only by the push itself, helpers that reveal
-- nothing RLS hides, and every privilege written out per role so the schema behaves the same
-- whether the project grants new public objects to the API roles (Supabase before 2026-10-30) or
-- not (after). See docs/sync.md, "Identity and privileges".
--
-- One transaction, and safe to run again (SQL editor, psql, `supabase db push`): every object is
-- created if missing or replaced, and this file restates every function later files rely on, so
-- re-running it always leaves the current versions in place.
begin;

-- ---------------------------------------------------------------------------------------------
-- Who is calling. An account is an OpsDeck account only with a role in its app_metadata (set by
-- an admin, never by the user): admin, installer, viewer, or booth with the booth it is tied to.
-- Anything else (a self-service sign-up, a role-less account) is refused everywhere.
-- ---------------------------------------------------------------------------------------------
create or replace function public.opsdeck_has_role() returns boolean
language sql stable as $$
  select case public.opsdeck_role()
           when 'admin' then true when 'installer' then true when 'viewer' then true
           when 'booth' then public.opsdeck_booth_id() is not null
           else false end
$$;

-- ---------------------------------------------------------------------------------------------
-- Devices: claimed once, by an account with a role; only an admin moves one to another account
-- (or releases it, owner null); a booth account owns one device, its booth's.
-- ---------------------------------------------------------------------------------------------
alter table public.sync_devices alter column owner drop not null;
alter table public.sync_devices add column if not exists booth_id text;
create unique index if not exists sync_devices_one_per_booth on public.sync_devices (booth_id) where booth_id is not null;

create or replace function public.opsdeck_owns_device(p_device text) returns boolean
language sql stable security definer set search_path = public, pg_temp as $$
  select public.opsdeck_has_role()
     and exists (select 1 from public.sync_devices where device_id = p_device and owner = auth.uid())
$$;

-- Registers the caller as the device's owner on first use and locks the device's counter for this
-- push; returns the counter. Refused: accounts without a role, a device another account owns
-- (unless the caller is an admin, who takes it over), a second device for a booth.
create or replace function public.opsdeck_claim_device(p_device text) returns bigint
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_uid uuid := auth.uid();
  v_role text := public.opsdeck_role();
  v_booth text := case when public.opsdeck_role() = 'booth' then public.opsdeck_booth_id() end;
  d public.sync_devices%rowtype;
begin
  if v_uid is null or not public.opsdeck_has_role() then
    raise exception 'this account has no OpsDeck role; an admin gives accounts their role' using errcode = '42501';
  end if;
  if p_device is null or p_device !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    raise exception 'invalid device id' using errcode = '22023';
  end if;
  select * into d from public.sync_devices where device_id = p_device for update;
  if not found then
    insert into public.sync_devices (device_id, owner) values (p_device, null) on conflict (device_id) do nothing;
    select * into d from public.sync_devices where device_id = p_device for update;
  end if;
  if d.owner is distinct from v_uid then
    if d.owner is not null and v_role <> 'admin' then
      raise exception 'device % belongs to another account; only an admin can move it', p_device using errcode = '42501';
    end if;
    update public.sync_devices set owner = v_uid, claimed_at = now() where device_id = p_device;
  end if;
  if d.booth_id is distinct from v_booth then
    if v_booth is not null and exists (select 1 from public.sync_devices where booth_id = v_booth and device_id <> p_device) then
      raise exception 'booth % already has its device; an admin must release it first', v_booth using errcode = '42501';
    end if;
    update public.sync_devices set booth_id = v_booth where device_id = p_device;
  end if;
  return d.last_mutation_id;
end $$;

-- Admins move a device to another account (p_owner), or release it (p_owner null) so that the
-- next account with a role to use it claims it. The device's counter stays with the device. Also
-- callable by the service role and from the SQL editor (a database session, not the API):
--   select public.opsdeck_move_device('<device id>', (select id from auth.users where email = 'x@y'));
create or replace function public.opsdeck_move_device(p_device text, p_owner uuid) returns void
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_meta jsonb;
  v_booth text;
begin
  if not ((public.opsdeck_has_role() and public.opsdeck_is_admin())
          or current_setting('role') = 'service_role'
          or (current_setting('role') = 'none' and session_user::text <> 'authenticator')) then
    raise exception 'only an admin can move a device' using errcode = '42501';
  end if;
  if p_owner is not null then
    select raw_app_meta_data into v_meta from auth.users where id = p_owner;
    if v_meta is null or coalesce(v_meta ->> 'role', '') not in ('admin', 'installer', 'viewer', 'booth')
       or (v_meta ->> 'role' = 'booth' and nullif(v_meta ->> 'booth_id', '') is null) then
      raise exception 'account % has no OpsDeck role', p_owner using errcode = '22023';
    end if;
    v_booth := case when v_meta ->> 'role' = 'booth' then v_meta ->> 'booth_id' end;
  end if;
  insert into public.sync_devices (device_id, owner, booth_id) values (p_device, p_owner, v_booth)
    on conflict (device_id) do update set owner = excluded.owner, booth_id = excluded.booth_id, claimed_at = now();
end $$;

-- ---------------------------------------------------------------------------------------------
-- Helpers that must not reveal what RLS hides
-- ---------------------------------------------------------------------------------------------
-- Whether a synced row exists AND the caller may read it (as the caller: RLS decides).
create or replace function public.opsdeck_row_exists(p_table text, p_id text) returns boolean
language plpgsql stable security invoker set search_path = public, pg_temp as $$
declare v boolean;
begin
  if not exists (select 1 from public.opsdeck_synced_tables where name = p_table) then return false; end if;
  execute format('select exists (select 1 from public.%I where id = $1)', p_table) into v using p_id;
  return v;
end $$;

-- The ids already on the hub among a ledger push's ids, out of the rows the caller may read or
-- that come from a device it owns (a booth device does not read back its own ledgers).
create or replace function public.opsdeck_existing_ids(p_table text, p_ids text[]) returns text[]
language plpgsql stable security definer set search_path = public, pg_temp as $$
declare v text[];
begin
  if not public.opsdeck_has_role()
     or not exists (select 1 from public.opsdeck_synced_tables where name = p_table and kind = 'ledger') then
    return '{}'::text[];
  end if;
  execute format(
    'select coalesce(array_agg(id), array[]::text[]) from public.%I
      where id = any($1) and (public.opsdeck_is_staff()
            or origin_device in (select device_id from public.sync_devices where owner = auth.uid()))', p_table)
    into v using p_ids;
  return v;
end $$;

-- ---------------------------------------------------------------------------------------------
-- Conflicts: logged by a trigger while a push overwrites another device's version it had not
-- seen (the loser of last-writer-wins). Only opsdeck_push sets opsdeck.device; nobody can call
-- the trigger function, and nobody but the hub inserts into conflicts.
-- ---------------------------------------------------------------------------------------------
drop function if exists public.opsdeck_log_conflicts(text, text[], jsonb, text);

create or replace function public.opsdeck_conflict_log() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_device text := nullif(current_setting('opsdeck.device', true), '');
  v_hub constant text[] := array['sync_seq', 'sync_txid', 'hub_updated_at', 'sync_writer'];
  v_base bigint;
  v_t bigint;
begin
  if v_device is null or old.sync_writer is not distinct from v_device then return new; end if;
  if (to_jsonb(old) - v_hub - 'updated_at' - 'origin_device') = (to_jsonb(new) - v_hub - 'updated_at' - 'origin_device') then return new; end if;
  v_base := (nullif(current_setting('opsdeck.bases', true), '')::jsonb ->> old.id)::bigint;
  if old.sync_seq <= coalesce(v_base, 0) then return new; end if;
  v_t := (extract(epoch from clock_timestamp()) * 1000)::bigint;
  insert into public.conflicts (table_name, row_id, winner, loser, winner_device, loser_device, detected_at, created_at, updated_at)
  values (tg_table_name, old.id, (to_jsonb(new) - v_hub)::text, (to_jsonb(old) - v_hub)::text, v_device, old.sync_writer, v_t, v_t, v_t);
  perform set_config('opsdeck.conflicts', (coalesce(nullif(current_setting('opsdeck.conflicts', true), '')::integer, 0) + 1)::text, true);
  return new;
end $$;

-- Adds the hub columns, triggers, RLS, explicit grants and the Realtime publication to one synced
-- table; safe to call again for a table already set up.
create or replace function public.opsdeck_make_synced(p_table text, p_kind text, p_order integer, p_hub_only boolean default false)
returns void language plpgsql as $$
declare v_cols text[];
begin
  select array_agg(column_name::text order by ordinal_position) into v_cols
    from information_schema.columns where table_schema = 'public' and table_name = p_table
     and column_name not in ('sync_seq', 'sync_txid', 'hub_updated_at', 'sync_writer');
  execute format('alter table public.%I add column if not exists sync_seq bigint not null default 0, add column if not exists sync_txid bigint not null default 0,
                  add column if not exists hub_updated_at timestamptz not null default now(), add column if not exists sync_writer text', p_table);
  execute format('create index if not exists %I on public.%I (sync_txid, sync_seq)', p_table || '_sync_order', p_table);
  execute format('create or replace trigger opsdeck_stamp before insert or update on public.%I for each row execute function public.opsdeck_stamp()', p_table);
  if p_kind = 'ledger' then
    execute format('create or replace trigger opsdeck_ledger_guard before update or delete on public.%I for each row execute function public.opsdeck_ledger_guard()', p_table);
  elsif not p_hub_only then
    execute format('create or replace trigger opsdeck_conflict_log before update on public.%I for each row execute function public.opsdeck_conflict_log()', p_table);
  end if;
  execute format('alter table public.%I enable row level security', p_table);
  perform public.opsdeck_grant_synced(p_table, p_hub_only);
  insert into public.opsdeck_synced_tables (name, kind, columns, pull_order, hub_only) values (p_table, p_kind, v_cols, p_order, p_hub_only)
    on conflict (name) do update set kind = excluded.kind, columns = excluded.columns, pull_order = excluded.pull_order, hub_only = excluded.hub_only;
  perform public.opsdeck_publish(p_table);
end $$;

-- Privileges of one synced table, whatever the project's defaults: anon nothing, authenticated
-- what its policies expect (soft deletes only: never DELETE or TRUNCATE; hub-only tables are
-- read-only), service_role everything.
create or replace function public.opsdeck_grant_synced(p_table text, p_hub_only boolean) returns void
language plpgsql as $$
begin
  execute format('revoke all on table public.%I from public, anon, authenticated, service_role', p_table);
  execute format('grant all on table public.%I to service_role', p_table);
  execute format('grant %s on table public.%I to authenticated', case when p_hub_only then 'select' else 'select, insert, update' end, p_table);
end $$;

-- Realtime: the publication may belong to another role (it does on Supabase): a notice, not a failure.
create or replace function public.opsdeck_publish(p_table text) returns void
language plpgsql as $$
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime')
     or exists (select 1 from pg_publication_tables where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = p_table) then
    return;
  end if;
  execute format('alter publication supabase_realtime add table public.%I', p_table);
exception when insufficient_privilege then
  raise notice 'supabase_realtime: % not published (%); enable Realtime for it in the dashboard', p_table, sqlerrm;
end $$;

-- ---------------------------------------------------------------------------------------------
-- Policies: an account without a role reads nothing (global settings and the registry included).
-- ---------------------------------------------------------------------------------------------
drop policy if exists synced_tables_read on public.opsdeck_synced_tables;
create policy synced_tables_read on public.opsdeck_synced_tables for select to authenticated using ((select public.opsdeck_has_role()));

drop policy if exists settings_read on public.settings;
create policy settings_read on public.settings for select to authenticated
  using ((select public.opsdeck_is_staff()) or ((select public.opsdeck_has_role()) and scope = 'global') or public.opsdeck_owns_device(device_id));

drop policy if exists sync_devices_own_read on public.sync_devices;
create policy sync_devices_own_read on public.sync_devices for select to authenticated
  using ((select public.opsdeck_has_role()) and (owner = (select auth.uid()) or (select public.opsdeck_is_admin())));
-- Only the owner moves its device's counter (opsdeck_push does, in the push's transaction).
drop policy if exists sync_devices_own_update on public.sync_devices;
create policy sync_devices_own_update on public.sync_devices for update to authenticated
  using ((select public.opsdeck_has_role()) and owner = (select auth.uid()))
  with check ((select public.opsdeck_has_role()) and owner = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- Sync RPCs
-- ---------------------------------------------------------------------------------------------
drop function if exists public.opsdeck_apply_rows(text, text, text[], jsonb);

-- Idempotent push. p_mutations: [{m: mutation id, t: table, r: row, b: hub seq the device last saw}].
-- Mutations at or below the device's counter are skipped, so replaying a batch changes nothing
-- more; the counter moves in the same transaction as the rows. Each table's rows go in one
-- statement (as the caller: RLS decides); when that fails, row by row with the statement built
-- once, and a refused row (RLS, CHECK, unique) is reported back without blocking the others.
create or replace function public.opsdeck_push(p_device text, p_mutations jsonb)
returns jsonb language plpgsql set search_path = public, pg_temp as $$
declare
  v_last bigint;
  v_max bigint;
  v_tbl record;
  v_rows jsonb;
  v_one jsonb;
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
  if exists (select 1 from jsonb_array_elements(p_mutations) x
              where jsonb_typeof(x->'m') <> 'number' or jsonb_typeof(x->'r') <> 'object' or jsonb_typeof(x->'t') <> 'string') then
    raise exception 'every mutation needs m (number), t (table) and r (row)' using errcode = '22023';
  end if;
  v_last := public.opsdeck_claim_device(p_device);
  perform set_config('opsdeck.device', p_device, true);
  perform set_config('opsdeck.conflicts', '0', true);
  select greatest(v_last, coalesce(max((x->>'m')::bigint), 0)) into v_max from jsonb_array_elements(p_mutations) x;

  select coalesce(array_agg(jsonb_build_object('m', x->'m', 'code', '42P01', 'message', 'not a synced table: ' || (x->>'t'))), v_rejected)
    into v_rejected
    from jsonb_array_elements(p_mutations) x
   where (x->>'m')::bigint > v_last
     and not exists (select 1 from public.opsdeck_synced_tables t where t.name = x->>'t' and not t.hub_only);

  for v_tbl in select t.name, t.kind, t.columns from public.opsdeck_synced_tables t
                where not t.hub_only
                  and t.name in (select x->>'t' from jsonb_array_elements(p_mutations) x where (x->>'m')::bigint > v_last)
                order by t.pull_order loop
    select jsonb_agg(x order by (x->>'m')::bigint) into v_rows
      from jsonb_array_elements(p_mutations) x where x->>'t' = v_tbl.name and (x->>'m')::bigint > v_last;
    v_cols := (select string_agg(format('%I', c), ', ') from unnest(v_tbl.columns) c);
    v_sql := format('insert into public.%I (%s) select %s from jsonb_populate_recordset(null::public.%I, (select jsonb_agg(x->''r'') from jsonb_array_elements($1) x)) s',
                    v_tbl.name, v_cols, v_cols, v_tbl.name);
    if v_tbl.kind = 'ledger' then
      -- Not ON CONFLICT DO NOTHING: that needs the new row to pass the SELECT policies, and a
      -- booth device does not read back its own ledgers. Rows already on the hub are left out.
      v_have := public.opsdeck_existing_ids(v_tbl.name, (select array_agg(x->'r'->>'id') from jsonb_array_elements(v_rows) x));
      v_sql := v_sql || ' where s.id <> all($2)';
    else
      v_have := array[]::text[];
      v_sql := v_sql || format(' on conflict (id) do update set %s',
                               (select string_agg(format('%1$I = excluded.%1$I', c), ', ') from unnest(v_tbl.columns) c where c <> 'id'));
      -- The hub version each row's device had seen, for the conflict log (opsdeck_conflict_log).
      perform set_config('opsdeck.bases', coalesce((select jsonb_object_agg(x->'r'->>'id', x->'b') from jsonb_array_elements(v_rows) x
                                                     where jsonb_typeof(x->'b') = 'number'), '{}'::jsonb)::text, true);
    end if;
    begin
      execute v_sql using v_rows, v_have;
      v_applied := v_applied + jsonb_array_length(v_rows);
    exception when others then
      get stacked diagnostics v_code = returned_sqlstate;
      -- Transient failures abort the whole push; the device retries it unchanged.
      if v_code in ('40001', '40P01', '55P03', '57014') or v_code like '53%' or v_code like '08%' then raise; end if;
      for v_one in select x from jsonb_array_elements(v_rows) x loop
        begin
          execute v_sql using jsonb_build_array(v_one), v_have;
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
    'conflicts', coalesce(nullif(current_setting('opsdeck.conflicts', true), '')::integer, 0), 'rejected', to_jsonb(v_rejected));
end $$;

-- Pull plan: the watermark and, in one call, which tables have rows for the caller between its
-- cursor and the watermark (as the caller, so RLS decides). p_cursors: {"table": [txid, seq], …}.
create or replace function public.opsdeck_pull_plan(p_cursors jsonb) returns jsonb
language plpgsql stable set search_path = public, pg_temp as $$
declare
  v_wm bigint := pg_snapshot_xmin(pg_current_snapshot())::text::bigint;
  v_tables text[] := array[]::text[];
  v_has boolean;
  t record;
begin
  if not public.opsdeck_has_role() then
    raise exception 'this account has no OpsDeck role; an admin gives accounts their role' using errcode = '42501';
  end if;
  for t in select name from public.opsdeck_synced_tables order by pull_order loop
    execute format('select exists (select 1 from public.%I where sync_txid < $1 and (sync_txid, sync_seq) > ($2, $3))', t.name)
      into v_has
      using v_wm, coalesce((p_cursors -> t.name ->> 0)::bigint, 0), coalesce((p_cursors -> t.name ->> 1)::bigint, 0);
    if v_has then v_tables := array_append(v_tables, t.name); end if;
  end loop;
  return jsonb_build_object('watermark', v_wm, 'tables', to_jsonb(v_tables));
end $$;

-- ---------------------------------------------------------------------------------------------
-- Every table, trigger, registry entry and publication entry of the synced tables, as
-- opsdeck_make_synced sets them today (tables made by earlier files get the conflict trigger).
-- ---------------------------------------------------------------------------------------------
select public.opsdeck_make_synced(name, kind, pull_order, hub_only) from public.opsdeck_synced_tables order by pull_order;

-- ---------------------------------------------------------------------------------------------
-- Privileges, written out per role (the same under the old and the new Supabase defaults)
-- ---------------------------------------------------------------------------------------------
revoke all on table public.opsdeck_synced_tables, public.sync_devices from public, anon, authenticated, service_role;
grant all on table public.opsdeck_synced_tables, public.sync_devices to service_role;
grant select on table public.opsdeck_synced_tables to authenticated;
grant select on table public.sync_devices to authenticated;
grant update (last_mutation_id, last_push_at) on table public.sync_devices to authenticated;

revoke all on sequence public.opsdeck_change_seq from public, anon, authenticated, service_role;
grant all on sequence public.opsdeck_change_seq to service_role;
-- The stamp trigger runs as the writer and takes the next change number.
grant usage on sequence public.opsdeck_change_seq to authenticated;

-- Functions: nobody by default (PUBLIC included); service_role all; authenticated only the RPC
-- entry points and what policies, CHECKs and the push evaluate as the caller. Trigger functions
-- and the schema helpers are not executable by any API role.
do $$
declare
  f record;
begin
  for f in select p.oid::regprocedure as sig, p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where n.nspname = 'public' and p.proname like 'opsdeck\_%' loop
    execute format('revoke all on function %s from public, anon, authenticated, service_role', f.sig);
    execute format('grant execute on function %s to service_role', f.sig);
    if f.proname in (
      -- RPC entry points
      'opsdeck_claim_device', 'opsdeck_move_device', 'opsdeck_push', 'opsdeck_pull_plan', 'opsdeck_watermark',
      -- evaluated as the caller by policies, CHECK constraints and opsdeck_push; none reveals a row RLS hides
      'opsdeck_role', 'opsdeck_booth_id', 'opsdeck_has_role', 'opsdeck_is_staff', 'opsdeck_is_admin', 'opsdeck_writes_facts',
      'opsdeck_json_valid', 'opsdeck_json_array', 'opsdeck_owns_device', 'opsdeck_booth_visible', 'opsdeck_row_exists',
      'opsdeck_appends_facts', 'opsdeck_own_booth_row', 'opsdeck_existing_ids') then
      execute format('grant execute on function %s to authenticated', f.sig);
    end if;
  end loop;
end $$;

commit;
