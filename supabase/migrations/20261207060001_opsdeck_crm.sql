-- OpsDeck hub, the office's paperwork (issue 18): clients and contacts, their pipeline ledger,
-- quotes and their lines, customer orders and their lines, event registrations, OCR'd delivery
-- notes; events gain their client, place and capacity. Same CHECKs as local migration 0170.
-- Amounts are decimal text ('1234.50') on both sides: exact, and the same bytes every device sees.
--
-- Privileges, per new table (opsdeck_make_synced → opsdeck_grant_synced): anon nothing;
-- authenticated SELECT, INSERT, UPDATE (soft deletes only; the stage ledger loses UPDATE below);
-- service_role everything. RLS per role:
--   clients: admins write; viewers and admins read all; installers read only the clients (and the
--     contacts of the companies) that an event points at — the people they meet at a venue.
--   quotes, quote lines, orders, order lines, the stage ledger: admins write, admins and viewers read.
--   registrations: admins write; staff read (installers check guests in at the door).
--   delivery notes: admins and installers write (they receive deliveries); staff read.
--   Booth devices read none of these.
--
-- One transaction, safe to run again.
begin;

alter table public.events add column if not exists client_id text;
alter table public.events add column if not exists place text check (place is null or length(place) <= 300);
alter table public.events add column if not exists capacity integer check (capacity is null or capacity between 1 and 100000);
create index if not exists events_client on public.events (client_id);
-- Re-registers the events columns (the push and pull read them from opsdeck_synced_tables).
select public.opsdeck_make_synced('events', 'mutable', 140);

create table if not exists public.clients (
  id text primary key,
  kind text not null default 'company' check (kind in ('company', 'person')),
  name text not null check (length(trim(name)) between 1 and 200),
  company_id text,
  email text check (email is null or (length(email) <= 200 and email like '%_@_%')),
  phone text check (phone is null or length(phone) between 3 and 40),
  address text check (address is null or length(address) <= 500),
  notes text check (notes is null or length(notes) <= 5000),
  tags text not null default '[]' check (public.opsdeck_json_array(tags)),
  source text check (source is null or length(source) <= 100),
  stage text not null default 'lead' check (stage in ('lead', 'contacted', 'quoted', 'booked', 'done', 'lost')),
  lost_reason text check (lost_reason is null or length(lost_reason) <= 500),
  next_action text check (next_action is null or length(next_action) <= 300),
  next_action_at bigint,
  merged_into text,
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  check (stage <> 'lost' or length(trim(coalesce(lost_reason, ''))) > 0),
  check (company_id is null or company_id <> id),
  check (merged_into is null or (merged_into <> id and deleted_at is not null))
);
select public.opsdeck_make_synced('clients', 'mutable', 220);
drop policy if exists clients_read on public.clients;
drop policy if exists clients_insert on public.clients;
drop policy if exists clients_update on public.clients;
create policy clients_read on public.clients for select to authenticated
  using ((select public.opsdeck_role()) in ('admin', 'viewer')
      or ((select public.opsdeck_role()) = 'installer'
          and exists (select 1 from public.events e where e.deleted_at is null and e.client_id in (clients.id, clients.company_id))));
create policy clients_insert on public.clients for insert to authenticated with check ((select public.opsdeck_is_admin()));
create policy clients_update on public.clients for update to authenticated using ((select public.opsdeck_is_admin())) with check ((select public.opsdeck_is_admin()));

create table if not exists public.client_stage_changes (
  id text primary key,
  client_id text not null references public.clients (id),
  from_stage text check (from_stage is null or from_stage in ('lead', 'contacted', 'quoted', 'booked', 'done', 'lost')),
  to_stage text not null check (to_stage in ('lead', 'contacted', 'quoted', 'booked', 'done', 'lost')),
  reason text check (reason is null or length(reason) <= 500),
  at bigint not null,
  user_id text,
  created_at bigint not null,
  updated_at bigint not null,
  deleted_at bigint check (deleted_at is null),
  origin_device text not null
);
select public.opsdeck_make_synced('client_stage_changes', 'ledger', 230);
revoke update on public.client_stage_changes from authenticated;
drop policy if exists client_stage_changes_read on public.client_stage_changes;
drop policy if exists client_stage_changes_insert on public.client_stage_changes;
create policy client_stage_changes_read on public.client_stage_changes for select to authenticated
  using ((select public.opsdeck_role()) in ('admin', 'viewer'));
