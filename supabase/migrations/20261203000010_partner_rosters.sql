-- Partner API, part 2 (issue 14): rosters in (OneRoster 1.2 users/orgs/enrollments, parsed by
-- the app server into rows that keep their file and line) and progress and certificates out.
-- Every public function here starts at private.partner_gate() with the key's hash, and is
-- granted to service_role only.

-- ---------------------------------------------------------------- roster staging
-- Reads a roster into three temporary tables with every problem per row ({file, line, code,
-- value}) and returns those problems. Also builds pg_temp.roster_final: what each valid person's
-- enrolment would become. Matched by the partner's own sourcedId, so a re-sent roster finds
-- every row unchanged.
create function private.partner_roster_stage(partner uuid, roster jsonb) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  problems jsonb;
begin
  drop table if exists pg_temp.roster_orgs, pg_temp.roster_users, pg_temp.roster_enrol, pg_temp.roster_final;

  create temporary table roster_orgs on commit drop as
  with raw as (
    select coalesce(r ->> 'file', 'orgs.csv') as file, (r ->> 'line')::int as line,
      nullif(btrim(r ->> 'sourcedId'), '') as sid,
      nullif(upper(btrim(r ->> 'identifier')), '') as unit_code
    from jsonb_array_elements(coalesce(roster -> 'orgs', '[]'::jsonb)) r
  )
  select raw.*, case when raw.unit_code is null then partner else o.id end as unit_id,
    (raw.unit_code is null or o.id is not null) as known,
    (raw.unit_code is null or exists (select 1 from public.organisation_closure c
                                      where c.ancestor = partner and c.descendant = o.id)) as inside,
    min(raw.line) over (partition by raw.sid) as first_line
  from raw left join public.organisations o on o.code = raw.unit_code;

  create temporary table roster_users on commit drop as
  with raw as (
    select coalesce(r ->> 'file', 'users.csv') as file, (r ->> 'line')::int as line,
      nullif(btrim(r ->> 'sourcedId'), '') as sid,
      lower(coalesce(nullif(btrim(r ->> 'status'), ''), 'active')) as status,
      nullif(lower(btrim(r ->> 'role')), '') as role,
      nullif(btrim(r ->> 'givenName'), '') as given,
      nullif(btrim(r ->> 'familyName'), '') as family,
      nullif(lower(btrim(r ->> 'email')), '') as email,
      nullif(btrim(coalesce(nullif(btrim(r ->> 'phone'), ''), r ->> 'sms')), '') as phone_raw,
      nullif(btrim(split_part(coalesce(r ->> 'orgSourcedIds', ''), ',', 1)), '') as org_ref,
      concat_ws(' ', r ->> 'identifier', r ->> 'userIds', r ->> 'username', r ->> 'sourcedId') as ids
    from jsonb_array_elements(coalesce(roster -> 'users', '[]'::jsonb)) r
  )
  select raw.*, private.normal_mobile(raw.phone_raw) as mobile,
    case when raw.org_ref is null then null
         else coalesce((select ro.unit_id from pg_temp.roster_orgs ro
                        where ro.sid = raw.org_ref and ro.known and ro.inside limit 1),
                       (select o.id from public.organisations o
                        join public.organisation_closure c on c.descendant = o.id and c.ancestor = partner
                        where o.code = upper(raw.org_ref))) end as unit_id,
    min(raw.line) over (partition by raw.sid) as first_line
  from raw;

  create temporary table roster_enrol on commit drop as
  select coalesce(r ->> 'file', 'enrollments.csv') as file, (r ->> 'line')::int as line,
    nullif(btrim(r ->> 'userSourcedId'), '') as user_sid,
    nullif(lower(btrim(r ->> 'classSourcedId')), '') as course,
    lower(coalesce(nullif(btrim(r ->> 'status'), ''), 'active')) as status,
    nullif(lower(btrim(r ->> 'role')), '') as role
  from jsonb_array_elements(coalesce(roster -> 'enrollments', '[]'::jsonb)) r;

  with found as (
    select o.file, o.line, case
        when o.sid is null then jsonb_build_object('code', 'missing_sourced_id')
        when o.first_line < o.line then jsonb_build_object('code', 'duplicate_sourced_id', 'value', o.sid)
        when not o.known then jsonb_build_object('code', 'unknown_unit', 'value', left(o.unit_code, 40))
        when not o.inside then jsonb_build_object('code', 'unit_outside', 'value', o.unit_code) end as p
    from pg_temp.roster_orgs o
    union all
    select u.file, u.line, p from pg_temp.roster_users u, unnest(array[
      case when u.sid is null then jsonb_build_object('code', 'missing_sourced_id')
           when u.sid !~ '^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,99}$' then jsonb_build_object('code', 'bad_sourced_id', 'value', left(u.sid, 60))
           when u.first_line < u.line then jsonb_build_object('code', 'duplicate_sourced_id', 'value', u.sid) end,
      -- CNIC is never stored (docs/roles.md): a roster that carries one is refused.
      case when u.ids ~ '(^|[^0-9])[0-9]{5}-?[0-9]{7}-?[0-9]($|[^0-9])' then jsonb_build_object('code', 'cnic_refused') end,
      case when u.status not in ('active', 'tobedeleted') then jsonb_build_object('code', 'bad_status', 'value', left(u.status, 20)) end,
      case when u.role is not null and u.role not in ('student', 'learner') then jsonb_build_object('code', 'not_a_learner', 'value', left(u.role, 20)) end,
      case when u.status = 'active' and u.given is null then jsonb_build_object('code', 'missing_name')
           when char_length(u.given) > 80 or char_length(u.family) > 80 then jsonb_build_object('code', 'name_too_long') end,
      case when u.email is not null and (u.email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' or char_length(u.email) > 200)
           then jsonb_build_object('code', 'bad_email', 'value', left(u.email, 60)) end,
      case when u.phone_raw is not null and u.mobile is null then jsonb_build_object('code', 'bad_phone', 'value', left(u.phone_raw, 30)) end,
      case when u.status = 'active' and u.email is null and u.phone_raw is null then jsonb_build_object('code', 'missing_contact') end,
      case when u.org_ref is not null and u.unit_id is null then jsonb_build_object('code', 'unknown_org', 'value', left(u.org_ref, 60)) end
    ]) p
    union all
    select e.file, e.line, p from pg_temp.roster_enrol e, unnest(array[
      case when e.user_sid is null then jsonb_build_object('code', 'missing_user')
           when not exists (select 1 from pg_temp.roster_users u where u.sid = e.user_sid)
            and not exists (select 1 from public.partner_enrolments x where x.partner_id = partner and x.sourced_id = e.user_sid)
           then jsonb_build_object('code', 'unknown_user', 'value', left(e.user_sid, 60)) end,
      case when e.course is null then jsonb_build_object('code', 'missing_class')
           when not exists (select 1 from public.courses c where c.id = e.course)
           then jsonb_build_object('code', 'unknown_course', 'value', left(e.course, 60)) end,
      case when e.status not in ('active', 'tobedeleted') then jsonb_build_object('code', 'bad_status', 'value', left(e.status, 20)) end,
      case when e.role is not null and e.role not in ('student', 'learner') then jsonb_build_object('code', 'not_a_learner', 'value', left(e.role, 20)) end
    ]) p
  )
  select coalesce(jsonb_agg(jsonb_build_object('file', f.file, 'line', f.line) || f.p order by f.file, f.line), '[]'::jsonb)
    into problems from found f where f.p is not null;

  -- What each person's enrolment becomes: the users file's fields (an empty field keeps what is
  -- stored; a new person without orgSourcedIds goes to the partner's own unit), their courses
  -- plus the active enrollments, minus the withdrawn ones.
  create temporary table roster_final on commit drop as
  with people as (
    select u.sid, u.unit_id, u.given, u.family, u.email, u.mobile,
      case u.status when 'active' then 'active' else 'withdrawn' end as status
    from pg_temp.roster_users u
    where u.sid is not null  -- rows with a problem are left out of the plan (and of any apply)
      and not exists (select 1 from jsonb_array_elements(problems) p
                      where p ->> 'file' = u.file and (p ->> 'line')::int = u.line)
    union all
    select x.sourced_id, x.org_id, x.given_name, x.family_name, x.email, x.mobile, x.status
    from public.partner_enrolments x
    where x.partner_id = partner
      and x.sourced_id in (select e.user_sid from pg_temp.roster_enrol e)
      and x.sourced_id not in (select u.sid from pg_temp.roster_users u where u.sid is not null)
  ), courses as (
    select p.sid, coalesce((
      select array_agg(distinct c order by c) from (
        select unnest(x.courses) c from public.partner_enrolments x where x.partner_id = partner and x.sourced_id = p.sid
        union select e.course from pg_temp.roster_enrol e where e.user_sid = p.sid and e.status = 'active' and e.course is not null
        except select e.course from pg_temp.roster_enrol e where e.user_sid = p.sid and e.status = 'tobedeleted') cs), '{}') as courses
    from people p
  )
  , merged as (
    select p.sid, coalesce(p.unit_id, x.org_id, partner) as unit_id, coalesce(p.given, x.given_name) as given,
      coalesce(p.family, x.family_name) as family, coalesce(p.email, x.email) as email,
      coalesce(p.mobile, x.mobile) as mobile, p.status, c.courses, x.id as existing, x.user_id,
      x.org_id as s_org, x.given_name as s_given, x.family_name as s_family, x.email as s_email,
      x.mobile as s_mobile, x.status as s_status, x.courses as s_courses
    from people p join courses c on c.sid = p.sid
    left join public.partner_enrolments x on x.partner_id = partner and x.sourced_id = p.sid
  )
  select m.sid, m.unit_id, m.given, m.family, m.email, m.mobile, m.status, m.courses, m.existing, m.user_id,
    m.existing is not null and (m.s_org, m.s_given, m.s_family, m.s_email, m.s_mobile, m.s_status, m.s_courses)
      is distinct from (m.unit_id, m.given, m.family, m.email, m.mobile, m.status, m.courses) as changed,
    null::uuid as match
  from merged m;

  -- People who already have an account with this confirmed email or phone (one pass over
  -- auth.users per roster, not one lookup per row).
  update pg_temp.roster_final f set match = m.id
  from (
    select distinct on (f2.sid) f2.sid, u.id
    from pg_temp.roster_final f2
    join auth.users u on (u.email_confirmed_at is not null and f2.email is not null and lower(u.email) = f2.email)
                      or (u.phone_confirmed_at is not null and f2.mobile is not null and u.phone = f2.mobile)
    where f2.user_id is null and f2.status = 'active'
    order by f2.sid, (lower(u.email) = f2.email) desc, u.created_at
  ) m where m.sid = f.sid;
  return problems;
end
$$;

-- plpgsql, not sql: its body names the temporary tables, which exist only while a roster is read.
create function private.partner_roster_plan(problems jsonb) returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
  return jsonb_build_object(
    'users', (select count(*) from pg_temp.roster_users),
    'orgs', (select count(*) from pg_temp.roster_orgs),
    'enrollments', (select count(*) from pg_temp.roster_enrol),
    'problems', problems,
    'created', (select count(*) from pg_temp.roster_final f where f.existing is null and f.status = 'active'),
    'updated', (select count(*) from pg_temp.roster_final f where f.changed),
    'unchanged', (select count(*) from pg_temp.roster_final f where f.existing is not null and not f.changed and f.match is null),
    'linked', (select count(*) from pg_temp.roster_final f where f.match is not null));
end
$$;

-- POST /rosters (apply = true) and /rosters/check (apply = false). The check answers the plan
-- with every problem; apply refuses the whole roster when there is any problem (422) and
-- otherwise writes everything in this one transaction.
create function public.partner_roster(key_hash text, request text, roster jsonb, apply boolean,
                                      idem_key text default null, request_hash text default null) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  g record;
  seen jsonb;
  problems jsonb;
  plan jsonb;
  answer jsonb;
begin
  select * into g from private.partner_gate(key_hash, 'roster:write', request);
  if g.problem is not null then return jsonb_build_object('problem', g.problem); end if;
  seen := private.partner_idempotent(g.org_id, idem_key, request_hash);
  if seen is not null then return seen; end if;
  if jsonb_typeof(roster) <> 'object'
     or jsonb_array_length(coalesce(roster -> 'users', '[]')) + jsonb_array_length(coalesce(roster -> 'enrollments', '[]')) > 100000 then
    return jsonb_build_object('problem', jsonb_build_object('status', 413, 'code', 'roster_too_large'));
  end if;
  -- One roster per partner at a time, so two uploads cannot interleave.
  perform pg_advisory_xact_lock(hashtextextended('partner_roster:' || g.org_id::text, 0));
  problems := private.partner_roster_stage(g.org_id, roster) || coalesce(roster -> 'problems', '[]'::jsonb);
  plan := private.partner_roster_plan(problems);
  if not apply then
    answer := jsonb_build_object('status', 200, 'body', plan || jsonb_build_object('applied', false));
  elsif jsonb_array_length(problems) > 0 then
    answer := jsonb_build_object('problem', jsonb_build_object('status', 422, 'code', 'roster_invalid',
      'problems', problems));
  else
    insert into public.partner_enrolments (partner_id, sourced_id, org_id, given_name, family_name, email, mobile,
                                           courses, status, user_id, claimed_at)
      select g.org_id, f.sid, f.unit_id, f.given, f.family, f.email, f.mobile, f.courses, f.status, f.match,
             case when f.match is not null then now() end
      from pg_temp.roster_final f where f.existing is null and f.status = 'active';
    update public.partner_enrolments x set org_id = f.unit_id, given_name = f.given, family_name = f.family,
        email = f.email, mobile = f.mobile, courses = f.courses, status = f.status,
        user_id = coalesce(x.user_id, f.match), claimed_at = coalesce(x.claimed_at, case when f.match is not null then now() end)
      from pg_temp.roster_final f
      where x.id = f.existing and (f.changed or f.match is not null);
    if (plan ->> 'created')::int + (plan ->> 'updated')::int + (plan ->> 'linked')::int > 0 then
      insert into public.audit_log (actor, org_id, action, target_type, target_id, after)
        values (g.key_id, g.org_id, 'partner_roster.applied', 'organisation', g.org_id::text, plan - 'problems');
    end if;
    answer := jsonb_build_object('status', 200, 'body', plan || jsonb_build_object('applied', true));
  end if;
  return private.partner_remember(g.org_id, idem_key, request_hash, answer);
end
$$;

-- GET /learners: the partner's roster as stored, by sourcedId (keyset), 1..1000 a page.
create function public.partner_roster_list(key_hash text, request text, after_sid text default null,
                                           lim int default 100) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  g record;
  n int := least(greatest(coalesce(lim, 100), 1), 1000);
begin
  select * into g from private.partner_gate(key_hash, 'roster:write', request);
  if g.problem is not null then return jsonb_build_object('problem', g.problem); end if;
  return jsonb_build_object('status', 200, 'body', jsonb_build_object('items', coalesce((
    select jsonb_agg(jsonb_build_object('sourced_id', e.sourced_id, 'unit', o.code, 'given_name', e.given_name,
      'family_name', e.family_name, 'status', e.status, 'courses', to_jsonb(e.courses),
      'linked', e.user_id is not null, 'updated_at', e.updated_at) order by e.sourced_id)
    from (select * from public.partner_enrolments x where x.partner_id = g.org_id
            and (after_sid is null or x.sourced_id > after_sid) order by x.sourced_id limit n) e
    join public.organisations o on o.id = e.org_id), '[]'::jsonb),
    'limit', n));
end
$$;

-- ---------------------------------------------------------------- progress and certificates out
-- When each reached, consenting learner completed each course: the first passed final
-- assessment where the course has one, else when every lesson was done (the progress row's
-- time). Same rule as private.course_done_at() in compliance, answered as a set.
create function private.partner_completion_rows(org uuid, course text)
returns table (learner uuid, course_id text, completed_at timestamptz)
language sql stable security definer
set search_path = ''
as $$
  select r.learner, c.id, case c.assessment
      when 'final' then (select min(ar.graded_at) from public.assessment_results ar
                         where ar.owner = r.learner and ar.course_id = c.id and ar.status = 'passed')
      else case when c.lesson_count > 0 and cp.completed_count >= c.lesson_count then cp.updated_at end end
  from private.partner_learners(org) r
  join public.course_progress cp on cp.owner = r.learner
  join public.courses c on c.id = cp.course_id
  where r.shares and (course is null or c.id = course)
$$;

-- The partner's own id for a learner (any enrolment by the partner's unit or one below it).
create function private.partner_sourced_id(org uuid, person uuid) returns text
language sql stable security definer
set search_path = ''
as $$
  select min(e.sourced_id) from public.partner_enrolments e
  join public.organisation_closure c on c.descendant = e.partner_id and c.ancestor = org
  where e.user_id = person
$$;

-- GET /completions: keyset on (completed_at, learner, course), 1..1000 a page, [since, until).
create function public.partner_completions(key_hash text, request text, since timestamptz default null,
    until timestamptz default null, course text default null, after_at timestamptz default null,
    after_learner uuid default null, after_course text default null, lim int default 100,
    counted boolean default true) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  g record;
  n int := least(greatest(coalesce(lim, 100), 1), 1000);
begin
  select * into g from private.partner_gate(key_hash, 'progress:read', request, counted);
  if g.problem is not null then return jsonb_build_object('problem', g.problem); end if;
  return jsonb_build_object('status', 200, 'body', jsonb_build_object('limit', n, 'items', coalesce((
    select jsonb_agg(jsonb_build_object('learner_id', d.learner, 'sourced_id', private.partner_sourced_id(g.org_id, d.learner),
      'course_id', d.course_id, 'completed_at', d.completed_at) order by d.completed_at, d.learner, d.course_id)
    from (select * from private.partner_completion_rows(g.org_id, course) x
          where x.completed_at is not null
            and (since is null or x.completed_at >= since) and (until is null or x.completed_at < until)
            and (after_at is null or (x.completed_at, x.learner, x.course_id) > (after_at, after_learner, after_course))
          order by x.completed_at, x.learner, x.course_id limit n) d), '[]'::jsonb)));
end
$$;

-- GET /certificates: certificates of reached, consenting learners, revoked ones included (with
-- revoked_at), keyset on (issued_at, code), [since, until) on issued_at.
create function public.partner_certificates(key_hash text, request text, since timestamptz default null,
    until timestamptz default null, course text default null, after_at timestamptz default null,
    after_code text default null, lim int default 100, counted boolean default true) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  g record;
  n int := least(greatest(coalesce(lim, 100), 1), 1000);
begin
  select * into g from private.partner_gate(key_hash, 'certificates:read', request, counted);
  if g.problem is not null then return jsonb_build_object('problem', g.problem); end if;
  return jsonb_build_object('status', 200, 'body', jsonb_build_object('limit', n, 'items', coalesce((
    select jsonb_agg(jsonb_build_object('code', x.code, 'learner_id', x.owner,
      'sourced_id', private.partner_sourced_id(g.org_id, x.owner), 'course_id', x.course_id,
      'issued_at', x.issued_at, 'revoked_at', x.revoked_at,
      'status', case when x.revoked_at is null then 'valid' else 'revoked' end) order by x.issued_at, x.code)
    from (select ct.* from public.certificates ct
          join private.partner_learners(g.org_id) r on r.learner = ct.owner and r.shares
          where (course is null or ct.course_id = course)
            and (since is null or ct.issued_at >= since) and (until is null or ct.issued_at < until)
            and (after_at is null or (ct.issued_at, ct.code) > (after_at, after_code))
          order by ct.issued_at, ct.code limit n) x), '[]'::jsonb)));
end
$$;

revoke all on function public.partner_roster(text, text, jsonb, boolean, text, text) from public, anon, authenticated;
revoke all on function public.partner_roster_list(text, text, text, int) from public, anon, authenticated;
revoke all on function public.partner_completions(text, text, timestamptz, timestamptz, text, timestamptz, uuid, text, int, boolean) from public, anon, authenticated;
revoke all on function public.partner_certificates(text, text, timestamptz, timestamptz, text, timestamptz, text, int, boolean) from public, anon, authenticated;
grant execute on function public.partner_roster(text, text, jsonb, boolean, text, text) to service_role;
grant execute on function public.partner_roster_list(text, text, text, int) to service_role;
grant execute on function public.partner_completions(text, text, timestamptz, timestamptz, text, timestamptz, uuid, text, int, boolean) to service_role;
grant execute on function public.partner_certificates(text, text, timestamptz, timestamptz, text, timestamptz, text, int, boolean) to service_role;
revoke all on all functions in schema private from public, anon;
