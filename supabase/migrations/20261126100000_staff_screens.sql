-- Staff screens (/staff, docs/certification.md "Staff screens"): assessors find learners who
-- passed an assessment that needs a skill demonstration and still await an approved rubric;
-- CoE-AI admins look up any certificate by its code. The UI only hides what a role cannot do:
-- the checks that matter are here (role tests in security-definer functions, RLS policies).

-- Learners awaiting an assessor: a server-graded pass on a course that requires a demonstration
-- and no approved evaluation yet. `search` matches part of an email or phone, or a whole user id;
-- null or blank lists the oldest 50 waiting. Assessors only (42501 for anyone else).
create function public.pending_demonstrations(search text default null) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  needle text := lower(nullif(btrim(coalesce(search, '')), ''));
begin
  if not public.has_role('assessor') then
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
revoke all on function public.pending_demonstrations(text) from public, anon;
grant execute on function public.pending_demonstrations(text) to authenticated;

-- CoE-AI admins read every certificate (to look one up before revoking). Revoking itself stays
-- with server code and the service key (POST /api/certificates/revoke checks the role again).
create policy "coe admin reads certificates" on public.certificates for select to authenticated
  using ((select public.has_role('coe_admin')));

-- Local development and operations: grant a role to the account with this email. Service role
-- only (scripts/grant-role.js); returns the user id, or raises if there is no such account.
create function public.grant_role(email text, role text, scope text default '') returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  target uuid;
begin
  select u.id into target from auth.users u where lower(u.email) = lower(btrim(grant_role.email));
  if target is null then
    raise exception 'no account with email %', email using errcode = 'P0002';
  end if;
  insert into public.user_roles (user_id, role, scope) values (target, grant_role.role, coalesce(grant_role.scope, ''))
  on conflict do nothing;
  return target;
end
$$;
revoke all on function public.grant_role(text, text, text) from public, anon, authenticated;
grant execute on function public.grant_role(text, text, text) to service_role;