create policy client_stage_changes_insert on public.client_stage_changes for insert to authenticated with check ((select public.opsdeck_is_admin()));

create table if not exists public.quotes (
  id text primary key,
  number text not null unique check (number ~ '^DEV-[0-9]{4}-[0-9]{4,}$'),
  year integer not null check (year between 2000 and 9999),
  seq integer not null check (seq >= 1),
  client_id text not null references public.clients (id),
  status text not null default 'draft' check (status in ('draft', 'sent', 'accepted', 'refused', 'expired')),
  lang text not null default 'fr' check (lang in ('fr', 'en')),
  issued_at bigint not null,
  valid_until bigint not null,
  event_type text check (event_type is null or length(event_type) <= 100),
  event_starts_at bigint,
  event_ends_at bigint,
  place text check (place is null or length(place) <= 300),
  booth_id text references public.booths (id),
  notes text check (notes is null or length(notes) <= 5000),
  vat_rounding text not null default 'per_rate' check (vat_rounding in ('per_rate', 'per_line')),
  total_ht text not null default '0.00' check (total_ht ~ '^[0-9]+\.[0-9]{2}$'),
  total_tva text not null default '0.00' check (total_tva ~ '^[0-9]+\.[0-9]{2}$'),
  total_ttc text not null default '0.00' check (total_ttc ~ '^[0-9]+\.[0-9]{2}$'),
  event_id text references public.events (id),
  decided_at bigint,
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint check (deleted_at is null),
  origin_device text not null,
  unique (year, seq),
  check (valid_until >= issued_at),
  check (event_ends_at is null or event_starts_at is null or event_ends_at >= event_starts_at),
  check (status <> 'accepted' or event_id is not null)
);
select public.opsdeck_make_synced('quotes', 'mutable', 240);

create table if not exists public.quote_lines (
  id text primary key,
  quote_id text not null references public.quotes (id),
  position integer not null check (position >= 0),
  service_id text references public.services (id),
  product_id text references public.products (id),
  label text not null check (length(trim(label)) between 1 and 300),
  quantity text not null check (quantity ~ '^[0-9]+(\.[0-9]+)?$' and quantity::numeric > 0),
  unit_price text not null check (unit_price ~ '^[0-9]+(\.[0-9]+)?$'),
  discount_pct text not null default '0' check (discount_pct ~ '^[0-9]+(\.[0-9]+)?$' and discount_pct::numeric between 0 and 100),
  vat_rate text not null check (vat_rate in ('20', '10', '5.5', '2.1', '0')),
  line_ht text not null check (line_ht ~ '^[0-9]+\.[0-9]{2}$'),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  check (service_id is null or product_id is null)
);
select public.opsdeck_make_synced('quote_lines', 'mutable', 250);

create table if not exists public.customer_orders (
  id text primary key,
  number text not null unique check (number ~ '^CMD-[0-9]{4}-[0-9]{4,}$'),
  year integer not null check (year between 2000 and 9999),
  seq integer not null check (seq >= 1),
  client_id text not null references public.clients (id),
  status text not null default 'pending' check (status in ('pending', 'confirmed', 'fulfilled', 'cancelled')),
  location_id text references public.locations (id),
  ordered_at bigint not null,
  fulfilled_at bigint,
  notes text check (notes is null or length(notes) <= 5000),
  total_ht text not null default '0.00' check (total_ht ~ '^[0-9]+\.[0-9]{2}$'),
  total_tva text not null default '0.00' check (total_tva ~ '^[0-9]+\.[0-9]{2}$'),
  total_ttc text not null default '0.00' check (total_ttc ~ '^[0-9]+\.[0-9]{2}$'),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint check (deleted_at is null),
  origin_device text not null,
  unique (year, seq),
  check ((status = 'fulfilled') = (fulfilled_at is not null)),
  check (status <> 'fulfilled' or location_id is not null)
);
select public.opsdeck_make_synced('customer_orders', 'mutable', 260);

