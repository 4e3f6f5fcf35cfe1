-- Event checklists (issue 16): templates admins edit, items installers tick. Same CHECKs as the
-- local tables (0150_checklists.sql). Privileges written out by opsdeck_make_synced →
-- opsdeck_grant_synced and restated below: anon nothing; authenticated select/insert/update (no
-- DELETE: tombstones only), narrowed by the policies; service_role everything.
-- One transaction, safe to run again.
begin;

create table if not exists public.checklist_templates (
  id text primary key,
  name text not null check (length(trim(name)) between 1 and 100),
  items text not null check (public.opsdeck_json_array(items)),
  is_default integer not null default 0 check (is_default in (0, 1)),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null
);
select public.opsdeck_make_synced('checklist_templates', 'mutable', 300);

create table if not exists public.checklist_items (
  id text primary key,
  event_id text not null references public.events (id),
  template_id text not null,
  section text not null check (section in ('loading', 'setup', 'test_print', 'teardown', 'return')),
  position integer not null check (position between 0 and 999),
  label text not null check (length(trim(label)) between 1 and 200),
  required integer not null default 1 check (required in (0, 1)),
  done_at bigint,
  done_by text check (done_by is null or length(done_by) <= 64),
  done_by_name text check (done_by_name is null or length(done_by_name) <= 120),
  note text check (note is null or length(note) <= 1000),
  photo text check (photo is null or (length(photo) <= 400000 and (photo like 'data:image/jpeg;base64,%' or photo like 'data:image/png;base64,%'))),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  check ((done_at is null) = (done_by_name is null)),
  unique (event_id, template_id, position)
);
select public.opsdeck_make_synced('checklist_items', 'mutable', 310);

revoke all on table public.checklist_templates, public.checklist_items from public, anon, authenticated, service_role;
grant all on table public.checklist_templates, public.checklist_items to service_role;
grant select, insert, update on table public.checklist_templates, public.checklist_items to authenticated;

-- Templates: staff read, admins write.
drop policy if exists checklist_templates_read on public.checklist_templates;
drop policy if exists checklist_templates_insert on public.checklist_templates;
drop policy if exists checklist_templates_update on public.checklist_templates;
create policy checklist_templates_read on public.checklist_templates for select to authenticated using ((select public.opsdeck_is_staff()));
create policy checklist_templates_insert on public.checklist_templates for insert to authenticated with check ((select public.opsdeck_is_admin()));
create policy checklist_templates_update on public.checklist_templates for update to authenticated
  using ((select public.opsdeck_is_admin())) with check ((select public.opsdeck_is_admin()));

-- Items: staff read; installers and admins instantiate and tick them (booth devices never do).
drop policy if exists checklist_items_read on public.checklist_items;
drop policy if exists checklist_items_insert on public.checklist_items;
drop policy if exists checklist_items_update on public.checklist_items;
create policy checklist_items_read on public.checklist_items for select to authenticated using ((select public.opsdeck_is_staff()));
create policy checklist_items_insert on public.checklist_items for insert to authenticated with check ((select public.opsdeck_writes_facts()));
create policy checklist_items_update on public.checklist_items for update to authenticated
  using ((select public.opsdeck_writes_facts())) with check ((select public.opsdeck_writes_facts()));

commit;
