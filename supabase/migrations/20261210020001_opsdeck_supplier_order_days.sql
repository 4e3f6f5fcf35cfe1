-- OpsDeck hub: suppliers' order days (issue 17, item 4), until now local to each device (local
-- migration 0121), become a synced business fact (local migration 0245): the weekdays a supplier
-- takes orders set its products' review period, so every office desktop, a replaced PC and the
-- installers' laptops must reorder with the same days. Same CHECKs as the local table.
--
-- One row per supplier, and its id is the supplier's name (check id = supplier): two devices that
-- set the same supplier's days write the same row, the last push wins and the version it replaced
-- goes to `conflicts` (opsdeck_conflict_log, as for every mutable table), which every staff device
-- pulls. Removing a supplier's days is a tombstone (deleted_at); nobody has DELETE.
--
-- Privileges (opsdeck_make_synced → opsdeck_grant_synced, restated below): anon nothing;
-- authenticated SELECT, INSERT, UPDATE (what the policies below expect; tombstones, never DELETE
-- or TRUNCATE); service_role all. RLS:
--   admins write (insert, update) and read;
--   viewers (the office) and installers read: an installer's laptop runs the forecasts and shows
--     their advice and stock-out alerts (the forecast module's reads are open to every staff role);
--   booth devices nothing (a booth PC never orders stock nor forecasts it).
-- Pull order 212: after product_demand_drivers (210), before event_staff (215); no foreign key.
--
-- One transaction, safe to run again.
begin;

create table if not exists public.supplier_order_days (
  id text primary key,
  supplier text not null unique check (length(supplier) between 1 and 200),
  weekdays integer not null check (weekdays between 1 and 127),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  check (id = supplier)
);
select public.opsdeck_make_synced('supplier_order_days', 'mutable', 212);

revoke all on table public.supplier_order_days from public, anon, authenticated, service_role;
grant all on table public.supplier_order_days to service_role;
grant select, insert, update on table public.supplier_order_days to authenticated;

drop policy if exists supplier_order_days_read on public.supplier_order_days;
drop policy if exists supplier_order_days_insert on public.supplier_order_days;
drop policy if exists supplier_order_days_update on public.supplier_order_days;
create policy supplier_order_days_read on public.supplier_order_days for select to authenticated
  using ((select public.opsdeck_is_staff()));
create policy supplier_order_days_insert on public.supplier_order_days for insert to authenticated
  with check ((select public.opsdeck_is_admin()));
create policy supplier_order_days_update on public.supplier_order_days for update to authenticated
  using ((select public.opsdeck_is_admin())) with check ((select public.opsdeck_is_admin()));

commit;
