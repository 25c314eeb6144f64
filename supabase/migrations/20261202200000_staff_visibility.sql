-- Institutions, part 2 (issue 11): what staff may see of a learner, exactly as written in
-- docs/roles.md (the matrix; tests/integration/roles-matrix.test.ts is generated from it).
--
-- A learner "is under" a unit when they are a member of it or of a unit below it. A role held
-- at the root (the programme) also covers people who belong to no unit yet: individual
-- learners who signed up on their own are the programme's. Consent-bound data additionally
-- needs profiles.consent_progress_sharing, read at query time, so turning it off takes effect
-- on the very next request.

-- ---------------------------------------------------------------- the one question
-- "Which learners does the caller reach, with which role?" is the view public.my_reach: the
-- caller's own grants, joined down the tree to the members of every unit below them. Owned by
-- the migration role, it reads org_roles, memberships and consent without the caller's RLS,
-- but only ever for the caller's own grants, so exposing it reveals nothing more than the
-- caller may already see. Policies ask `exists (select 1 from public.my_reach x where
-- x.learner = owner and x.role = any (...))`: plain SQL the planner inlines, so a listing of
-- 1,000 learners probes three indexes per row instead of building the whole reachable set or
-- calling a function per row (both measured slower: `npm run bench:orgs`).
create view public.my_reach as
  -- `shares` only for the consent-bound roles, which may learn it (they see data iff it is on);
  -- every other role sees false, so the view tells them nothing about anyone's consent.
  select m.user_id as learner, r.role, r.org_id as via,
    (r.role in ('trainer', 'partner_admin') and coalesce(p.consent_progress_sharing, false)) as shares
  from public.org_roles r
  join public.organisation_closure c on c.ancestor = r.org_id
  join public.organisation_members m on m.org_id = c.descendant
  left join public.profiles p on p.id = m.user_id
  where r.user_id = (select auth.uid());
revoke all on public.my_reach from public, anon;
grant select on public.my_reach to authenticated;

-- Does the caller hold any of these roles anywhere (at_root: at the root)? Asked once per query
-- as an initplan, `(select public.holds_any_role(...))`, before anything per row: a learner's
-- own reads of a big table then cost nothing extra, and a programme-wide role needs no lookup.
create function public.holds_any_role(roles text[], at_root boolean default false) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (select 1 from public.org_roles r join public.organisations o on o.id = r.org_id
                 where r.user_id = (select auth.uid()) and r.role = any (roles)
                   and (not at_root or o.parent_id is null))
$$;
revoke all on function public.holds_any_role(text[], boolean) from public, anon;
grant execute on function public.holds_any_role(text[], boolean) to authenticated, service_role;

-- For a consent-bound role held at the root (it covers people in no unit too): does this
-- person share progress? Answers only to a caller who holds such a role at the root.
create function public.root_reach_consented(person uuid, roles text[]) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select public.holds_any_role(roles, true)
    and coalesce((select p.consent_progress_sharing from public.profiles p where p.id = person), false)
$$;
revoke all on function public.root_reach_consented(uuid, text[]) from public, anon;
grant execute on function public.root_reach_consented(uuid, text[]) to authenticated, service_role;

-- The units where the caller holds any of `roles`, with their subtrees (a set, for policies on
-- tables that carry org_id: hashed once per query instead of asked per row).
create function public.orgs_with_any_role(roles text[]) returns setof uuid
language sql stable security definer
rows 1000
set search_path = ''
as $$
  select distinct c.descendant
  from public.org_roles r
  join public.organisation_closure c on c.ancestor = r.org_id
  where r.user_id = (select auth.uid()) and r.role = any (roles)
$$;
revoke all on function public.orgs_with_any_role(text[]) from public, anon;
grant execute on function public.orgs_with_any_role(text[]) to authenticated, service_role;

