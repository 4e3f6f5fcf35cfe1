-- OpsDeck hub, the booths' trigger secrets (issue 12): the optional secret in a booth's dslrBooth
-- trigger URL (`opsdeck agent --trigger-secret new|off`, or the office's booth form), synced so the
-- office manages it and the booth PC's listener checks the same one. Same CHECKs as the local table
-- (electron/core/db/migrations/0136_booth_trigger_secrets.sql).
--
-- Who reads a secret: admins and installers (they set up booths), and a booth account its own
-- booth's row only; viewers, other booths and role-less accounts nothing. Who writes: admins and
-- installers, and a booth account its own row (the booth PC's command). Never deleted (soft
-- deletes only; a secret removed is a row with secret null).
--
-- One transaction, safe to run again. Privileges written out per role (opsdeck_make_synced: anon
-- nothing; authenticated select, insert, update under RLS; service_role all), the same under
-- Supabase's old and new grant defaults.
begin;

create table if not exists public.booth_trigger_secrets (
  id text primary key,
  booth_id text not null unique references public.booths (id),
  secret text check (secret is null or secret ~ '^[A-Za-z0-9_-]{16,64}$'),
  created_at bigint not null,
  updated_at bigint not null check (updated_at >= created_at),
  deleted_at bigint,
  origin_device text not null,
  check (id = booth_id)
);
select public.opsdeck_make_synced('booth_trigger_secrets', 'mutable', 135);

-- The caller's own booth row (a booth account, from a device it claimed).
drop policy if exists booth_trigger_secrets_read on public.booth_trigger_secrets;
create policy booth_trigger_secrets_read on public.booth_trigger_secrets for select to authenticated
  using ((select public.opsdeck_writes_facts())
         or ((select public.opsdeck_role()) = 'booth' and booth_id = (select public.opsdeck_booth_id())));
drop policy if exists booth_trigger_secrets_insert on public.booth_trigger_secrets;
create policy booth_trigger_secrets_insert on public.booth_trigger_secrets for insert to authenticated
  with check ((select public.opsdeck_writes_facts())
              or ((select public.opsdeck_role()) = 'booth' and booth_id = (select public.opsdeck_booth_id())
                  and public.opsdeck_owns_device(origin_device)));
drop policy if exists booth_trigger_secrets_update on public.booth_trigger_secrets;
create policy booth_trigger_secrets_update on public.booth_trigger_secrets for update to authenticated
  using ((select public.opsdeck_writes_facts())
         or ((select public.opsdeck_role()) = 'booth' and booth_id = (select public.opsdeck_booth_id())))
  with check ((select public.opsdeck_writes_facts())
              or ((select public.opsdeck_role()) = 'booth' and booth_id = (select public.opsdeck_booth_id())
                  and public.opsdeck_owns_device(origin_device)));

commit;
