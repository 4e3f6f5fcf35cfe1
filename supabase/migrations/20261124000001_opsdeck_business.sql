-- OpsDeck hub, business data: catalog, stock, booths, events, the booth ledgers and wake commands.
-- Mirrors electron/core/db/migrations/0010, 0020, 0021, 0039 and 0041 with the same CHECKs; the
-- columns each device derives or observes itself (remaining prints, event totals, a booth's
-- status / last seen / connectivity, stock balances, alerts, forecasts) are not on the hub.
-- Runs as-is on Supabase after 20261123000001_opsdeck_hub.sql. See docs/sync.md.

-- One transaction: the whole file or nothing. Applied once by `supabase db push`; run again by hand
-- (SQL editor, psql) it stops at this guard and changes nothing. Only the files from
-- 20261206000001_opsdeck_identity.sql on are meant to be run again (that one restates every function).
begin;
do $$
begin
  if to_regclass('public.products') is not null then
    raise exception '20261124000001_opsdeck_business is already applied: nothing was changed'
      using errcode = '42P07', hint = 'Re-run only the latest migration file, which is safe to run again.';
  end if;
end $$;

-- ---------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------

-- SQLite's json_valid(x) AND json_type(x) = 'array'.
create or replace function public.opsdeck_json_array(p text) returns boolean
language plpgsql immutable as $$
begin
  return jsonb_typeof(p::jsonb) = 'array';
exception when others then
  return false;
end $$;

-- Whether a synced row exists (whoever may read it): an upsert of an existing row by a role that
-- may only update it passes the INSERT check through this (Postgres checks INSERT policies on
-- every INSERT … ON CONFLICT DO UPDATE, even when it ends as an update).
create or replace function public.opsdeck_row_exists(p_table text, p_id text) returns boolean
language plpgsql stable security definer set search_path = public, pg_temp as $$
declare v boolean;
begin
  if not exists (select 1 from public.opsdeck_synced_tables where name = p_table) then return false; end if;
  execute format('select exists (select 1 from public.%I where id = $1)', p_table) into v using p_id;
  return v;
end $$;
revoke all on function public.opsdeck_row_exists(text, text) from public, anon;
grant execute on function public.opsdeck_row_exists(text, text) to authenticated;

-- Ledger pushes no longer use INSERT … ON CONFLICT DO NOTHING: Postgres requires the new row to
-- pass the SELECT policies then, and a booth device does not read back its own ledger rows. Rows
-- already on the hub are filtered out first (security definer: whoever can read them); a device's
-- pushes are serialized by its sync_devices row lock, and nobody else pushes its ids.
create or replace function public.opsdeck_existing_ids(p_table text, p_ids text[]) returns text[]
language plpgsql stable security definer set search_path = public, pg_temp as $$
declare v text[];
begin
  if not exists (select 1 from public.opsdeck_synced_tables where name = p_table) then return '{}'; end if;
  execute format('select coalesce(array_agg(id), ''{}'') from public.%I where id = any($1)', p_table) into v using p_ids;
  return v;
end $$;
revoke all on function public.opsdeck_existing_ids(text, text[]) from public, anon;
grant execute on function public.opsdeck_existing_ids(text, text[]) to authenticated;

create or replace function public.opsdeck_apply_rows(p_table text, p_kind text, p_columns text[], p_rows jsonb)
returns void language plpgsql as $$
declare
  v_cols text := (select string_agg(format('%I', c), ', ') from unnest(p_columns) c);
  v_set text := (select string_agg(format('%1$I = excluded.%1$I', c), ', ') from unnest(p_columns) c where c <> 'id');
  v_src text := format('select %s from jsonb_populate_recordset(null::public.%I, (select jsonb_agg(x->''r'') from jsonb_array_elements($1) x))', v_cols, p_table);
  v_have text[];
begin
  if p_kind = 'ledger' then
    v_have := public.opsdeck_existing_ids(p_table, (select array_agg(x->'r'->>'id') from jsonb_array_elements(p_rows) x));
    execute format('insert into public.%I (%s) select * from (%s) s where s.id <> all($2)', p_table, v_cols, v_src) using p_rows, v_have;
  else
    execute format('insert into public.%I (%s) %s on conflict (id) do update set %s', p_table, v_cols, v_src, v_set) using p_rows;
  end if;
end $$;

