-- Learner rights: "Delete my account" (docs/privacy.md). The learner deletes their own data, as
-- themselves (auth.uid()), in one transaction; the server then deletes the auth user with the
-- service key. What stays, on purpose:
--   * certificates already issued are revoked ("deleted at the learner's request") and reduced to
--     a minimal record: code, course, centre, dates, status-list index, key id. The name and the
--     signed credential are erased, so a verifier holding a copy sees "revoked" (status list) and
--     a look-up by code finds nothing; the bit in the status list can never be cleared;
--   * private.account_deletions: that a deletion happened and when, keyed by a hash of the id —
--     not what was deleted; and the same in public.audit_log (action account.deleted) when the
--     institutions migration that creates it is present.

create table private.account_deletions (
  user_id_hash text not null,
  deleted_at timestamptz not null default now()
);
revoke all on private.account_deletions from public, anon, authenticated;

-- A certificate row outlives its holder's account (revoked, without the person).
alter table public.certificates alter column owner drop not null;
alter table public.certificates alter column learner_name drop not null;
alter table public.certificates alter column jwt drop not null;
alter table public.certificates drop constraint certificates_owner_fkey;
alter table public.certificates add constraint certificates_owner_fkey
  foreign key (owner) references auth.users (id) on delete set null;
-- Only an erased row may lack its holder and credential.
alter table public.certificates add constraint certificates_erased_only_when_revoked
  check ((owner is not null and learner_name is not null and jwt is not null) or revoked_at is not null);

create function public.delete_my_account() returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  me uuid := auth.uid();
  events int;
  certificates int;
begin
  if me is null then
    raise exception 'sign in to delete your account' using errcode = '42501';
  end if;
  update public.certificates
     set revoked_at = coalesce(revoked_at, now()),
         revoke_reason = coalesce(revoke_reason, 'deleted at the learner''s request'),
         owner = null, learner_name = null, jwt = null
   where owner = me;
  get diagnostics certificates = row_count;
  -- Events first: graded results cascade from their submission events.
  delete from public.learner_events where owner = me;
  get diagnostics events = row_count;
  delete from public.assessment_results where owner = me;
  delete from public.course_progress where owner = me;
  delete from private.assessment_tickets where owner = me;
  delete from public.skill_evaluations where learner = me;
  delete from public.user_roles where user_id = me;
  delete from public.profiles where id = me;
  insert into private.account_deletions (user_id_hash)
    values (encode(sha256(convert_to(me::text, 'UTF8')), 'hex'));
  -- The shared audit log (institutions migration), where present: that it happened, not what.
  if to_regprocedure('private.audit(text,uuid,text,text,jsonb,jsonb)') is not null then
    execute 'select private.audit($1, null, $2, $3)'
      using 'account.deleted', 'user', encode(sha256(convert_to(me::text, 'UTF8')), 'hex');
  end if;
  return jsonb_build_object('events', events, 'certificates', certificates);
end
$$;
revoke all on function public.delete_my_account() from public, anon;
grant execute on function public.delete_my_account() to authenticated;
