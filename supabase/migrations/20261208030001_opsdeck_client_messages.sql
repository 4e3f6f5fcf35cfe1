-- OpsDeck hub: messages drafted for a client (issue 18), in the client's history. Same CHECKs as
-- local migration 0200.
--
-- Privileges (opsdeck_make_synced → grants): anon nothing; authenticated SELECT, INSERT, UPDATE
-- (soft deletes only); service_role everything. RLS: admins write; admins and viewers read (as
-- quotes and orders); installers and booth devices read none.
--
-- One transaction, safe to run again.
begin;

create table if not exists public.client_messages (
  id text primary key,
  client_id text not null,
  event_id text,
  kind text not null check (kind in ('client_followup', 'event_recap', 'supplier_order', 'note')),
  text text not null check (length(trim(text)) between 1 and 20000),
  drafted_at bigint not null,
  user_id text,
  source_message_id text,
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null
);
create index if not exists client_messages_client on public.client_messages (client_id, drafted_at);
select public.opsdeck_make_synced('client_messages', 'mutable', 235);
revoke all on public.client_messages from anon;
grant select, insert, update on public.client_messages to authenticated;
grant all on public.client_messages to service_role;
alter table public.client_messages enable row level security;
drop policy if exists client_messages_read on public.client_messages;
drop policy if exists client_messages_insert on public.client_messages;
drop policy if exists client_messages_update on public.client_messages;
create policy client_messages_read on public.client_messages for select to authenticated
  using ((select public.opsdeck_role()) in ('admin', 'viewer'));
create policy client_messages_insert on public.client_messages for insert to authenticated
  with check ((select public.opsdeck_is_admin()));
create policy client_messages_update on public.client_messages for update to authenticated
  using ((select public.opsdeck_is_admin())) with check ((select public.opsdeck_is_admin()));

commit;