-- Refuses an UPDATE by the role in TG_ARGV[0] that changes a column outside TG_ARGV[1..].
create or replace function public.opsdeck_limit_columns() returns trigger
language plpgsql as $$
declare v_bad text;
begin
  if public.opsdeck_role() <> tg_argv[0] then return new; end if;
  select string_agg(n.key, ', ') into v_bad
    from jsonb_each(to_jsonb(new)) n
   where n.key <> all (tg_argv[1:])
     and n.key not in ('sync_seq', 'sync_txid', 'hub_updated_at', 'sync_writer', 'updated_at', 'origin_device')
     and n.value is distinct from (to_jsonb(old) -> n.key);
  if v_bad is not null then
    raise exception 'role % may not change % of %', tg_argv[0], v_bad, tg_table_name using errcode = '42501';
  end if;
  return new;
end $$;

-- ---------------------------------------------------------------------------------------------
-- Catalog: staff read; admin writes (installers only receive purchase orders)
-- ---------------------------------------------------------------------------------------------
create table public.products (
  id text primary key,
  sku text not null unique check (length(trim(sku)) between 1 and 64),
  name text not null check (length(trim(name)) between 1 and 200),
  description text not null default '' check (length(description) <= 5000),
  category text not null default '' check (length(category) <= 100),
  unit text not null default 'pce' check (length(trim(unit)) between 1 and 20),
  price double precision not null default 0 check (price >= 0),
  cost double precision not null default 0 check (cost >= 0),
  supplier text not null default '' check (length(supplier) <= 200),
  lead_time_days integer not null default 7 check (lead_time_days between 0 and 365),
  moq double precision not null default 1 check (moq > 0),
  pack_size double precision not null default 1 check (pack_size > 0),
  service_level double precision not null default 0.95 check (service_level > 0.5 and service_level < 1),
  reorder_point double precision check (reorder_point is null or reorder_point >= 0),
  eco_score integer check (eco_score is null or eco_score between 0 and 100),
  eco_details text not null default '[]' check (public.opsdeck_json_array(eco_details)),
  active integer not null default 1 check (active in (0, 1)),
  notion_page_id text,
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null
);
select public.opsdeck_make_synced('products', 'mutable', 100);
create policy products_read on public.products for select to authenticated using ((select public.opsdeck_is_staff()));
create policy products_insert on public.products for insert to authenticated with check ((select public.opsdeck_is_admin()));
create policy products_update on public.products for update to authenticated using ((select public.opsdeck_is_admin())) with check ((select public.opsdeck_is_admin()));

create table public.services (
  id text primary key,
  title text not null check (length(trim(title)) between 1 and 200),
  description text not null default '' check (length(description) <= 5000),
  duration_min integer not null check (duration_min > 0 and duration_min <= 10080),
  benefits text not null default '[]' check (public.opsdeck_json_array(benefits)),
  price double precision not null default 0 check (price >= 0),
  active integer not null default 1 check (active in (0, 1)),
  notion_page_id text,
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null
);
select public.opsdeck_make_synced('services', 'mutable', 110);
create policy services_read on public.services for select to authenticated using ((select public.opsdeck_is_staff()));
create policy services_insert on public.services for insert to authenticated with check ((select public.opsdeck_is_admin()));
create policy services_update on public.services for update to authenticated using ((select public.opsdeck_is_admin())) with check ((select public.opsdeck_is_admin()));

-- Warehouses are written by admins; a booth's location (id = booth id) is derived from the booth,
-- here by trigger as on every device, so nobody pushes it.
create table public.locations (
  id text primary key,
  name text not null check (length(trim(name)) between 1 and 100),
  kind text not null check (kind in ('warehouse', 'booth')),
  booth_id text,
  active integer not null default 1 check (active in (0, 1)),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  check ((kind = 'booth') = (booth_id is not null))
);
create unique index locations_warehouse_name on public.locations (lower(name)) where kind = 'warehouse' and deleted_at is null;
select public.opsdeck_make_synced('locations', 'mutable', 120);
create policy locations_read on public.locations for select to authenticated using ((select public.opsdeck_is_staff()));
create policy locations_insert on public.locations for insert to authenticated with check ((select public.opsdeck_is_admin()) and kind = 'warehouse');
create policy locations_update on public.locations for update to authenticated
  using ((select public.opsdeck_is_admin()) and kind = 'warehouse') with check ((select public.opsdeck_is_admin()) and kind = 'warehouse');

