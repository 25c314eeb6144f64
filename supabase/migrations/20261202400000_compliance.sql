-- Mandatory training and compliance (issue 12). HR records of civil servants per employing
-- organisation, assignments of a course or a plan of courses to a unit subtree (optionally a BPS
-- range), each person's status per assignment, exemptions, and per-unit counts kept up to date by
-- statement triggers so dashboards never scan learner events. Every read is scoped with
-- orgs_with_role()/has_role_in(); every staff write is a security-definer function that audits.

-- ---------------------------------------------------------------- the compliance clock
-- "Today" for due dates and expiry. An operator (and the tests) may shift it to rehearse what
-- happens in a month; production leaves the offset at zero.
create table private.compliance_clock (
  id boolean primary key default true check (id),
  offset_days int not null default 0
);
insert into private.compliance_clock default values;

create function private.compliance_now() returns timestamptz
language sql stable
set search_path = ''
as $$ select now() + make_interval(days => coalesce((select c.offset_days from private.compliance_clock c), 0)) $$;

create function private.compliance_today() returns date
language sql stable
set search_path = ''
as $$ select (private.compliance_now() at time zone 'Asia/Karachi')::date $$;

create function public.compliance_set_clock(offset_days int) returns date
language sql volatile security definer
set search_path = ''
as $$
  update private.compliance_clock set offset_days = compliance_set_clock.offset_days;
  select private.compliance_today();
$$;
revoke all on function public.compliance_set_clock(int) from public, anon, authenticated;
grant execute on function public.compliance_set_clock(int) to service_role;

-- ---------------------------------------------------------------- employee records
-- What HR has on a civil servant, held by the organisation that uploaded it (the "employer",
-- e.g. the Establishment Division) and placed in one unit of its subtree. A record exists before
-- the person has an account; user_id is set when they sign in with the email or mobile on file.
create table public.employees (
  id uuid primary key default gen_random_uuid(),
  employer_id uuid not null references public.organisations (id) on delete restrict,
  employee_id text not null check (employee_id ~ '^[A-Za-z0-9][A-Za-z0-9/._-]{0,39}$'),
  org_id uuid not null references public.organisations (id) on delete restrict,
  full_name text not null check (char_length(full_name) between 1 and 160),
  email text check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(email) <= 200),
  -- Digits only, country code first (923001234567), as the auth service stores phones.
  mobile text check (mobile ~ '^92[0-9]{10}$'),
  bps smallint check (bps between 1 and 22),
  designation text check (char_length(designation) <= 120),
  supervisor_employee_id text check (char_length(supervisor_employee_id) <= 40),
  user_id uuid references auth.users (id) on delete set null,
  claimed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (employer_id, employee_id)
);
create index employees_org on public.employees (org_id);
create index employees_user on public.employees (user_id) where user_id is not null;
create index employees_email on public.employees (lower(email)) where user_id is null;
create index employees_mobile on public.employees (mobile) where user_id is null;
create index employees_supervisor on public.employees (employer_id, supervisor_employee_id);
create trigger employees_updated_at before update on public.employees
  for each row execute function private.touch_updated_at();

-- The caller's own records, and the records of people who report to them (security definer so
-- policies can ask without recursing through employees' own RLS).
create function public.my_employee_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$ select e.id from public.employees e where e.user_id = (select auth.uid()) $$;

create function public.my_direct_reports() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select r.id from public.employees me
  join public.employees r on r.employer_id = me.employer_id and r.supervisor_employee_id = me.employee_id
  where me.user_id = (select auth.uid())
$$;
revoke all on function public.my_employee_ids() from public, anon;
revoke all on function public.my_direct_reports() from public, anon;
grant execute on function public.my_employee_ids(), public.my_direct_reports() to authenticated, service_role;

-- Who may see compliance of a unit, with names: its administrators and auditors (and the CoE-AI
-- administrators above it).
create function public.compliance_viewer_orgs() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select public.orgs_with_role('org_admin')
  union select public.orgs_with_role('auditor')
  union select public.orgs_with_role('coe_admin')
$$;
revoke all on function public.compliance_viewer_orgs() from public, anon;
grant execute on function public.compliance_viewer_orgs() to authenticated, service_role;

