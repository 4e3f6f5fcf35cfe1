-- Products' demand drivers: what a product's forecast follows (its own sales history, the prints
-- of upcoming events, or their number) with the units used per print / event. Admins set them;
-- staff read them. Same CHECKs as the local table (0050_forecasts.sql).

-- One transaction: the whole file or nothing. Applied once by `supabase db push`; run again by hand
-- (SQL editor, psql) it stops at this guard and changes nothing. Only the files from
-- 20261206000001_opsdeck_identity.sql on are meant to be run again (that one restates every function).
begin;
do $$
begin
  if to_regclass('public.product_demand_drivers') is not null then
    raise exception '20261124000002_opsdeck_demand_drivers is already applied: nothing was changed'
      using errcode = '42P07', hint = 'Re-run only the latest migration file, which is safe to run again.';
  end if;
end $$;

create table public.product_demand_drivers (
  id text primary key,
  product_id text not null unique references public.products (id),
  driver text not null check (driver in ('history', 'event_prints', 'event_count')),
  per_unit double precision check (per_unit is null or per_unit > 0),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  check (driver = 'history' or per_unit is not null)
);
select public.opsdeck_make_synced('product_demand_drivers', 'mutable', 210);
create policy product_demand_drivers_read on public.product_demand_drivers for select to authenticated using ((select public.opsdeck_is_staff()));
create policy product_demand_drivers_insert on public.product_demand_drivers for insert to authenticated with check ((select public.opsdeck_is_admin()));
create policy product_demand_drivers_update on public.product_demand_drivers for update to authenticated using ((select public.opsdeck_is_admin())) with check ((select public.opsdeck_is_admin()));

commit;
