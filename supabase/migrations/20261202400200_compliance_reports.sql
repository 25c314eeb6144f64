-- Compliance reports (issue 12): the roll-up of a unit and its sub-units from the per-unit
-- counters, the people behind the numbers (keyset pages, also what exports stream), the trend,
-- a supervisor's direct reports and a learner's own mandatory training. Each checks the caller's
-- scope in SQL; none scans learner events.

-- Counts for `unit` itself (row depth 0, its whole subtree) and each direct sub-unit (depth 1,
-- each with its subtree). Filters: one assignment (or all), BPS range, due date range.
create function public.compliance_rollup(unit uuid, assignment uuid default null, bps_min int default null,
    bps_max int default null, due_from date default null, due_to date default null)
returns table (org_id uuid, code text, names jsonb, depth int, has_children boolean,
               not_started bigint, in_progress bigint, completed bigint, completed_late bigint,
               overdue bigint, expired bigint, exempted bigint)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not private.may_view_compliance(unit) then
    raise exception 'you do not oversee this unit' using errcode = '42501';
  end if;
  return query
  with heads as (
    select o.id, o.code, o.names, 0 as depth from public.organisations o where o.id = unit
    union all
    select o.id, o.code, o.names, 1 from public.organisations o where o.parent_id = unit
  ), counted as (
    select h.id, c.status, sum(c.n)::bigint as n
    from heads h
    join public.organisation_closure t on t.ancestor = h.id
    join private.compliance_counts c on c.org_id = t.descendant
    where (assignment is null or c.assignment_id = assignment)
      and (bps_min is null or c.bps >= bps_min) and (bps_max is null or c.bps <= bps_max)
      and (due_from is null or c.due_date >= due_from) and (due_to is null or c.due_date <= due_to)
    group by h.id, c.status
  )
  select h.id, h.code, h.names, h.depth,
    exists (select 1 from public.organisations k where k.parent_id = h.id),
    coalesce(sum(x.n) filter (where x.status = 'not_started'), 0)::bigint,
    coalesce(sum(x.n) filter (where x.status = 'in_progress'), 0)::bigint,
    coalesce(sum(x.n) filter (where x.status = 'completed'), 0)::bigint,
    coalesce(sum(x.n) filter (where x.status = 'completed_late'), 0)::bigint,
    coalesce(sum(x.n) filter (where x.status = 'overdue'), 0)::bigint,
    coalesce(sum(x.n) filter (where x.status = 'expired'), 0)::bigint,
    coalesce(sum(x.n) filter (where x.status = 'exempted'), 0)::bigint
  from heads h left join counted x on x.id = h.id
  group by h.id, h.code, h.names, h.depth
  order by h.depth, h.code;
end
$$;
revoke all on function public.compliance_rollup(uuid, uuid, int, int, date, date) from public, anon;
grant execute on function public.compliance_rollup(uuid, uuid, int, int, date, date) to authenticated;

-- The people behind the numbers, one keyset page at a time (after the given employee/assignment).
create function public.compliance_people(unit uuid, assignment uuid default null, statuses text[] default null,
    bps_min int default null, bps_max int default null, due_from date default null, due_to date default null,
    after_employee uuid default null, after_assignment uuid default null, page_size int default 500)
returns table (employee uuid, assignment_id uuid, employee_id text, full_name text, unit_code text,
               unit_names jsonb, bps smallint, designation text, assignment_code text, due_date date,
               status text, completed_at timestamptz, valid_until date, exempt_reason text)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not private.may_view_compliance(unit) then
    raise exception 'you do not oversee this unit' using errcode = '42501';
  end if;
  return query
  select s.employee, s.assignment_id, e.employee_id, e.full_name, o.code, o.names, s.bps, e.designation,
    a.code, s.due_date, s.status, s.completed_at, s.valid_until, s.exempt_reason
  from public.compliance_status s
  join public.employees e on e.id = s.employee
  join public.organisations o on o.id = s.org_id
  join public.compliance_assignments a on a.id = s.assignment_id
  where s.org_id in (select t.descendant from public.organisation_closure t where t.ancestor = unit)
    and (assignment is null or s.assignment_id = assignment)
    and (statuses is null or s.status = any (statuses))
    and (compliance_people.bps_min is null or s.bps >= compliance_people.bps_min)
    and (compliance_people.bps_max is null or s.bps <= compliance_people.bps_max)
    and (due_from is null or s.due_date >= due_from) and (due_to is null or s.due_date <= due_to)
    and (after_employee is null or (s.employee, s.assignment_id) > (after_employee, coalesce(after_assignment, after_employee)))
  order by s.employee, s.assignment_id
  limit least(greatest(coalesce(page_size, 500), 1), 5000);