create function private.may_view_compliance(org uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select public.has_role_in(org, 'org_admin') or public.has_role_in(org, 'auditor')
      or public.has_role_in(org, 'coe_admin')
$$;

-- ---------------------------------------------------------------- assignments
-- A course, or a plan of several courses, made mandatory for everyone in a unit's subtree
-- (optionally only BPS bps_min..bps_max), due by due_date, renewed every recert_months.
create table public.compliance_assignments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete restrict,
  -- What HR files call it in the program_code column; unique within the unit.
  code text not null check (code ~ '^[A-Z0-9][A-Z0-9._-]{0,39}$'),
  title jsonb not null check (jsonb_typeof(title) = 'object' and title ? 'en' and pg_column_size(title) <= 4096),
  course_ids text[] not null check (cardinality(course_ids) between 1 and 20),
  bps_min smallint check (bps_min between 1 and 22),
  bps_max smallint check (bps_max between 1 and 22),
  due_date date not null,
  recert_months int check (recert_months between 1 and 120),
  -- Days before expiry when recertification opens and reminders go out.
  recert_window_days int not null default 30 check (recert_window_days between 1 and 365),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (org_id, code),
  check (bps_min is null or bps_max is null or bps_min <= bps_max)
);

-- Each person's standing on each assignment. org_id and bps are copied from the employee record
-- so the per-unit counts and RLS need no join.
create table public.compliance_status (
  assignment_id uuid not null references public.compliance_assignments (id) on delete cascade,
  employee uuid not null references public.employees (id) on delete cascade,
  org_id uuid not null,
  bps smallint,
  due_date date not null,
  -- 'unit' (matched the assignment's unit/BPS rule) or 'file' (named in an HR upload).
  source text not null check (source in ('unit', 'file')),
  status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'completed',
    'completed_late', 'overdue', 'expired', 'exempted')),
  started boolean not null default false,
  completed_at timestamptz,
  valid_until date,
  exempt_reason text check (char_length(exempt_reason) between 3 and 500),
  exempted_by uuid references auth.users (id) on delete set null,
  exempted_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (assignment_id, employee)
);
create index compliance_status_employee on public.compliance_status (employee, assignment_id);
create index compliance_status_org on public.compliance_status (org_id, assignment_id, status);
create index compliance_status_due on public.compliance_status (due_date) where status in ('not_started', 'in_progress');
create index compliance_status_valid on public.compliance_status (valid_until) where valid_until is not null;

-- The one rule for a status, given "today".
create function private.compliance_status_of(today date, due date, started boolean, completed timestamptz,
                                             valid date, exempt text) returns text
language sql immutable
set search_path = ''
as $$
  select case
    when exempt is not null then 'exempted'
    when completed is not null and valid is not null and today > valid then 'expired'
    when completed is not null and (completed at time zone 'Asia/Karachi')::date <= due then 'completed'
    when completed is not null then 'completed_late'
    when today > due then 'overdue'
    when started then 'in_progress'
    else 'not_started'
  end
$$;

-- ---------------------------------------------------------------- per-unit counts
-- People per (unit, assignment, status, BPS, due date), maintained by statement triggers on
-- compliance_status. A roll-up sums these over the closure table: thousands of rows, not millions.
create table private.compliance_counts (
  org_id uuid not null,
  assignment_id uuid not null,
  status text not null,
  bps smallint not null default 0,    -- 0: not recorded
  due_date date not null,
  n int not null,
  primary key (org_id, assignment_id, status, bps, due_date)
);

create function private.compliance_count_insert() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into private.compliance_counts as c (org_id, assignment_id, status, bps, due_date, n)
    select org_id, assignment_id, status, coalesce(bps, 0), due_date, count(*) from new_rows
    group by 1, 2, 3, 4, 5
    on conflict (org_id, assignment_id, status, bps, due_date) do update set n = c.n + excluded.n;
  return null;
end
$$;

create function private.compliance_count_delete() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update private.compliance_counts c set n = c.n - d.n
    from (select org_id, assignment_id, status, coalesce(bps, 0) as bps, due_date, count(*)::int as n
          from old_rows group by 1, 2, 3, 4, 5) d
    where c.org_id = d.org_id and c.assignment_id = d.assignment_id and c.status = d.status
      and c.bps = d.bps and c.due_date = d.due_date;
  return null;