-- ---------------------------------------------------------------- enrolment (memberships)
drop policy "member or unit staff read memberships" on public.organisation_members;
create policy "member or unit staff read memberships" on public.organisation_members for select to authenticated
  using (user_id = (select auth.uid())
         or org_id in (select public.orgs_with_any_role('{org_admin,auditor,coe_admin,trainer,partner_admin}')));

-- ---------------------------------------------------------------- names and contact
-- profiles holds gender and disability, which no staff member sees row by row: staff read
-- this view instead (never the table). Contact (email/phone) only for the roles that need to
-- reach people. The view runs as its owner, so the where-clause IS the access rule. It is not
-- a security_barrier view on purpose: a barrier stops the planner from driving the view by a
-- listing's join (measured: every row of auth.users filtered per listing). What that would
-- guard against is a caller's own leaky function evaluated before the where-clause; callers
-- have no way to create functions, PostgREST filters are plain operators, and the contact
-- column is itself a CASE on the rule, so a pushed-down filter never sees a hidden value.
create view public.staff_learner_profiles as
  select u.id,
    p.display_name,
    p.province,
    p.district,
    case when u.id = (select auth.uid()) or ((select public.holds_any_role('{org_admin,coe_admin,assessor}')) and ((select public.holds_any_role('{org_admin,coe_admin,assessor}', true)) or exists (select 1 from public.my_reach x where x.learner = u.id and x.role = any ('{org_admin,coe_admin,assessor}'))))
      then coalesce(u.email, u.phone) end as contact
  from auth.users u
  left join public.profiles p on p.id = u.id
  where u.id = (select auth.uid())
     or ((select public.holds_any_role('{org_admin,auditor,coe_admin,trainer,assessor,partner_admin}')) and ((select public.holds_any_role('{org_admin,auditor,coe_admin,trainer,assessor}', true)) or exists (select 1 from public.my_reach x where x.learner = u.id and x.role = any ('{org_admin,auditor,coe_admin,trainer,assessor}')) or exists (select 1 from public.my_reach x where x.learner = u.id and x.role = any ('{partner_admin}') and x.shares) or ((select public.holds_any_role('{partner_admin}', true)) and public.root_reach_consented(u.id, '{partner_admin}'))));
revoke all on public.staff_learner_profiles from public, anon;
grant select on public.staff_learner_profiles to authenticated;

-- ---------------------------------------------------------------- course completion
-- Mandatory-training status: how far, and whether complete; no per-lesson quiz scores.
create view public.staff_course_status as
  select cp.owner, cp.course_id, cp.completed_count, c.lesson_count,
    (c.lesson_count > 0 and cp.completed_count >= c.lesson_count) as completed,
    cp.updated_at
  from public.course_progress cp
  join public.courses c on c.id = cp.course_id
  where cp.owner = (select auth.uid())
     or ((select public.holds_any_role('{org_admin,auditor,coe_admin,trainer,partner_admin}')) and ((select public.holds_any_role('{org_admin,auditor,coe_admin}', true)) or exists (select 1 from public.my_reach x where x.learner = cp.owner and x.role = any ('{org_admin,auditor,coe_admin}')) or exists (select 1 from public.my_reach x where x.learner = cp.owner and x.role = any ('{trainer,partner_admin}') and x.shares) or ((select public.holds_any_role('{trainer,partner_admin}', true)) and public.root_reach_consented(cp.owner, '{trainer,partner_admin}'))));
revoke all on public.staff_course_status from public, anon;
grant select on public.staff_course_status to authenticated;

-- ---------------------------------------------------------------- lesson progress (consent)
create policy "trainers and partners read consenting learners' progress" on public.course_progress
  for select to authenticated
  using (((select public.holds_any_role('{trainer,partner_admin}')) and (exists (select 1 from public.my_reach x where x.learner = owner and x.role = any ('{trainer,partner_admin}') and x.shares) or ((select public.holds_any_role('{trainer,partner_admin}', true)) and public.root_reach_consented(owner, '{trainer,partner_admin}')))));

