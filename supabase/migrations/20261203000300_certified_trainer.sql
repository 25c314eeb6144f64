-- Certified trainer (issue 13): the platform decides, in SQL, whether a learner may hold the
-- "Certified Trainer" credential, and records who trained whom (the cascade) when it is issued.
--
-- Requirements, each with the code the issuer and the learner's checklist use:
--   verify_account           a permanent account with a confirmed email or phone
--   awareness_not_completed  every lesson of the Awareness course (ai-awareness) completed
--   foundations_not_passed   the AI Foundations final (ai-foundations-ethics) passed, server-graded
--   ttt_not_passed           the Train-the-Trainer final (train-the-trainer) passed, server-graded
--   no_trainer_cohort        a member (not removed) of a cohort that teaches train-the-trainer
--   attendance_below_80      present or late at ≥ 80% of that cohort's sessions since joining
--                            (sessions still to come count as not attended yet)
--   needs_demonstration      the LATEST teaching-demonstration rubric for train-the-trainer is
--                            approved (a new evaluation supersedes, docs/certification.md)
--
-- The credential is a row of public.certificates with course_id 'certified-trainer', issued by
-- the same server path as every certificate (claimCertificate → certificate_eligibility), so it
-- is signed, verified and revoked exactly like them.

-- ---------------------------------------------------------------- the credential's id
-- 'certified-trainer' is an achievement, not a course: it has no lessons, events or packs, and
-- must not appear in the catalogue or the course figures. certificates.course_id therefore
-- accepts a known course or this one id (a trigger, as a foreign key cannot say "or").
alter table public.certificates drop constraint certificates_course_id_fkey;

create function private.certified_trainer_id() returns text
language sql immutable set search_path = '' as $$ select 'certified-trainer'::text $$;

create function private.certificate_course_known() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.course_id <> private.certified_trainer_id()
     and not exists (select 1 from public.courses c where c.id = new.course_id) then
    raise exception 'unknown course %', new.course_id using errcode = '23503';
  end if;
  return new;
end
$$;
create trigger certificate_course_known before insert or update of course_id on public.certificates
  for each row execute function private.certificate_course_known();

-- ---------------------------------------------------------------- the requirements
create function private.certified_trainer_check(learner uuid) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  awareness_done int;
  awareness_of int;
  foundations boolean;
  ttt boolean;
  demo text;
  best record;
  verified boolean := private.account_verified(learner);
  reqs jsonb;
  reason text;