end
$$;

create function private.compliance_count_update() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  -- Old rows count -1 and new rows +1 under their keys; rows whose key did not change cancel
  -- out. Grouped, not joined: transition tables have no indexes, and a tick updates 1M rows.
  with delta as (
    select o.org_id, o.assignment_id, o.status, coalesce(o.bps, 0) as bps, o.due_date, -count(*) as n
    from old_rows o group by 1, 2, 3, 4, 5
    union all
    select n.org_id, n.assignment_id, n.status, coalesce(n.bps, 0), n.due_date, count(*)
    from new_rows n group by 1, 2, 3, 4, 5
  ), summed as (
    select org_id, assignment_id, status, bps, due_date, sum(n)::int as n from delta
    group by 1, 2, 3, 4, 5 having sum(n) <> 0
  )
  insert into private.compliance_counts as c (org_id, assignment_id, status, bps, due_date, n)
    select * from summed
    on conflict (org_id, assignment_id, status, bps, due_date) do update set n = c.n + excluded.n;
  -- Counters that reach zero stay (harmless in sums); compliance_tick() sweeps them daily, so a
  -- learner's sync never scans the counters table.
  return null;
end
$$;

create trigger compliance_status_count_insert after insert on public.compliance_status
  referencing new table as new_rows for each statement execute function private.compliance_count_insert();
create trigger compliance_status_count_delete after delete on public.compliance_status
  referencing old table as old_rows for each statement execute function private.compliance_count_delete();
create trigger compliance_status_count_update after update on public.compliance_status
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.compliance_count_update();

-- Daily snapshot per unit and assignment, for the trend chart (written by compliance_tick()).
create table private.compliance_daily (
  day date not null,
  org_id uuid not null,
  assignment_id uuid not null,
  assigned int not null,
  exempt int not null,
  valid int not null,
  primary key (org_id, assignment_id, day)
);

-- ---------------------------------------------------------------- completion
-- When a person finished a course under its completion rule: the latest passed final assessment
-- where the course has one, else the moment every lesson was completed.
create function private.course_done_at(person uuid, course text) returns timestamptz
language sql stable
set search_path = ''
as $$
  select case c.assessment
    when 'final' then (select max(r.graded_at) from public.assessment_results r
                       where r.owner = person and r.course_id = course and r.status = 'passed')
    else (select p.updated_at from public.course_progress p
          where p.owner = person and p.course_id = course and c.lesson_count > 0
            and p.completed_count >= c.lesson_count)
  end
  from public.courses c where c.id = course
$$;

-- Recomputes status for the given people (all their assignments) from their learning records.
create function private.compliance_refresh(people uuid[]) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  today date := private.compliance_today();
begin
  -- unnest + join (not "= any (people)"): an import or a new assignment passes 500,000 ids.
  with ids as (select distinct x as employee from unnest(people) x),
  facts as (
    select s.assignment_id, s.employee, e.user_id, a.course_ids, a.recert_months
    from ids
    join public.compliance_status s on s.employee = ids.employee
    join public.employees e on e.id = s.employee
    join public.compliance_assignments a on a.id = s.assignment_id
  ), judged as materialized (
    select f.assignment_id, f.employee,
      case when f.user_id is null then false else exists (
        select 1 from public.course_progress p where p.owner = f.user_id and p.course_id = any (f.course_ids)
          and p.lessons <> '{}'::jsonb and jsonb_path_exists(p.lessons, '$.* ? (@.opened == true)'))
        or exists (select 1 from public.assessment_results r where r.owner = f.user_id
          and r.course_id = any (f.course_ids)) end as started,
      -- A plan is done when every course in it is; then at the last of them.
      case when f.user_id is null then null else (
        select case when bool_and(d.at is not null) then max(d.at) end
        from (select private.course_done_at(f.user_id, c) as at from unnest(f.course_ids) c) d) end as done,
      f.recert_months
    from facts f
  )
  update public.compliance_status s set
    started = j.started,
    completed_at = j.done,
    valid_until = case when j.done is not null and j.recert_months is not null
      then ((j.done at time zone 'Asia/Karachi') + make_interval(months => j.recert_months))::date end,
    status = private.compliance_status_of(today, s.due_date, j.started, j.done,
      case when j.done is not null and j.recert_months is not null
        then ((j.done at time zone 'Asia/Karachi') + make_interval(months => j.recert_months))::date end,
      s.exempt_reason),
    updated_at = now()
  from judged j
  where s.assignment_id = j.assignment_id and s.employee = j.employee
    and (s.started, s.completed_at, s.status) is distinct from (j.started, j.done,
      private.compliance_status_of(today, s.due_date, j.started, j.done,
        case when j.done is not null and j.recert_months is not null
          then ((j.done at time zone 'Asia/Karachi') + make_interval(months => j.recert_months))::date end,
        s.exempt_reason));