-- ---------------------------------------------------------------- assessment results
create policy "unit staff read results" on public.assessment_results for select to authenticated
  using (((select public.holds_any_role('{org_admin,auditor,coe_admin,assessor,trainer,partner_admin}')) and ((select public.holds_any_role('{org_admin,auditor,coe_admin,assessor}', true)) or exists (select 1 from public.my_reach x where x.learner = owner and x.role = any ('{org_admin,auditor,coe_admin,assessor}')) or exists (select 1 from public.my_reach x where x.learner = owner and x.role = any ('{trainer,partner_admin}') and x.shares) or ((select public.holds_any_role('{trainer,partner_admin}', true)) and public.root_reach_consented(owner, '{trainer,partner_admin}')))));

-- ---------------------------------------------------------------- certificates
drop policy "coe admin reads certificates" on public.certificates;
-- Assessors are not listed: they judge demonstrations, certificates are not theirs to read.
create policy "unit staff read certificates" on public.certificates for select to authenticated
  using (((select public.holds_any_role('{org_admin,auditor,coe_admin,trainer,partner_admin}')) and ((select public.holds_any_role('{org_admin,auditor,coe_admin}', true)) or exists (select 1 from public.my_reach x where x.learner = owner and x.role = any ('{org_admin,auditor,coe_admin}')) or exists (select 1 from public.my_reach x where x.learner = owner and x.role = any ('{trainer,partner_admin}') and x.shares) or ((select public.holds_any_role('{trainer,partner_admin}', true)) and public.root_reach_consented(owner, '{trainer,partner_admin}')))));

-- ---------------------------------------------------------------- skill evaluations
drop policy "learner or assessor reads evaluation" on public.skill_evaluations;
drop policy "assessor records evaluation" on public.skill_evaluations;
create policy "learner, its assessor or unit staff read evaluations" on public.skill_evaluations
  for select to authenticated
  using ((select auth.uid()) in (learner, assessor)
         or ((select public.holds_any_role('{org_admin,auditor,coe_admin,assessor,trainer}')) and ((select public.holds_any_role('{org_admin,auditor,coe_admin,assessor}', true)) or exists (select 1 from public.my_reach x where x.learner = skill_evaluations.learner and x.role = any ('{org_admin,auditor,coe_admin,assessor}')) or exists (select 1 from public.my_reach x where x.learner = skill_evaluations.learner and x.role = any ('{trainer}') and x.shares) or ((select public.holds_any_role('{trainer}', true)) and public.root_reach_consented(skill_evaluations.learner, '{trainer}')))));
create policy "assessor records evaluation for a learner under them" on public.skill_evaluations
  for insert to authenticated
  with check ((select auth.uid()) = assessor and ((select public.holds_any_role('{assessor}')) and ((select public.holds_any_role('{assessor}', true)) or exists (select 1 from public.my_reach x where x.learner = skill_evaluations.learner and x.role = any ('{assessor}')))));

-- learner_events (raw quiz and assessment answers) keep their one policy: the learner's own.
-- profiles keep theirs: the learner's own row only.

-- ---------------------------------------------------------------- the old roles, moved
-- user_roles(role, scope '' = everywhere) becomes org roles: '' → the root, otherwise the unit
-- whose code is the scope. Old names map onto the new ones.
create function private.org_role_name(old text) returns text
language sql immutable
set search_path = ''
as $$ select case old when 'organisation_admin' then 'org_admin' when 'partner' then 'partner_admin' else old end $$;

create function private.org_for_scope(scope text) returns uuid
language sql stable
set search_path = ''
as $$
  select o.id from public.organisations o
  where (coalesce(scope, '') = '' and o.parent_id is null) or o.code = upper(btrim(scope))
  limit 1
$$;

insert into public.org_roles (user_id, org_id, role, granted_by, granted_at)
  select r.user_id, private.org_for_scope(r.scope), private.org_role_name(r.role), r.granted_by, r.granted_at
  from public.user_roles r
  where private.org_for_scope(r.scope) is not null
on conflict do nothing;