create table if not exists public.customer_order_lines (
  id text primary key,
  order_id text not null references public.customer_orders (id),
  position integer not null check (position >= 0),
  product_id text not null references public.products (id),
  quantity integer not null check (quantity > 0),
  unit_price text not null check (unit_price ~ '^[0-9]+(\.[0-9]+)?$'),
  vat_rate text not null check (vat_rate in ('20', '10', '5.5', '2.1', '0')),
  line_ht text not null check (line_ht ~ '^[0-9]+\.[0-9]{2}$'),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null
);
select public.opsdeck_make_synced('customer_order_lines', 'mutable', 270);

-- Quotes, orders and their lines: the office's (admins write; admins and viewers read).
do $$
declare t text;
begin
  foreach t in array array['quotes', 'quote_lines', 'customer_orders', 'customer_order_lines'] loop
    execute format('drop policy if exists %I on public.%I', t || '_read', t);
    execute format('drop policy if exists %I on public.%I', t || '_insert', t);
    execute format('drop policy if exists %I on public.%I', t || '_update', t);
    execute format($p$create policy %I on public.%I for select to authenticated using ((select public.opsdeck_role()) in ('admin', 'viewer'))$p$, t || '_read', t);
    execute format('create policy %I on public.%I for insert to authenticated with check ((select public.opsdeck_is_admin()))', t || '_insert', t);
    execute format('create policy %I on public.%I for update to authenticated using ((select public.opsdeck_is_admin())) with check ((select public.opsdeck_is_admin()))', t || '_update', t);
  end loop;
end $$;

create table if not exists public.registrations (
  id text primary key,
  event_id text not null references public.events (id),
  client_id text,
  name text not null check (length(trim(name)) between 1 and 200),
  email text check (email is null or (length(email) <= 200 and email like '%_@_%')),
  seats integer not null default 1 check (seats between 1 and 100),
  status text not null default 'pending' check (status in ('pending', 'confirmed', 'waitlisted', 'cancelled')),
  registered_at bigint not null,
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null
);
select public.opsdeck_make_synced('registrations', 'mutable', 280);
drop policy if exists registrations_read on public.registrations;
drop policy if exists registrations_insert on public.registrations;
drop policy if exists registrations_update on public.registrations;
create policy registrations_read on public.registrations for select to authenticated using ((select public.opsdeck_is_staff()));
create policy registrations_insert on public.registrations for insert to authenticated with check ((select public.opsdeck_is_admin()));
create policy registrations_update on public.registrations for update to authenticated using ((select public.opsdeck_is_admin())) with check ((select public.opsdeck_is_admin()));

create table if not exists public.delivery_notes (
  id text primary key,
  file_name text not null check (length(file_name) between 1 and 300),
  file_sha256 text not null check (length(file_sha256) = 64),
  mime text not null check (mime in ('image/png', 'image/jpeg', 'application/pdf')),
  supplier text check (supplier is null or length(supplier) <= 200),
  location_id text references public.locations (id),
  status text not null default 'review' check (status in ('review', 'booked')),
  pages integer not null default 1 check (pages >= 0),
  ocr_text text check (ocr_text is null or length(ocr_text) <= 200000),
  booked_lines text check (booked_lines is null or public.opsdeck_json_valid(booked_lines)),
  booked_at bigint,
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  check ((status = 'booked') = (booked_at is not null))
);
select public.opsdeck_make_synced('delivery_notes', 'mutable', 290);
drop policy if exists delivery_notes_read on public.delivery_notes;
drop policy if exists delivery_notes_insert on public.delivery_notes;
drop policy if exists delivery_notes_update on public.delivery_notes;
create policy delivery_notes_read on public.delivery_notes for select to authenticated using ((select public.opsdeck_is_staff()));
create policy delivery_notes_insert on public.delivery_notes for insert to authenticated with check ((select public.opsdeck_writes_facts()));
create policy delivery_notes_update on public.delivery_notes for update to authenticated
  using ((select public.opsdeck_writes_facts())) with check ((select public.opsdeck_writes_facts()));

commit;