begin
  select coalesce(p.completed_count, 0), c.lesson_count into awareness_done, awareness_of
    from public.courses c
    left join public.course_progress p on p.course_id = c.id and p.owner = learner
    where c.id = 'ai-awareness';
  foundations := exists (select 1 from public.assessment_results r
    where r.owner = learner and r.course_id = 'ai-foundations-ethics' and r.status = 'passed');
  ttt := exists (select 1 from public.assessment_results r
    where r.owner = learner and r.course_id = 'train-the-trainer' and r.status = 'passed');
  select s.decision into demo from public.skill_evaluations s
    where s.learner = certified_trainer_check.learner and s.course_id = 'train-the-trainer'
    order by s.created_at desc, s.id desc limit 1;
  -- The learner's best Train-the-Trainer cohort: sessions since they joined, and how many of
  -- those they attended. A removed learner's cohort does not count; one they left does (the
  -- sessions after leaving count as missed).
  select k.id, k.title, k.lead_trainer, k.org_id, q.sessions, q.attended into best
  from public.cohort_members m
  join public.cohorts k on k.id = m.cohort_id and 'train-the-trainer' = any (k.course_ids)
  cross join lateral (
    select count(*)::int as sessions,
      count(*) filter (where a.status in ('present', 'late'))::int as attended
    from public.cohort_sessions s
    left join public.cohort_attendance a on a.session_id = s.id and a.learner = m.user_id
    where s.cohort_id = k.id and s.ends_at >= m.joined_at
  ) q
  where m.user_id = learner and m.removed_by is null and k.lead_trainer <> learner
  order by (q.sessions > 0) desc, q.attended::numeric / greatest(q.sessions, 1) desc, m.joined_at
  limit 1;

  reqs := jsonb_build_array(
    jsonb_build_object('id', 'verify_account', 'met', verified),
    jsonb_build_object('id', 'awareness_not_completed',
      'met', coalesce(awareness_of > 0 and awareness_done >= awareness_of, false),
      'done', coalesce(awareness_done, 0), 'of', coalesce(awareness_of, 0)),
    jsonb_build_object('id', 'foundations_not_passed', 'met', foundations),
    jsonb_build_object('id', 'ttt_not_passed', 'met', ttt),
    jsonb_build_object('id', 'no_trainer_cohort', 'met', best.id is not null,
      'cohort_id', best.id, 'cohort_title', best.title),
    jsonb_build_object('id', 'attendance_below_80',
      'met', coalesce(best.sessions > 0 and best.attended * 5 >= best.sessions * 4, false),
      'attended', coalesce(best.attended, 0), 'sessions', coalesce(best.sessions, 0)),
    jsonb_build_object('id', 'needs_demonstration', 'met', coalesce(demo = 'approved', false),
      'last_decision', demo));
  select r ->> 'id' into reason from jsonb_array_elements(reqs) r where not (r ->> 'met')::boolean limit 1;
  return jsonb_build_object(
    'eligible', reason is null,
    'reason', reason,
    'requirements', reqs,
    'cohort_id', best.id,
    'trained_by', best.lead_trainer,
    'org_id', best.org_id,
    'title', 'Certified Trainer',
    'description', 'Certified to teach the National AI Awareness and Skills programmes in cohorts, '
      || 'onsite and online, under the National AI Policy 2025.',
    'criteria', 'Completed the AI Awareness course; passed the server-graded finals of AI Foundations and '
      || 'Train the Trainer; attended at least 80% of the sessions of a Train-the-Trainer cohort; and '
      || 'taught a session that a CoE-AI assessor approved against the five-criterion rubric '
      || '(level 3 of 4 or more on every criterion).',
    'achievement_type', 'Certification',
    'pass_mark', null,
    'requires_demonstration', true);
end
$$;

-- The learner's own checklist (the certificates page and the rubric page show it).
create function public.my_trainer_requirements() returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  got jsonb;
begin
  if caller is null or coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false) then
    raise exception 'sign in with an account first' using errcode = '42501';
  end if;
  got := private.certified_trainer_check(caller);
  return jsonb_build_object('eligible', got -> 'eligible', 'reason', got -> 'reason',
    'requirements', got -> 'requirements',
    'certified', exists (select 1 from public.certificates c
                         where c.owner = caller and c.course_id = private.certified_trainer_id()
                           and c.revoked_at is null));
end
$$;
revoke all on function public.my_trainer_requirements() from public, anon;
grant execute on function public.my_trainer_requirements() to authenticated;