-- ---------------------------------------------------------------------------------------------
-- Booths and events. Booth devices read their own booth and its LAN peers (booths behind the same
-- router address: the peers a relay wake can come from), their booth's events and commands.
-- ---------------------------------------------------------------------------------------------
create table public.booths (
  id text primary key,
  name text not null check (length(trim(name)) between 1 and 64),
  hostname text check (hostname is null or length(hostname) between 1 and 253),
  mac text check (mac is null or mac ~ '^[0-9A-F]{2}(:[0-9A-F]{2}){5}$'),
  pc_address text check (pc_address is null or length(pc_address) between 1 and 253),
  tailscale_address text check (tailscale_address is null or length(tailscale_address) between 1 and 253),
  router_address text check (router_address is null or length(router_address) between 1 and 253),
  router_wol_port integer not null default 9 check (router_wol_port between 1 and 65535),
  pc_probe_port integer not null default 445 check (pc_probe_port between 1 and 65535),
  router_probe_port integer not null default 80 check (router_probe_port between 1 and 65535),
  wol_port integer not null default 9 check (wol_port in (0, 7, 9) or wol_port between 1024 and 65535),
  wol_routes text not null default '["local","router","relay"]' check (public.opsdeck_json_array(wol_routes)),
  wake_before_event_min integer check (wake_before_event_min is null or wake_before_event_min between 1 and 1440),
  roll_capacity integer not null default 700 check (roll_capacity between 1 and 10000),
  warning_threshold integer not null default 350 check (warning_threshold >= 0),
  critical_threshold integer not null default 275 check (critical_threshold >= 0),
  prints_per_copy double precision not null default 1 check (prints_per_copy in (1, 0.5)),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  initial_prints double precision not null default 700 check (initial_prints >= 0),
  check (warning_threshold >= critical_threshold)
);
create unique index booths_name on public.booths (lower(name)) where deleted_at is null;
create unique index booths_mac on public.booths (mac) where deleted_at is null and mac is not null;
select public.opsdeck_make_synced('booths', 'mutable', 130);

-- The booth's stock location follows the booth (same rule as local migration 0039).
create or replace function public.opsdeck_booth_location() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if tg_op = 'INSERT' then
    insert into public.locations (id, name, kind, booth_id, created_at, updated_at, origin_device)
    values (new.id, new.name, 'booth', new.id, new.created_at, new.updated_at, new.origin_device)
    on conflict (id) do nothing;
  else
    update public.locations set name = new.name, deleted_at = new.deleted_at, updated_at = greatest(updated_at, new.updated_at)
     where id = new.id and (name <> new.name or deleted_at is distinct from new.deleted_at);
  end if;
  return null;
end $$;
create trigger opsdeck_booth_location_insert after insert on public.booths for each row execute function public.opsdeck_booth_location();
create trigger opsdeck_booth_location_update after update of name, deleted_at on public.booths for each row execute function public.opsdeck_booth_location();

-- The caller's booth, or a booth behind the same router as the caller's booth.
create or replace function public.opsdeck_booth_visible(p_booth text) returns boolean
language sql stable security definer set search_path = public, pg_temp as $$
  select p_booth = public.opsdeck_booth_id()
      or exists (select 1 from public.booths me join public.booths b on b.router_address = me.router_address
                  where me.id = public.opsdeck_booth_id() and b.id = p_booth and me.router_address is not null)
$$;
revoke all on function public.opsdeck_booth_visible(text) from public, anon;
grant execute on function public.opsdeck_booth_visible(text) to authenticated;

-- Installers change booths' operational settings only: not the name, the initial paper or the tombstone.
create policy booths_read on public.booths for select to authenticated
  using ((select public.opsdeck_is_staff()) or ((select public.opsdeck_role()) = 'booth' and public.opsdeck_booth_visible(id)));
create policy booths_insert on public.booths for insert to authenticated
  with check ((select public.opsdeck_is_admin()) or ((select public.opsdeck_role()) = 'installer' and public.opsdeck_row_exists('booths', id)));
create policy booths_update on public.booths for update to authenticated
  using ((select public.opsdeck_writes_facts())) with check ((select public.opsdeck_writes_facts()));
