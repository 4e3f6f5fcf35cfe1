-- Locations gain a third kind, 'van' (a vehicle's stock), written by admins like warehouses; booth
-- locations stay derived from booths. Same rule as local migration 0100. No new table: the grants of
-- public.locations are unchanged (authenticated: RLS below; anon: none).
-- One transaction, safe to run again (issue 12).
begin;
alter table public.locations drop constraint if exists locations_kind_check;
alter table public.locations add constraint locations_kind_check check (kind in ('warehouse', 'van', 'booth'));

drop index if exists public.locations_warehouse_name;
create unique index if not exists locations_stock_name on public.locations (lower(name)) where kind <> 'booth' and deleted_at is null;

drop policy if exists locations_insert on public.locations;
drop policy if exists locations_update on public.locations;
create policy locations_insert on public.locations for insert to authenticated
  with check ((select public.opsdeck_is_admin()) and kind in ('warehouse', 'van'));
create policy locations_update on public.locations for update to authenticated
  using ((select public.opsdeck_is_admin()) and kind in ('warehouse', 'van'))
  with check ((select public.opsdeck_is_admin()) and kind in ('warehouse', 'van'));

commit;
