-- Trainers see learners through the cohorts they teach, not through their unit (issues 11 and
-- 13; docs/roles.md, the `cohort` cells of the matrix).
--
-- Until now `trainer` also covered every learner under the unit where the role is held, with
-- consent. No trainer screen used that (the roster is the cohort relation), yet a trainer of a
-- big centre could read the progress of thousands of people they never taught. The rule is now:
-- a trainer reads the name of a member of a cohort they teach (lead or assistant, while the
-- learner is a member), and that member's progress, results, evaluations and certificates only
-- while the learner shares their progress. Nothing through the unit; no contact; no memberships.

-- ---------------------------------------------------------------- the cohort relation
-- Every current member of a cohort the caller teaches, consent or not (names only). The
-- consent-bound set is cohort_learners_i_teach() (20261202600000_cohorts.sql).
create function public.cohort_members_i_teach() returns setof uuid
language sql stable security definer
rows 1000
set search_path = ''
as $$
  select distinct m.user_id
  from public.cohorts k
  join public.cohort_members m on m.cohort_id = k.id and m.left_at is null
  where k.lead_trainer = (select auth.uid()) or (select auth.uid()) = any (k.assistant_trainers)
$$;
revoke all on function public.cohort_members_i_teach() from public, anon;
grant execute on function public.cohort_members_i_teach() to authenticated, service_role;

-- my_reach (20261202200000) keeps its columns, without trainer rows: it is readable by the
-- caller, and a trainer must not learn who is under their unit or whether they share.
create or replace view public.my_reach as
  select m.user_id as learner, r.role, r.org_id as via,
    (r.role = 'partner_admin' and coalesce(p.consent_progress_sharing, false)) as shares
  from public.org_roles r
  join public.organisation_closure c on c.ancestor = r.org_id
  join public.organisation_members m on m.org_id = c.descendant
  left join public.profiles p on p.id = m.user_id
  where r.user_id = (select auth.uid()) and r.role <> 'trainer';

-- ---------------------------------------------------------------- enrolment (memberships)
drop policy "member or unit staff read memberships" on public.organisation_members;
create policy "member or unit staff read memberships" on public.organisation_members for select to authenticated
  using (user_id = (select auth.uid())
         or org_id in (select public.orgs_with_any_role('{org_admin,auditor,coe_admin,partner_admin}')));

-- ---------------------------------------------------------------- names and contact
create or replace view public.staff_learner_profiles as
  select u.id,
    p.display_name,
    p.province,
    p.district,
    case when u.id = (select auth.uid()) or ((select public.holds_any_role('{org_admin,coe_admin,assessor}')) and ((select public.holds_any_role('{org_admin,coe_admin,assessor}', true)) or exists (select 1 from public.my_reach x where x.learner = u.id and x.role = any ('{org_admin,coe_admin,assessor}'))))
      then coalesce(u.email, u.phone) end as contact
  from auth.users u
  left join public.profiles p on p.id = u.id
  where u.id = (select auth.uid())
     or ((select public.holds_any_role('{org_admin,auditor,coe_admin,assessor,partner_admin}')) and ((select public.holds_any_role('{org_admin,auditor,coe_admin,assessor}', true)) or exists (select 1 from public.my_reach x where x.learner = u.id and x.role = any ('{org_admin,auditor,coe_admin,assessor}')) or exists (select 1 from public.my_reach x where x.learner = u.id and x.role = any ('{partner_admin}') and x.shares) or ((select public.holds_any_role('{partner_admin}', true)) and public.root_reach_consented(u.id, '{partner_admin}'))))
     or ((select public.holds_any_role('{trainer}')) and u.id in (select public.cohort_members_i_teach()));