create trigger opsdeck_installer_columns before update on public.booths for each row execute function public.opsdeck_limit_columns(
  'installer', 'hostname', 'mac', 'pc_address', 'tailscale_address', 'router_address', 'router_wol_port', 'pc_probe_port', 'router_probe_port',
  'wol_port', 'wol_routes', 'wake_before_event_min', 'roll_capacity', 'warning_threshold', 'critical_threshold', 'prints_per_copy');

create table public.events (
  id text primary key,
  notion_page_id text unique,
  booth_id text references public.booths (id),
  client_name text not null check (length(trim(client_name)) between 1 and 200),
  event_type text check (event_type is null or length(event_type) <= 100),
  starts_at bigint not null,
  ends_at bigint not null,
  album_name text check (album_name is null or length(album_name) <= 200),
  status text not null default 'active' check (status in ('active', 'completed', 'archived')),
  snapshot text check (snapshot is null or public.opsdeck_json_valid(snapshot)),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  check (ends_at >= starts_at)
);
create index events_booth on public.events (booth_id);
select public.opsdeck_make_synced('events', 'mutable', 140);
create policy events_read on public.events for select to authenticated
  using ((select public.opsdeck_is_staff()) or ((select public.opsdeck_role()) = 'booth' and booth_id = (select public.opsdeck_booth_id())));
create policy events_insert on public.events for insert to authenticated with check ((select public.opsdeck_is_admin()));
create policy events_update on public.events for update to authenticated using ((select public.opsdeck_is_admin())) with check ((select public.opsdeck_is_admin()));

-- ---------------------------------------------------------------------------------------------
-- Stock: purchase orders (admin creates, installers receive) and the movement ledger
-- ---------------------------------------------------------------------------------------------
create table public.purchase_orders (
  id text primary key,
  product_id text not null references public.products (id),
  location_id text not null references public.locations (id),
  quantity double precision not null check (quantity > 0),
  received_quantity double precision not null default 0 check (received_quantity >= 0),
  expected_at bigint not null,
  status text not null default 'open' check (status in ('open', 'received', 'cancelled')),
  supplier text not null default '',
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  check (status <> 'received' or received_quantity > 0)
);
select public.opsdeck_make_synced('purchase_orders', 'mutable', 150);
create policy purchase_orders_read on public.purchase_orders for select to authenticated using ((select public.opsdeck_is_staff()));
create policy purchase_orders_insert on public.purchase_orders for insert to authenticated
  with check ((select public.opsdeck_is_admin()) or ((select public.opsdeck_role()) = 'installer' and public.opsdeck_row_exists('purchase_orders', id)));
create policy purchase_orders_update on public.purchase_orders for update to authenticated
  using ((select public.opsdeck_writes_facts())) with check ((select public.opsdeck_writes_facts()));
create trigger opsdeck_installer_columns before update on public.purchase_orders for each row execute function public.opsdeck_limit_columns(
  'installer', 'received_quantity', 'status');

-- Admins append any ledger row; installers their own device's rows (origin_device they claimed).
create or replace function public.opsdeck_appends_facts(p_origin text) returns boolean
language sql stable as $$
  select public.opsdeck_is_admin() or (public.opsdeck_role() = 'installer' and public.opsdeck_owns_device(p_origin))
$$;

create table public.stock_movements (
  id text primary key,
  product_id text not null references public.products (id),
  location_id text not null references public.locations (id),
  to_location_id text references public.locations (id),
  type text not null check (type in ('in', 'out', 'adjust', 'transfer')),
  quantity double precision not null check (quantity > 0),
  direction integer not null check (direction in (-1, 1)),
  delta double precision not null,
  reason text not null default '' check (length(reason) <= 500),
  occurred_at bigint not null,
  source text not null check (source in ('manual', 'csv', 'booth', 'notion', 'assistant', 'purchase_order')),
  user_id text,
  idempotency_key text unique,
  created_at bigint not null,
  updated_at bigint not null,
  deleted_at bigint check (deleted_at is null),
  origin_device text not null,
  check ((type = 'transfer') = (to_location_id is not null)),
  check (to_location_id is null or to_location_id <> location_id),
  check (type = 'adjust' or direction = case type when 'in' then 1 when 'out' then -1 when 'transfer' then -1 end),
  check (delta = direction * quantity)
);
select public.opsdeck_make_synced('stock_movements', 'ledger', 160);
create policy stock_movements_read on public.stock_movements for select to authenticated using ((select public.opsdeck_is_staff()));
create policy stock_movements_insert on public.stock_movements for insert to authenticated with check (public.opsdeck_appends_facts(origin_device));