end
$$;

-- Learning happens through sync_push (progress) and grading (results): follow both.
create function private.compliance_follow_learning() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  people uuid[];
begin
  select array_agg(e.id) into people from public.employees e where e.user_id = new.owner;
  if people is not null then perform private.compliance_refresh(people); end if;
  return null;
end
$$;
create trigger compliance_follow_progress after insert or update on public.course_progress
  for each row execute function private.compliance_follow_learning();
create trigger compliance_follow_results after insert on public.assessment_results
  for each row execute function private.compliance_follow_learning();

-- Puts everyone an assignment's unit/BPS rule covers on it, and takes off those it no longer
-- covers (moved away, regraded) unless an HR file named them. Set-based: one statement each.
create function private.compliance_match(assignment uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  a public.compliance_assignments;
  added uuid[];
begin
  select * into a from public.compliance_assignments x where x.id = assignment;
  with ins as (
    insert into public.compliance_status (assignment_id, employee, org_id, bps, due_date, source, status)
    select a.id, e.id, e.org_id, e.bps, a.due_date, 'unit',
      private.compliance_status_of(private.compliance_today(), a.due_date, false, null, null, null)
    from public.organisation_closure c
    join public.employees e on e.org_id = c.descendant
    where c.ancestor = a.org_id
      and (a.bps_min is null or e.bps >= a.bps_min) and (a.bps_max is null or e.bps <= a.bps_max)
    on conflict (assignment_id, employee) do nothing
    returning employee
  )
  select array_agg(employee) into added from ins;
  delete from public.compliance_status s
  where s.assignment_id = a.id and s.source = 'unit' and not exists (
    select 1 from public.employees e join public.organisation_closure c on c.descendant = e.org_id
    where e.id = s.employee and c.ancestor = a.org_id
      and (a.bps_min is null or e.bps >= a.bps_min) and (a.bps_max is null or e.bps <= a.bps_max));
  if added is not null then perform private.compliance_refresh(added); end if;
end
$$;

-- ---------------------------------------------------------------- RLS
alter table public.employees enable row level security;
alter table public.compliance_assignments enable row level security;
alter table public.compliance_status enable row level security;
alter table private.compliance_counts enable row level security;
alter table private.compliance_daily enable row level security;
alter table private.compliance_clock enable row level security;

create policy "unit staff, the person and their supervisor read the record" on public.employees
  for select to authenticated
  using (org_id in (select public.compliance_viewer_orgs())
         or user_id = (select auth.uid())
         or id in (select public.my_direct_reports()));
revoke all on public.employees from anon;
revoke insert, update, delete, truncate on public.employees from authenticated;

-- Assignments are read by the unit's staff and by everyone they apply to.
create policy "unit staff and assignees read assignments" on public.compliance_assignments
  for select to authenticated
  using (org_id in (select public.compliance_viewer_orgs())
         or id in (select s.assignment_id from public.compliance_status s
                   where s.employee in (select public.my_employee_ids())));
revoke all on public.compliance_assignments from anon;
revoke insert, update, delete, truncate on public.compliance_assignments from authenticated;

create policy "unit staff, the person and their supervisor read status" on public.compliance_status
  for select to authenticated
  using (org_id in (select public.compliance_viewer_orgs())
         or employee in (select public.my_employee_ids())
         or employee in (select public.my_direct_reports()));
revoke all on public.compliance_status from anon;
revoke insert, update, delete, truncate on public.compliance_status from authenticated;

-- ---------------------------------------------------------------- staff writes (audited)
create function public.create_compliance_assignment(org uuid, code text, title jsonb, course_ids text[],
    due_date date, bps_min int default null, bps_max int default null, recert_months int default null,
    recert_window_days int default 30) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  made uuid;
  unknown text;
begin
  if not public.has_role_in(org, 'org_admin') then
    raise exception 'you are not an administrator of this organisation' using errcode = '42501';
  end if;
  select c into unknown from unnest(course_ids) c where not exists (select 1 from public.courses x where x.id = c) limit 1;
  if unknown is not null then raise exception 'unknown course %', unknown using errcode = '23503'; end if;
  if due_date < private.compliance_today() then
    raise exception 'the due date is in the past' using errcode = '22023';
  end if;
  insert into public.compliance_assignments (org_id, code, title, course_ids, bps_min, bps_max, due_date,
      recert_months, recert_window_days, created_by)
    values (org, upper(btrim(code)), title, course_ids, bps_min, bps_max, due_date, recert_months,
      coalesce(recert_window_days, 30), (select auth.uid()))
    returning id into made;
  perform private.compliance_match(made);
  perform private.audit('assignment.created', org, 'assignment', made::text, null,
    jsonb_build_object('code', upper(btrim(code)), 'courses', to_jsonb(course_ids), 'due_date', due_date,
      'bps_min', bps_min, 'bps_max', bps_max, 'recert_months', recert_months,
      'people', (select count(*) from public.compliance_status s where s.assignment_id = made)));
  return made;
end
$$;
revoke all on function public.create_compliance_assignment(uuid, text, jsonb, text[], date, int, int, int, int) from public, anon;
grant execute on function public.create_compliance_assignment(uuid, text, jsonb, text[], date, int, int, int, int) to authenticated;

-- How many people a unit/BPS rule would cover, before saving it.
create function public.preview_compliance_rule(org uuid, bps_min int default null, bps_max int default null)
returns int
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not public.has_role_in(org, 'org_admin') then
    raise exception 'you are not an administrator of this organisation' using errcode = '42501';
  end if;
  return (select count(*) from public.organisation_closure c join public.employees e on e.org_id = c.descendant
          where c.ancestor = org and (bps_min is null or e.bps >= bps_min) and (bps_max is null or e.bps <= bps_max));
end
$$;
revoke all on function public.preview_compliance_rule(uuid, int, int) from public, anon;
grant execute on function public.preview_compliance_rule(uuid, int, int) to authenticated;

-- Exempt a person (reason required) or lift an exemption (reason null). Audited either way.
create function public.set_compliance_exemption(assignment uuid, person uuid, reason text) returns text
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  row public.compliance_status;
  r text := nullif(btrim(reason), '');
begin
  select * into row from public.compliance_status s where s.assignment_id = assignment and s.employee = person;
  if not found or not public.has_role_in(row.org_id, 'org_admin') then
    raise exception 'no such assignment for a person in your units' using errcode = '42501';
  end if;
  if r is not null and char_length(r) < 3 then
    raise exception 'an exemption needs a reason' using errcode = '22023';
  end if;
  update public.compliance_status s set exempt_reason = r,
    exempted_by = case when r is null then null else (select auth.uid()) end,
    exempted_at = case when r is null then null else now() end,
    status = private.compliance_status_of(private.compliance_today(), s.due_date, s.started, s.completed_at,
      s.valid_until, r),
    updated_at = now()
  where s.assignment_id = assignment and s.employee = person;
  perform private.audit(case when r is null then 'exemption.lifted' else 'exemption.granted' end, row.org_id,
    'employee', person::text, jsonb_build_object('assignment', assignment, 'reason', row.exempt_reason),
    jsonb_build_object('assignment', assignment, 'reason', r));
  return (select s.status from public.compliance_status s where s.assignment_id = assignment and s.employee = person);
end
$$;
revoke all on function public.set_compliance_exemption(uuid, uuid, text) from public, anon;
grant execute on function public.set_compliance_exemption(uuid, uuid, text) to authenticated;