-- Old code paths (certificate revocation until it moves to SQL) still write user_roles: mirror
-- every change into org_roles so there is one truth for every check.
create function private.mirror_user_role() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  org uuid;
begin
  if tg_op = 'DELETE' then
    delete from public.org_roles r where r.user_id = old.user_id
      and r.org_id = private.org_for_scope(old.scope) and r.role = private.org_role_name(old.role);
    return old;
  end if;
  org := private.org_for_scope(new.scope);
  -- A centre scope that is not (yet) an organisation code (certificate centres such as 'lahore'
  -- are free text): the old row still drives scoped revocation (private.may_revoke), and there
  -- is no unit to mirror it onto. Audited all the same.
  if org is null then
    perform private.audit('role.granted', null, 'person', new.user_id::text, null,
      jsonb_build_object('role', new.role, 'scope', new.scope, 'by', 'operator'));
    return new;
  end if;
  insert into public.org_roles (user_id, org_id, role, granted_by)
    values (new.user_id, org, private.org_role_name(new.role), new.granted_by) on conflict do nothing;
  perform private.audit('role.granted', org, 'person', new.user_id::text, null,
    jsonb_build_object('role', private.org_role_name(new.role), 'by', 'operator'));
  return new;
end
$$;
create trigger user_roles_mirror after insert or delete on public.user_roles
  for each row execute function private.mirror_user_role();

-- has_role() now asks the org roles: scope '' = held at the root, otherwise in that unit.
create or replace function public.has_role(wanted text, in_scope text default '') returns boolean
language sql stable security definer
set search_path = ''
as $$
  select case when coalesce(in_scope, '') = '' then public.has_programme_role(private.org_role_name(wanted))
    else coalesce(public.has_role_in(private.org_for_scope(in_scope), private.org_role_name(wanted)), false) end
$$;

-- Assessors see the learners under their units (a programme assessor: everyone).
create or replace function public.pending_demonstrations(search text default null) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  needle text := lower(nullif(btrim(coalesce(search, '')), ''));
begin
  if not exists (select 1 from public.org_roles r where r.user_id = (select auth.uid()) and r.role = 'assessor') then
    raise exception 'assessors only' using errcode = '42501';
  end if;
  return coalesce((
    select jsonb_agg(w order by w ->> 'passed_at') from (
      select jsonb_build_object(
        'learner', r.owner,
        'contact', coalesce(u.email, u.phone, ''),
        'display_name', p.display_name,
        'course_id', r.course_id,
        'course_title', c.title,
        'passed_at', min(r.graded_at),
        'score', max(r.score),
        'last_decision', (select s.decision from public.skill_evaluations s
          where s.learner = r.owner and s.course_id = r.course_id order by s.created_at desc limit 1),
        'last_evaluated_at', (select max(s.created_at) from public.skill_evaluations s
          where s.learner = r.owner and s.course_id = r.course_id)) as w
      from public.assessment_results r
      join private.assessment_config c on c.course_id = r.course_id and c.requires_demonstration
      join auth.users u on u.id = r.owner
      left join public.profiles p on p.id = r.owner
      where r.status = 'passed'
        and r.owner <> (select auth.uid())
        and ((select public.holds_any_role('{assessor}')) and ((select public.holds_any_role('{assessor}', true)) or exists (select 1 from public.my_reach x where x.learner = r.owner and x.role = any ('{assessor}'))))
        and not exists (select 1 from public.skill_evaluations s
          where s.learner = r.owner and s.course_id = r.course_id and s.decision = 'approved')
        and (needle is null or r.owner::text = needle
             or strpos(lower(coalesce(u.email, '')), needle) > 0
             or strpos(coalesce(u.phone, ''), needle) > 0)
      group by r.owner, r.course_id, u.email, u.phone, p.display_name, c.title
      order by min(r.graded_at)
      limit 50
    ) q(w)), '[]'::jsonb);
end
$$;

revoke all on all functions in schema private from public, anon;