-- ---------------------------------------------------------------------------------------------
-- Booth ledgers. A booth device appends its own booth's rows (from a device it claimed); staff
-- read them. A booth device reads only the counter rows of its booth written elsewhere (office
-- reloads and corrections): its own never come back to it, so a purged row cannot reappear.
-- ---------------------------------------------------------------------------------------------
create or replace function public.opsdeck_own_booth_row(p_booth text, p_origin text) returns boolean
language sql stable as $$
  select public.opsdeck_role() = 'booth' and p_booth = public.opsdeck_booth_id() and public.opsdeck_owns_device(p_origin)
$$;

create table public.booth_counter_events (
  id text primary key,
  booth_id text not null references public.booths (id),
  event_id text references public.events (id),
  kind text not null check (kind in ('session', 'capture', 'print', 'digital', 'gif', 'upload', 'paper_reload', 'signal')),
  count integer not null check (count <> 0),
  correction integer not null default 0 check (correction in (0, 1)),
  prints_delta double precision not null default 0,
  occurred_at bigint not null,
  trigger_type text check (trigger_type is null or length(trigger_type) <= 40),
  raw_trigger text check (raw_trigger is null or length(raw_trigger) <= 4000),
  user_id text,
  created_at bigint not null,
  updated_at bigint not null,
  deleted_at bigint check (deleted_at is null),
  origin_device text not null,
  check (count > 0 or correction = 1),
  check (kind <> 'print' or correction = 1 or prints_delta <= 0)
);
create index booth_counter_events_booth on public.booth_counter_events (booth_id);
select public.opsdeck_make_synced('booth_counter_events', 'ledger', 170);
create policy booth_counter_events_read on public.booth_counter_events for select to authenticated
  using ((select public.opsdeck_is_staff())
         or ((select public.opsdeck_role()) = 'booth' and booth_id = (select public.opsdeck_booth_id()) and not public.opsdeck_owns_device(origin_device)));
create policy booth_counter_events_insert on public.booth_counter_events for insert to authenticated
  with check (public.opsdeck_appends_facts(origin_device) or public.opsdeck_own_booth_row(booth_id, origin_device));

create table public.booth_health (
  id text primary key,
  booth_id text not null references public.booths (id),
  sampled_at bigint not null,
  cpu_pct double precision check (cpu_pct is null or cpu_pct between 0 and 100),
  mem_used_pct double precision check (mem_used_pct is null or mem_used_pct between 0 and 100),
  disk_free_bytes bigint check (disk_free_bytes is null or disk_free_bytes >= 0),
  disk_free_pct double precision check (disk_free_pct is null or disk_free_pct between 0 and 100),
  temperature_c double precision check (temperature_c is null or temperature_c between -40 and 150),
  battery_pct double precision check (battery_pct is null or battery_pct between 0 and 100),
  uptime_s bigint check (uptime_s is null or uptime_s >= 0),
  latency_ms double precision check (latency_ms is null or latency_ms >= 0),
  created_at bigint not null,
  updated_at bigint not null,
  deleted_at bigint,
  origin_device text not null
);
create index booth_health_booth on public.booth_health (booth_id, sampled_at);
select public.opsdeck_make_synced('booth_health', 'ledger', 180);
create policy booth_health_read on public.booth_health for select to authenticated using ((select public.opsdeck_is_staff()));
create policy booth_health_insert on public.booth_health for insert to authenticated
  with check (public.opsdeck_appends_facts(origin_device) or public.opsdeck_own_booth_row(booth_id, origin_device));

create table public.speed_tests (
  id text primary key,
  booth_id text not null references public.booths (id),
  tested_at bigint not null,
  url text not null check (length(url) between 1 and 2000),
  down_mbps double precision check (down_mbps is null or down_mbps >= 0),
  up_mbps double precision check (up_mbps is null or up_mbps >= 0),
  ping_ms double precision check (ping_ms is null or ping_ms >= 0),
  error text check (error is null or length(error) <= 500),
  created_at bigint not null,
  updated_at bigint not null,
  deleted_at bigint,
  origin_device text not null,
  check (error is not null or down_mbps is not null)
);
create index speed_tests_booth on public.speed_tests (booth_id, tested_at);
select public.opsdeck_make_synced('speed_tests', 'ledger', 190);
create policy speed_tests_read on public.speed_tests for select to authenticated using ((select public.opsdeck_is_staff()));
create policy speed_tests_insert on public.speed_tests for insert to authenticated
  with check (public.opsdeck_appends_facts(origin_device) or public.opsdeck_own_booth_row(booth_id, origin_device));