-- ---------------------------------------------------------------- course completion
create or replace view public.staff_course_status as
  select cp.owner, cp.course_id, cp.completed_count, c.lesson_count,
    (c.lesson_count > 0 and cp.completed_count >= c.lesson_count) as completed,
    cp.updated_at
  from public.course_progress cp
  join public.courses c on c.id = cp.course_id
  where cp.owner = (select auth.uid())
     or ((select public.holds_any_role('{org_admin,auditor,coe_admin,partner_admin}')) and ((select public.holds_any_role('{org_admin,auditor,coe_admin}', true)) or exists (select 1 from public.my_reach x where x.learner = cp.owner and x.role = any ('{org_admin,auditor,coe_admin}')) or exists (select 1 from public.my_reach x where x.learner = cp.owner and x.role = any ('{partner_admin}') and x.shares) or ((select public.holds_any_role('{partner_admin}', true)) and public.root_reach_consented(cp.owner, '{partner_admin}'))))
     or ((select public.holds_any_role('{trainer}')) and cp.owner in (select public.cohort_learners_i_teach()));

-- ---------------------------------------------------------------- lesson progress (consent)
-- The cohort policy ("cohort trainers read consenting members' progress") stays; the unit one
-- keeps partners only.
drop policy "trainers and partners read consenting learners' progress" on public.course_progress;
create policy "partners read consenting learners' progress" on public.course_progress
  for select to authenticated
  using (((select public.holds_any_role('{partner_admin}')) and (exists (select 1 from public.my_reach x where x.learner = owner and x.role = any ('{partner_admin}') and x.shares) or ((select public.holds_any_role('{partner_admin}', true)) and public.root_reach_consented(owner, '{partner_admin}')))));

-- ---------------------------------------------------------------- assessment results
drop policy "unit staff read results" on public.assessment_results;
create policy "unit staff read results" on public.assessment_results for select to authenticated
  using (((select public.holds_any_role('{org_admin,auditor,coe_admin,assessor,partner_admin}')) and ((select public.holds_any_role('{org_admin,auditor,coe_admin,assessor}', true)) or exists (select 1 from public.my_reach x where x.learner = owner and x.role = any ('{org_admin,auditor,coe_admin,assessor}')) or exists (select 1 from public.my_reach x where x.learner = owner and x.role = any ('{partner_admin}') and x.shares) or ((select public.holds_any_role('{partner_admin}', true)) and public.root_reach_consented(owner, '{partner_admin}')))));

-- ---------------------------------------------------------------- certificates
drop policy "unit staff read certificates" on public.certificates;
create policy "unit staff read certificates" on public.certificates for select to authenticated
  using (((select public.holds_any_role('{org_admin,auditor,coe_admin,partner_admin}')) and ((select public.holds_any_role('{org_admin,auditor,coe_admin}', true)) or exists (select 1 from public.my_reach x where x.learner = owner and x.role = any ('{org_admin,auditor,coe_admin}')) or exists (select 1 from public.my_reach x where x.learner = owner and x.role = any ('{partner_admin}') and x.shares) or ((select public.holds_any_role('{partner_admin}', true)) and public.root_reach_consented(owner, '{partner_admin}')))));
create policy "cohort trainers read consenting members' certificates" on public.certificates
  for select to authenticated
  using ((select public.holds_any_role('{trainer}')) and owner in (select public.cohort_learners_i_teach()));

-- ---------------------------------------------------------------- skill evaluations
drop policy "learner, its assessor or unit staff read evaluations" on public.skill_evaluations;
create policy "learner, its assessor or unit staff read evaluations" on public.skill_evaluations
  for select to authenticated
  using ((select auth.uid()) in (learner, assessor)
         or ((select public.holds_any_role('{org_admin,auditor,coe_admin,assessor}')) and ((select public.holds_any_role('{org_admin,auditor,coe_admin,assessor}', true)) or exists (select 1 from public.my_reach x where x.learner = skill_evaluations.learner and x.role = any ('{org_admin,auditor,coe_admin,assessor}'))))
         or ((select public.holds_any_role('{trainer}')) and learner in (select public.cohort_learners_i_teach())));
