-- Exports of a large part of the organisation in constant time a page (issue 12, measured with
-- `npm run bench:compliance` at 500,000 people / 1,000,000 statuses).
--
-- compliance_export_page asked compliance_people for each keyset page and the planner chose per
-- page: for the Establishment Division's first page it walked the (employee, assignment_id)
-- index (0.1 s), but further on it switched to a merge join that re-read the employees index
-- from the start, or to collecting and sorting the whole subtree: a page after 15/16 of the
-- keys took 2.3-3.2 s, and 100,000 rows took 6 s in the database alone.
--
-- When the unit holds at least a tenth of all statuses, a page is now read by walking that
-- index from the keyset (no sort, no merge join) with memoized look-ups of the employee, the
-- unit, the assignment and "is this unit in the subtree": the same rows in the same order,
-- 5,000 at a time, at the same cost wherever the page starts (0.3 s at 15/16, on the loaded
-- 2-core bench machine). Smaller units keep compliance_people's own plans, where
-- collecting and sorting a few thousand rows is the cheaper way.
create function private.compliance_people_walk(unit uuid, assignment uuid, statuses text[],
    bps_min int, bps_max int, due_from date, due_to date,
    after_employee uuid, after_assignment uuid, page_size int)
returns table (employee uuid, assignment_id uuid, employee_id text, full_name text, unit_code text,
               bps smallint, designation text, assignment_code text, due_date date,
               status text, completed_at timestamptz, valid_until date, exempt_reason text)
language plpgsql stable
set search_path = ''
set plan_cache_mode = force_custom_plan
set enable_sort = off
set enable_mergejoin = off
as $$
begin
  return query
  select s.employee, s.assignment_id, e.employee_id, e.full_name, o.code, s.bps, e.designation,
    a.code, s.due_date, s.status, s.completed_at, s.valid_until, s.exempt_reason
  from public.compliance_status s
  join public.employees e on e.id = s.employee
  join public.organisations o on o.id = s.org_id
  join public.compliance_assignments a on a.id = s.assignment_id
  where s.org_id in (select t.descendant from public.organisation_closure t where t.ancestor = unit)
    and (compliance_people_walk.assignment is null or s.assignment_id = compliance_people_walk.assignment)
    and (statuses is null or s.status = any (statuses))
    and (compliance_people_walk.bps_min is null or s.bps >= compliance_people_walk.bps_min)
    and (compliance_people_walk.bps_max is null or s.bps <= compliance_people_walk.bps_max)
    and (due_from is null or s.due_date >= due_from) and (due_to is null or s.due_date <= due_to)
    and (after_employee is null or (s.employee, s.assignment_id) > (after_employee, coalesce(after_assignment, after_employee)))
  order by s.employee, s.assignment_id
  limit least(greatest(coalesce(page_size, 500), 1), 5000);
end
$$;
revoke all on function private.compliance_people_walk(uuid, uuid, text[], int, int, date, date, uuid, uuid, int)
  from public, anon, authenticated;

-- Same value as before ({"rows": [[the file's columns], …], "after": [employee, assignment]}),
-- same scope check (the caller's, in SQL), now choosing how to read the page.
create or replace function public.compliance_export_page(unit uuid, assignment uuid default null,
    statuses text[] default null, bps_min int default null, bps_max int default null,
    due_from date default null, due_to date default null,
    after_employee uuid default null, after_assignment uuid default null, page_size int default 5000)
returns json
language plpgsql stable security definer
set search_path = ''
as $$
declare
  in_unit bigint;
  everywhere bigint;
begin
  if not private.may_view_compliance(unit) then
    raise exception 'you do not oversee this unit' using errcode = '42501';
  end if;
  select coalesce(sum(c.n), 0) into in_unit from private.compliance_subtree_counts c where c.ancestor = unit;
  select coalesce(sum(c.n), 0) into everywhere from private.compliance_subtree_counts c
    join public.organisations o on o.id = c.ancestor where o.parent_id is null;
  if in_unit * 10 >= everywhere then
    return (
      select json_build_object(
        'rows', coalesce(json_agg(json_build_array(p.employee_id, p.full_name, p.unit_code, p.bps, p.designation,
                                                   p.assignment_code, p.due_date, p.status, p.completed_at,
                                                   p.valid_until, p.exempt_reason) order by p.ordinality), '[]'),
        'after', (array_agg(json_build_array(p.employee, p.assignment_id) order by p.ordinality desc))[1])
      from private.compliance_people_walk(unit, assignment, statuses, bps_min, bps_max, due_from, due_to,
                                          after_employee, after_assignment, page_size) with ordinality p);
  end if;
  return (
    select json_build_object(
      'rows', coalesce(json_agg(json_build_array(p.employee_id, p.full_name, p.unit_code, p.bps, p.designation,
                                                 p.assignment_code, p.due_date, p.status, p.completed_at,
                                                 p.valid_until, p.exempt_reason) order by p.ordinality), '[]'),
      'after', (array_agg(json_build_array(p.employee, p.assignment_id) order by p.ordinality desc))[1])
    from public.compliance_people(unit, assignment, statuses, bps_min, bps_max, due_from, due_to,
                                  after_employee, after_assignment, page_size) with ordinality p);
end
$$;