-- ---------------------------------------------------------------------------------------------
-- Wake commands. Staff who write facts create and resolve them; a booth device sees its booth's
-- and its LAN peers' commands and may claim and advance a relay command it sees (state, sent,
-- claim, targets, error) — nothing else, and never create one.
-- ---------------------------------------------------------------------------------------------
create table public.wake_commands (
  id text primary key,
  booth_id text not null references public.booths (id),
  route text not null check (route in ('local', 'router', 'relay')),
  state text not null check (state in ('queued', 'sent', 'waiting', 'online', 'failed')),
  reason text not null default 'manual' check (reason in ('manual', 'before_event')),
  requested_by text,
  requested_at bigint not null,
  sent_at bigint,
  resolved_at bigint,
  deadline_at bigint not null,
  claimed_by text,
  targets text not null default '[]' check (public.opsdeck_json_valid(targets)),
  error text check (error is null or length(error) <= 500),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  check (deadline_at >= requested_at),
  check ((state in ('online', 'failed')) = (resolved_at is not null))
);
create index wake_commands_booth on public.wake_commands (booth_id);
select public.opsdeck_make_synced('wake_commands', 'mutable', 200);
create policy wake_commands_read on public.wake_commands for select to authenticated
  using ((select public.opsdeck_is_staff()) or ((select public.opsdeck_role()) = 'booth' and public.opsdeck_booth_visible(booth_id)));
create policy wake_commands_insert on public.wake_commands for insert to authenticated
  with check ((select public.opsdeck_writes_facts())
              or ((select public.opsdeck_role()) = 'booth' and route = 'relay' and public.opsdeck_booth_visible(booth_id)
                  and public.opsdeck_row_exists('wake_commands', id)));
create policy wake_commands_update on public.wake_commands for update to authenticated
  using ((select public.opsdeck_writes_facts()) or ((select public.opsdeck_role()) = 'booth' and route = 'relay' and public.opsdeck_booth_visible(booth_id)))
  with check ((select public.opsdeck_writes_facts()) or ((select public.opsdeck_role()) = 'booth' and route = 'relay' and public.opsdeck_booth_visible(booth_id)));
create trigger opsdeck_booth_columns before update on public.wake_commands for each row execute function public.opsdeck_limit_columns(
  'booth', 'state', 'sent_at', 'resolved_at', 'claimed_by', 'targets', 'error');

-- ---------------------------------------------------------------------------------------------
-- Pull plan: the watermark and, in one call, which tables have rows for the caller between its
-- cursor and the watermark (as the caller, so RLS decides). An idle round is this one request
-- instead of one select per table. p_cursors: {"table": [txid, seq], …}; a table left out is
-- read from the start.
-- ---------------------------------------------------------------------------------------------
create or replace function public.opsdeck_pull_plan(p_cursors jsonb) returns jsonb
language plpgsql stable set search_path = public, pg_temp as $$
declare
  v_wm bigint := pg_snapshot_xmin(pg_current_snapshot())::text::bigint;
  v_tables text[] := '{}';
  v_has boolean;
  t record;
begin
  for t in select name from public.opsdeck_synced_tables order by pull_order loop
    execute format('select exists (select 1 from public.%I where sync_txid < $1 and (sync_txid, sync_seq) > ($2, $3))', t.name)
      into v_has
      using v_wm, coalesce((p_cursors -> t.name ->> 0)::bigint, 0), coalesce((p_cursors -> t.name ->> 1)::bigint, 0);
    if v_has then v_tables := v_tables || t.name::text; end if;
  end loop;
  return jsonb_build_object('watermark', v_wm, 'tables', to_jsonb(v_tables));
end $$;
revoke all on function public.opsdeck_pull_plan(jsonb) from public, anon;
grant execute on function public.opsdeck_pull_plan(jsonb) to authenticated;

commit;
