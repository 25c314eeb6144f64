-- Staff can delete their own accounts too (issue 18). Two foreign keys to auth.users had no
-- delete rule, so deleting an assessor's or a lead trainer's sign-in failed after their data was
-- already gone (the API answered 502 with the account half-deleted):
--  * a skill evaluation is a record about the LEARNER and stays; it forgets who assessed it;
--  * a cohort stays with its learners and attendance; the first assistant trainer takes the
--    lead, and a cohort with no assistant is left without a lead for its unit's admin to see.

alter table public.skill_evaluations alter column assessor drop not null;
alter table public.skill_evaluations drop constraint skill_evaluations_assessor_fkey;
alter table public.skill_evaluations add constraint skill_evaluations_assessor_fkey
  foreign key (assessor) references auth.users (id) on delete set null;

alter table public.cohorts alter column lead_trainer drop not null;
alter table public.cohorts drop constraint cohorts_lead_trainer_fkey;
alter table public.cohorts add constraint cohorts_lead_trainer_fkey
  foreign key (lead_trainer) references auth.users (id) on delete set null;

create or replace function public.delete_my_account() returns jsonb
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
  -- As an assessor: the evaluations of others stay, without the assessor's id.
  update public.skill_evaluations set assessor = null where assessor = me;
  -- As a trainer: cohorts go on under their first assistant (if any); out of every assistant list.
  update public.cohorts
     set lead_trainer = case when lead_trainer = me then assistant_trainers[1] else lead_trainer end,
         assistant_trainers = array_remove(
           case when lead_trainer = me then assistant_trainers[2:] else assistant_trainers end, me)
   where lead_trainer = me or me = any (assistant_trainers);
  delete from public.user_roles where user_id = me;
  delete from public.profiles where id = me;
  insert into private.account_deletions (user_id_hash)
    values (encode(sha256(convert_to(me::text, 'UTF8')), 'hex'));
  -- The shared audit log: that it happened, not what.
  perform private.audit('account.deleted', null, 'user', encode(sha256(convert_to(me::text, 'UTF8')), 'hex'));
  return jsonb_build_object('events', events, 'certificates', certificates);
end
$$;
revoke all on function public.delete_my_account() from public, anon;
grant execute on function public.delete_my_account() to authenticated;
