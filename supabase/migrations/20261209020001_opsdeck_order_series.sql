-- OpsDeck hub: customer order numbering series per device (issue 18, item 4). Same CHECKs as local
-- migration 0230, as 20261208040001 did for quotes. Two devices taking orders offline took the same
-- CMD-YYYY-NNNN and the hub refused the second one; each device now numbers its orders in its own
-- series (the one its quotes use): the plain one (series '', CMD-2026-0042) or a short code
-- (series 'B', CMD-2026-B-0001), gapless per year. The natural key becomes (year, series, seq);
-- the number's format check accepts the series form. Orders already on the hub are plain ('').
--
-- Privileges are unchanged (no new table, no grant or policy touched): anon nothing;
-- authenticated as 20261207060001 granted; service_role everything.
--
-- One transaction, safe to run again.
begin;

alter table public.customer_orders add column if not exists series text not null default '';

alter table public.customer_orders drop constraint if exists customer_orders_series_check;
alter table public.customer_orders add constraint customer_orders_series_check check (series ~ '^([A-Z][A-Z0-9]{0,2})?$');

alter table public.customer_orders drop constraint if exists customer_orders_number_check;
alter table public.customer_orders add constraint customer_orders_number_check
  check (number ~ '^CMD-[0-9]{4}-([A-Z][A-Z0-9]{0,2}-)?[0-9]{4,}$');

alter table public.customer_orders drop constraint if exists customer_orders_year_seq_key;
alter table public.customer_orders drop constraint if exists customer_orders_year_series_seq_key;
alter table public.customer_orders add constraint customer_orders_year_series_seq_key unique (year, series, seq);
create index if not exists customer_orders_series on public.customer_orders (series, origin_device);
-- Re-registers the customer_orders columns (the push and pull read them from opsdeck_synced_tables);
-- its grants are re-applied as they were (opsdeck_grant_synced), nothing widened.
select public.opsdeck_make_synced('customer_orders', 'mutable', 260);

commit;