end
$$;
revoke all on function public.compliance_people(uuid, uuid, text[], int, int, date, date, uuid, uuid, int) from public, anon;
grant execute on function public.compliance_people(uuid, uuid, text[], int, int, date, date, uuid, uuid, int) to authenticated;

-- % compliant per day for the unit's subtree (from the daily snapshots).
create function public.compliance_trend(unit uuid, assignment uuid default null, days int default 90)
returns table (day date, assigned bigint, exempt bigint, valid bigint)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not private.may_view_compliance(unit) then
    raise exception 'you do not oversee this unit' using errcode = '42501';
  end if;
  return query
  select d.day, sum(d.assigned)::bigint, sum(d.exempt)::bigint, sum(d.valid)::bigint
  from private.compliance_daily d
  join public.organisation_closure t on t.descendant = d.org_id and t.ancestor = unit
  where (assignment is null or d.assignment_id = assignment)
    and d.day > private.compliance_today() - least(greatest(coalesce(days, 90), 1), 730)
  group by d.day order by d.day;
end
$$;
revoke all on function public.compliance_trend(uuid, uuid, int) from public, anon;
grant execute on function public.compliance_trend(uuid, uuid, int) to authenticated;

-- Assignments the caller may report on (made in or above the units they oversee, or below them).
create function public.compliance_assignments_for(unit uuid)
returns table (id uuid, code text, title jsonb, course_ids text[], org_code text, due_date date,
               bps_min smallint, bps_max smallint, recert_months int, people bigint)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not private.may_view_compliance(unit) then
    raise exception 'you do not oversee this unit' using errcode = '42501';
  end if;
  return query
  select a.id, a.code, a.title, a.course_ids, o.code, a.due_date, a.bps_min, a.bps_max, a.recert_months,
    (select coalesce(sum(c.n), 0)::bigint from private.compliance_counts c
     join public.organisation_closure t on t.descendant = c.org_id and t.ancestor = unit
     where c.assignment_id = a.id)
  from public.compliance_assignments a join public.organisations o on o.id = a.org_id
  where exists (select 1 from public.organisation_closure t where t.ancestor = a.org_id and t.descendant = unit)
     or exists (select 1 from public.organisation_closure t where t.ancestor = unit and t.descendant = a.org_id)
  order by a.created_at desc;
end
$$;
revoke all on function public.compliance_assignments_for(uuid) from public, anon;
grant execute on function public.compliance_assignments_for(uuid) to authenticated;

-- A supervisor's direct reports (supervisor_employee_id = the caller's employee_id) and their status.
create function public.my_team_compliance()
returns table (employee_id text, full_name text, designation text, assignment_code text, title jsonb,
               due_date date, status text, completed_at timestamptz)
language sql stable security definer
set search_path = ''
as $$
  select e.employee_id, e.full_name, e.designation, a.code, a.title, s.due_date, s.status, s.completed_at
  from public.employees e
  join public.compliance_status s on s.employee = e.id
  join public.compliance_assignments a on a.id = s.assignment_id
  where e.id in (select public.my_direct_reports())
  order by e.full_name, a.code
$$;
revoke all on function public.my_team_compliance() from public, anon;
grant execute on function public.my_team_compliance() to authenticated;

-- The learner's own "My mandatory training": what, assigned by which unit, due when, status.
create function public.my_mandatory_training()
returns table (assignment_id uuid, title jsonb, course_ids text[], assigned_by jsonb, due_date date,
               status text, completed_at timestamptz, valid_until date, exempt_reason text)
language sql stable security definer
set search_path = ''
as $$
  select a.id, a.title, a.course_ids, o.names, s.due_date, s.status, s.completed_at, s.valid_until, s.exempt_reason
  from public.compliance_status s
  join public.compliance_assignments a on a.id = s.assignment_id
  join public.organisations o on o.id = a.org_id
  where s.employee in (select public.my_employee_ids())
  order by (s.status in ('completed', 'completed_late', 'exempted')), s.due_date
$$;
revoke all on function public.my_mandatory_training() from public, anon;
grant execute on function public.my_mandatory_training() to authenticated;
