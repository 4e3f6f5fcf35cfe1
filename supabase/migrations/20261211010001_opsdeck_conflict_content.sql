-- OpsDeck hub: a conflict is two versions that say different things (issue: a sync conflict that
-- is not a conflict). The conflict log compared the replaced and the new version of a row minus
-- the hub's columns, updated_at and origin_device, so bookkeeping still made a conflict out of two
-- devices that held the same content:
--   * created_at: a row whose id is a natural key (supplier_order_days: the supplier's name;
--     booth_trigger_secrets: the booth) is created by each device on its own; two desktops that
--     carried over the same order days (local migration 0245) stamped them each with its own time,
--     and the second push logged a "conflict" between two identical sets of days;
--   * deleted_at: two devices removing the same row each stamp their own tombstone time; the row
--     is removed either way.
-- Now the content compared is the row minus the hub's columns and the bookkeeping columns
-- (created_at, updated_at, origin_device), with deleted_at reduced to whether the row is removed.
-- Everything else is business content: a different value in any other column is still a conflict,
-- logged with both full versions as before. The device side follows the same rule for the natural-
-- key clashes it settles itself (sameContent in electron/core/db/repos/syncStateApply.ts).
--
-- Privileges, written out (the same under Supabase's old and new grant defaults): the trigger
-- function and its helper are executable by no API role (anon none, authenticated none: a trigger
-- runs without EXECUTE, and the helper runs inside the security-definer trigger), service_role all.
-- No table is created or changed, so no grant or RLS policy changes.
--
-- One transaction, safe to run again.
begin;

-- What a row says, for comparing two versions of it: the row without the hub's columns and the
-- bookkeeping columns, and whether it is removed rather than when.
create or replace function public.opsdeck_row_content(p_row jsonb) returns jsonb
language sql immutable set search_path = public, pg_temp as $$
  select (p_row - array['sync_seq', 'sync_txid', 'hub_updated_at', 'sync_writer', 'created_at', 'updated_at', 'origin_device', 'deleted_at'])
         || case when p_row ? 'deleted_at' then jsonb_build_object('deleted', jsonb_typeof(p_row -> 'deleted_at') <> 'null') else '{}'::jsonb end
$$;

create or replace function public.opsdeck_conflict_log() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_device text := nullif(current_setting('opsdeck.device', true), '');
  v_hub constant text[] := array['sync_seq', 'sync_txid', 'hub_updated_at', 'sync_writer'];
  v_base bigint;
  v_t bigint;
begin
  if v_device is null or old.sync_writer is not distinct from v_device then return new; end if;
  -- The same content (bookkeeping aside) replaces nothing anyone wrote.
  if public.opsdeck_row_content(to_jsonb(old)) = public.opsdeck_row_content(to_jsonb(new)) then return new; end if;
  v_base := (nullif(current_setting('opsdeck.bases', true), '')::jsonb ->> old.id)::bigint;
  if old.sync_seq <= coalesce(v_base, 0) then return new; end if;
  v_t := (extract(epoch from clock_timestamp()) * 1000)::bigint;
  insert into public.conflicts (table_name, row_id, winner, loser, winner_device, loser_device, detected_at, created_at, updated_at)
  values (tg_table_name, old.id, (to_jsonb(new) - v_hub)::text, (to_jsonb(old) - v_hub)::text, v_device, old.sync_writer, v_t, v_t, v_t);
  perform set_config('opsdeck.conflicts', (coalesce(nullif(current_setting('opsdeck.conflicts', true), '')::integer, 0) + 1)::text, true);
  return new;
end $$;

revoke all on function public.opsdeck_row_content(jsonb) from public, anon, authenticated, service_role;
grant execute on function public.opsdeck_row_content(jsonb) to service_role;
revoke all on function public.opsdeck_conflict_log() from public, anon, authenticated, service_role;
grant execute on function public.opsdeck_conflict_log() to service_role;

commit;
