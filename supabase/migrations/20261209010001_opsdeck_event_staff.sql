-- OpsDeck hub, who works which event (issue 18, item 6): installers read the clients of THEIR
-- events only. Until now an installer read every client that any event pointed at, and nothing
-- tied an installer to the events they work. Same CHECKs as local migration 0220.
--
-- Who "I" am: an API account (auth.uid()) is an OpsDeck profile (public.users, the synced
-- profiles admins manage, whose ids the assignments name) when both carry the same e-mail. The
-- account's e-mail is read from auth.users (as GoTrue stores it), never from a claim the caller
-- sends; profiles are written by admins only. opsdeck_my_user_ids() is that link.
--
-- event_staff: one row per (event, profile), soft-deleted when an installer is taken off.
-- Privileges (opsdeck_make_synced → opsdeck_grant_synced, restated below): anon nothing;
-- authenticated SELECT, INSERT, UPDATE (tombstones only, never DELETE); service_role all. RLS:
--   event_staff: admins write; admins and viewers read every row; installers read their own rows
--     (tombstones included, so taking someone off reaches their device); booth devices none.
--   clients: admins and viewers read all; installers read the client of an event they are
--     assigned to and the contacts of that company (was: of any event).
--   registrations (guests' names and e-mails): admins and viewers read all; installers read those
--     of their events only (they check guests in at the door of their event; was: every event's).
--   events stay readable by all staff (the schedule of the booths: which booth is where, the
--     calendar, wake-ups, checklists) — an event carries the booking's label (client_name, place),
--     not the client's record (contacts, e-mail, phone, address, notes), which is what moves here.
--   client_messages stay office-only (drafted correspondence is not needed on site).
--
-- An installer assigned to an event, or an assigned event given another client, makes rows
-- visible that the installer's device had pulled past already (its cursor is beyond their change
-- numbers): the hub gives those rows a new change number in the same transaction
-- (opsdeck_event_staff_touch), so the device's next pull brings them.
--
-- One transaction, safe to run again.
begin;

create table if not exists public.event_staff (
  id text primary key,
  event_id text not null references public.events (id),
  user_id text not null references public.users (id),
  site_role text not null default 'crew' check (site_role in ('lead', 'crew')),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  unique (event_id, user_id)
);
create index if not exists event_staff_user on public.event_staff (user_id) where deleted_at is null;
select public.opsdeck_make_synced('event_staff', 'mutable', 215);

revoke all on table public.event_staff from public, anon, authenticated, service_role;
grant all on table public.event_staff to service_role;
grant select, insert, update on table public.event_staff to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Who I am, which events are mine, which clients are theirs (as sets, computed once a statement
-- where policies call them as `(select …)`). Security definer: they read auth.users and bypass
-- the policies of the tables they read, and reveal only the caller's own links.
-- ---------------------------------------------------------------------------------------------
create or replace function public.opsdeck_my_user_ids() returns text[]
language sql stable security definer set search_path = public, pg_temp as $$
  select coalesce(array_agg(u.id), array[]::text[])
    from auth.users a
    join public.users u on u.email is not null and lower(u.email) = lower(a.email)
   where a.id = auth.uid() and u.deleted_at is null and u.active = 1 and public.opsdeck_has_role()
$$;

create or replace function public.opsdeck_my_event_ids() returns text[]
language sql stable security definer set search_path = public, pg_temp as $$
  select coalesce(array_agg(distinct s.event_id), array[]::text[])
    from public.event_staff s
   where s.deleted_at is null and s.user_id = any (public.opsdeck_my_user_ids())
$$;

create or replace function public.opsdeck_my_client_ids() returns text[]
language sql stable security definer set search_path = public, pg_temp as $$
  select coalesce(array_agg(distinct e.client_id), array[]::text[])
    from public.events e
   where e.deleted_at is null and e.client_id is not null and e.id = any (public.opsdeck_my_event_ids())
$$;

-- ---------------------------------------------------------------------------------------------
-- Rows that become visible to an assigned installer get a new change number (see the header).
-- Only hub columns change, so the conflict log sees no change of content and records nothing.
-- ---------------------------------------------------------------------------------------------
create or replace function public.opsdeck_event_staff_touch_event(p_event text) returns void
language plpgsql security definer set search_path = public, pg_temp as $$
declare v_client text;
begin
  select client_id into v_client from public.events where id = p_event;
  if v_client is not null then
    update public.clients set updated_at = updated_at where id = v_client or company_id = v_client;
  end if;
  update public.registrations set updated_at = updated_at where event_id = p_event;
end $$;

create or replace function public.opsdeck_event_staff_touch() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if tg_table_name = 'event_staff' then
    if new.deleted_at is null and (tg_op = 'INSERT' or old.deleted_at is not null or old.event_id is distinct from new.event_id) then
      perform public.opsdeck_event_staff_touch_event(new.event_id);
    end if;
  elsif new.client_id is distinct from old.client_id and new.client_id is not null
        and exists (select 1 from public.event_staff s where s.event_id = new.id and s.deleted_at is null) then
    perform public.opsdeck_event_staff_touch_event(new.id);
  end if;
  return null;
end $$;

create or replace trigger opsdeck_event_staff_touch after insert or update on public.event_staff
  for each row execute function public.opsdeck_event_staff_touch();
create or replace trigger opsdeck_event_staff_touch after update of client_id on public.events
  for each row execute function public.opsdeck_event_staff_touch();

-- ---------------------------------------------------------------------------------------------
-- Policies
-- ---------------------------------------------------------------------------------------------
drop policy if exists event_staff_read on public.event_staff;
drop policy if exists event_staff_insert on public.event_staff;
drop policy if exists event_staff_update on public.event_staff;
create policy event_staff_read on public.event_staff for select to authenticated
  using ((select public.opsdeck_role()) in ('admin', 'viewer')
      or ((select public.opsdeck_role()) = 'installer' and user_id = any ((select public.opsdeck_my_user_ids())::text[])));
create policy event_staff_insert on public.event_staff for insert to authenticated with check ((select public.opsdeck_is_admin()));
create policy event_staff_update on public.event_staff for update to authenticated
  using ((select public.opsdeck_is_admin())) with check ((select public.opsdeck_is_admin()));

drop policy if exists clients_read on public.clients;
create policy clients_read on public.clients for select to authenticated
  using ((select public.opsdeck_role()) in ('admin', 'viewer')
      or ((select public.opsdeck_role()) = 'installer'
          and (id = any ((select public.opsdeck_my_client_ids())::text[]) or company_id = any ((select public.opsdeck_my_client_ids())::text[]))));

drop policy if exists registrations_read on public.registrations;
create policy registrations_read on public.registrations for select to authenticated
  using ((select public.opsdeck_role()) in ('admin', 'viewer')
      or ((select public.opsdeck_role()) = 'installer' and event_id = any ((select public.opsdeck_my_event_ids())::text[])));

-- ---------------------------------------------------------------------------------------------
-- Functions: nobody by default; service_role all; authenticated only the three the policies
-- evaluate as the caller (each reveals only the caller's own links). Trigger functions: no API role.
-- ---------------------------------------------------------------------------------------------
revoke all on function public.opsdeck_my_user_ids() from public, anon, authenticated, service_role;
revoke all on function public.opsdeck_my_event_ids() from public, anon, authenticated, service_role;
revoke all on function public.opsdeck_my_client_ids() from public, anon, authenticated, service_role;
revoke all on function public.opsdeck_event_staff_touch_event(text) from public, anon, authenticated, service_role;
revoke all on function public.opsdeck_event_staff_touch() from public, anon, authenticated, service_role;
grant execute on function public.opsdeck_my_user_ids(), public.opsdeck_my_event_ids(), public.opsdeck_my_client_ids() to authenticated, service_role;
grant execute on function public.opsdeck_event_staff_touch_event(text), public.opsdeck_event_staff_touch() to service_role;

commit;
