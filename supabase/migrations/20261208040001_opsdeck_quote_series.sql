-- OpsDeck hub: quote numbering series per device (issue 18, item 3). Same CHECKs as local
-- migration 0205. Two devices quoting offline took the same DEV-YYYY-NNNN and the hub refused the
-- second one; each device now numbers in its own series: the plain one (series '', DEV-2026-0042)
-- or a short code (series 'B', DEV-2026-B-0001), gapless per year. The natural key becomes
-- (year, series, seq); the number's format check accepts the series form.
--
-- Privileges are unchanged (no new table, no grant or policy touched): anon nothing;
-- authenticated as 20261207060001 granted; service_role everything.
--
-- One transaction, safe to run again.
begin;

alter table public.quotes add column if not exists series text not null default '';

alter table public.quotes drop constraint if exists quotes_series_check;
alter table public.quotes add constraint quotes_series_check check (series ~ '^([A-Z][A-Z0-9]{0,2})?$');

alter table public.quotes drop constraint if exists quotes_number_check;
alter table public.quotes add constraint quotes_number_check check (number ~ '^DEV-[0-9]{4}-([A-Z][A-Z0-9]{0,2}-)?[0-9]{4,}$');

alter table public.quotes drop constraint if exists quotes_year_seq_key;
alter table public.quotes drop constraint if exists quotes_year_series_seq_key;
alter table public.quotes add constraint quotes_year_series_seq_key unique (year, series, seq);
create index if not exists quotes_series on public.quotes (series, origin_device);
-- Re-registers the quotes columns (the push and pull read them from opsdeck_synced_tables); its
-- grants are re-applied as they were (opsdeck_grant_synced), nothing widened.
select public.opsdeck_make_synced('quotes', 'mutable', 240);

commit;