-- The issuer asks the same function for every credential; the certified trainer is one more
-- answer of it (the body below is 20261202100000_cert_hardening.sql's, plus the first branch).
create or replace function public.certificate_eligibility(learner uuid, course text) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  cfg private.assessment_config;
  best public.assessment_results;
  approved boolean;
begin
  if course = private.certified_trainer_id() then
    return private.certified_trainer_check(learner);
  end if;
  if not private.account_verified(learner) then
    return jsonb_build_object('eligible', false, 'reason', 'verify_account');
  end if;
  select * into cfg from private.assessment_config c where c.course_id = course;
  if not found then return jsonb_build_object('eligible', false, 'reason', 'no_final_assessment'); end if;
  select * into best from public.assessment_results r
    where r.owner = learner and r.course_id = course and r.status = 'passed' order by r.graded_at limit 1;
  approved := exists (select 1 from public.skill_evaluations s
    where s.learner = certificate_eligibility.learner and s.course_id = course and s.decision = 'approved');
  return jsonb_build_object(
    'eligible', best.event_id is not null and (approved or not cfg.requires_demonstration),
    'reason', case when best.event_id is null then 'not_passed'
                   when cfg.requires_demonstration and not approved then 'needs_demonstration' end,
    'title', cfg.title, 'description', cfg.description, 'pass_mark', cfg.pass_mark,
    'score', best.score, 'requires_demonstration', cfg.requires_demonstration);
end
$$;

-- ---------------------------------------------------------------- the cascade
-- One row per certified trainer: the cohort they trained in and its lead trainer (who trained
-- whom), the unit that cohort belongs to, and whether certification granted them the trainer
-- role there. Read only through the functions below.
create table public.trainer_certifications (
  trainer uuid primary key references auth.users (id) on delete cascade,
  certificate_id uuid not null unique references public.certificates (id) on delete cascade,
  cohort_id uuid references public.cohorts (id) on delete set null,
  trained_by uuid references auth.users (id) on delete set null,
  org_id uuid references public.organisations (id) on delete set null,
  granted_role boolean not null default false,
  certified_at timestamptz not null default now()
);
create index trainer_certifications_by on public.trainer_certifications (trained_by);
alter table public.trainer_certifications enable row level security;
create policy "a trainer reads their own certification" on public.trainer_certifications for select
  to authenticated using (trainer = (select auth.uid()));
revoke all on public.trainer_certifications from anon;
revoke insert, update, delete, truncate on public.trainer_certifications from authenticated;

-- When the credential is issued: record the cascade and make the new trainer a `trainer` of the
-- unit whose cohort trained them (unless they are one there already), so they can run cohorts
-- in that centre at once. Audited; the actor is the issuing server (no person).
create function private.on_trainer_certified() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  got jsonb := private.certified_trainer_check(new.owner);
  org uuid := (got ->> 'org_id')::uuid;
  granted boolean := false;
begin
  if org is not null and not private.person_has_role_in(new.owner, org, 'trainer') then
    insert into public.org_roles (user_id, org_id, role, granted_by) values (new.owner, org, 'trainer', null)
      on conflict do nothing;
    granted := found;
  end if;
  insert into public.trainer_certifications (trainer, certificate_id, cohort_id, trained_by, org_id, granted_role, certified_at)
    values (new.owner, new.id, (got ->> 'cohort_id')::uuid, (got ->> 'trained_by')::uuid, org, granted, new.issued_at)
    on conflict (trainer) do nothing;
  perform private.audit('trainer.certified', org, 'person', new.owner::text, null,
    jsonb_build_object('certificate', new.id, 'cohort', got ->> 'cohort_id', 'trained_by', got ->> 'trained_by',
                       'granted_trainer_role', granted));
  return null;
end
$$;
create trigger trainer_certified after insert on public.certificates
  for each row when (new.course_id = 'certified-trainer') execute function private.on_trainer_certified();

-- Revoking the credential takes back the role that certification gave (and only that one).
-- "Delete my account" revokes and erases the row in one update (owner becomes null): the role
-- still goes, and the audit entry then names no one (the deletion is logged by itself).
create function private.on_trainer_certificate_revoked() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  t public.trainer_certifications;
  holder uuid := old.owner;
begin
  select * into t from public.trainer_certifications x where x.certificate_id = new.id;
  if t.granted_role and t.org_id is not null then
    delete from public.org_roles r where r.user_id = holder and r.org_id = t.org_id and r.role = 'trainer';
    update public.trainer_certifications x set granted_role = false where x.certificate_id = new.id;
  end if;
  perform private.audit('trainer.certification_revoked', t.org_id, 'person',
    case when new.owner is null then null else holder::text end, null,
    jsonb_build_object('certificate', new.id, 'removed_trainer_role', coalesce(t.granted_role, false)));
  return null;
end
$$;
create trigger trainer_certificate_revoked after update of revoked_at on public.certificates
  for each row when (new.course_id = 'certified-trainer' and old.revoked_at is null and new.revoked_at is not null)
  execute function private.on_trainer_certificate_revoked();

-- Per trainer: learners reached directly (distinct people who joined a cohort they lead or
-- assist, not removed, not themselves), trainers they trained (certified, not revoked), and
-- the learners reached by those trainers in turn, down the whole cascade.
create view private.trainer_reach as
with recursive
  led as (
    select t.person, m.user_id
    from public.cohorts k
    cross join lateral (select k.lead_trainer as person union select unnest(k.assistant_trainers)) t
    join public.cohort_members m on m.cohort_id = k.id and m.removed_by is null and m.user_id <> t.person
  ),
  live as (
    select tc.trainer, tc.trained_by from public.trainer_certifications tc
    join public.certificates c on c.id = tc.certificate_id and c.revoked_at is null
  ),
  downline (root, trainer, depth) as (
    select l.trained_by, l.trainer, 1 from live l where l.trained_by is not null
    union
    select d.root, l.trainer, d.depth + 1 from downline d join live l on l.trained_by = d.trainer where d.depth < 20
  ),
  people as (select person from led union select trained_by from live where trained_by is not null)
select p.person as trainer,
  (select count(distinct l.user_id) from led l where l.person = p.person)::int as learners_reached,
  (select count(*) from live l where l.trained_by = p.person)::int as trainers_trained,
  (select count(distinct l.user_id) from led l
     where l.person in (select d.trainer from downline d where d.root = p.person)
       and l.user_id <> p.person)::int as learners_reached_through_trainers
from people p;

-- For CoE-AI at the programme root (and auditors): the cascade totals and one row per trainer.
-- Trainers are staff acting in their role, so they are named; no learner attribute is crossed
-- with a trainer, so no figure narrows down to a learner (docs/monitoring.md).
create function public.trainer_cascade() returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not private.may_monitor() then
    raise exception 'programme figures are for CoE-AI administrators and auditors' using errcode = '42501';
  end if;
  return jsonb_build_object(
    'trainers_trained', (select count(*) from public.trainer_certifications tc
                         join public.certificates c on c.id = tc.certificate_id and c.revoked_at is null)::int,
    'trainers_running_cohorts', (select count(distinct k.lead_trainer) from public.cohorts k)::int,
    'learners_reached', (select count(distinct m.user_id) from public.cohort_members m where m.removed_by is null)::int,
    'per_trainer', coalesce((
      select jsonb_agg(jsonb_build_object('trainer', r.trainer, 'name', p.display_name,
          'certified', tc.trainer is not null, 'trained_by_name', tp.display_name,
          'learners_reached', r.learners_reached, 'trainers_trained', r.trainers_trained,
          'learners_reached_through_trainers', r.learners_reached_through_trainers)
        order by r.learners_reached + r.learners_reached_through_trainers desc, r.trainer)
      from (select * from private.trainer_reach x
            order by x.learners_reached + x.learners_reached_through_trainers desc, x.trainer limit 500) r
      left join public.profiles p on p.id = r.trainer
      left join public.trainer_certifications tc on tc.trainer = r.trainer
      left join public.profiles tp on tp.id = tc.trained_by), '[]'::jsonb));
end
$$;
revoke all on function public.trainer_cascade() from public, anon;
grant execute on function public.trainer_cascade() to authenticated, service_role;

-- ---------------------------------------------------------------- the trainers target
-- "Certified trainers" (the policy's 10,000 by 2027) now counts Certified Trainer credentials,
-- not Train-the-Trainer course certificates; the credential is not a course, so it stays out
-- of "trained" (certificates of the fiscal year).
create or replace function public.programme_targets(fiscal_year_start int default null) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  fy int := coalesce(fiscal_year_start,
    case when extract(month from now()) >= 7 then extract(year from now())::int else extract(year from now())::int - 1 end);
  fy_from date := make_date(fy, 7, 1);
  fy_to date := make_date(fy + 1, 6, 1);
begin
  if not private.may_monitor() then
    raise exception 'programme figures are for CoE-AI administrators and auditors' using errcode = '42501';
  end if;
  return jsonb_build_object(
    'fiscal_year', fy,
    'trained', (select coalesce(sum(s.certified), 0)::int from private.programme_summary s
                where s.month between fy_from and fy_to and s.course_id <> private.certified_trainer_id()),
    'trained_target', 200000,
    'trainers', (select coalesce(sum(s.certified), 0)::int from private.programme_summary s
                 where s.course_id = private.certified_trainer_id() and s.month <= date '2027-12-01'),
    'trainers_target', 10000,
    'trainers_deadline', '2027-12-31',
    'awareness_completions', (select coalesce(sum(r.completions), 0)::int from public.awareness_reach r
                              where r.day between fy_from and (fy_to + interval '1 month' - interval '1 day')::date),
    'refreshed_at', (select w.refreshed_at from private.monitoring_watermark w));
end
$$;

revoke all on all functions in schema private from public, anon, authenticated;
