-- Assigning a course to a whole division at once (issue 12: "design for a whole government at
-- once"; figures in docs/benchmarks.md).
--
-- compliance_match used to insert everyone as 'not_started' and then run compliance_refresh over
-- all of them: per row, two EXISTS subqueries, private.course_done_at() per course (a function
-- with a SET clause, so never inlined: parsed and planned again per call) and a second write of
-- every row with its triggers. 39.6 s for one ministry (25,000 people); a whole government
-- (500,000) ran past 13 minutes. Now newcomers get their real status in the one INSERT … SELECT
-- that adds them: what each has started and completed is read set-based (one pass over the
-- assignment's courses' progress and results, hash-joined), the completion rule of
-- private.course_done_at and the renewal date of compliance_refresh written out inline, and the
-- status rule (private.compliance_status_of, inlinable since 20261204000300) folded into the
-- statement. The per-unit counters and the completion history follow by their triggers as before.
create or replace function private.compliance_match(assignment uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  a public.compliance_assignments;
  today date := private.compliance_today();
  offset_days int := coalesce((select c.offset_days from private.compliance_clock c), 0);
begin
  select * into a from public.compliance_assignments x where x.id = assignment;
  if a.id is null then return; end if;

  with people as materialized (
    select e.id as employee, e.org_id, e.bps, e.user_id
    from public.organisation_closure c
    join public.employees e on e.org_id = c.descendant
    where c.ancestor = a.org_id
      and (a.bps_min is null or e.bps >= a.bps_min) and (a.bps_max is null or e.bps <= a.bps_max)
      and not exists (select 1 from public.compliance_status s where s.assignment_id = a.id and s.employee = e.id)
  ), results as (
    select r.owner, r.course_id, max(r.graded_at) filter (where r.status = 'passed') as passed
    from public.assessment_results r where r.course_id = any (a.course_ids)
    group by r.owner, r.course_id
  ), per_course as (
    -- The same rules as compliance_refresh: started = a lesson opened or any attempt at the
    -- final in one of the courses; a course is done at its latest passed final where it has
    -- one, else when every lesson was completed.
    select p.employee,
      coalesce(pr.lessons <> '{}'::jsonb and jsonb_path_exists(pr.lessons, '$.* ? (@.opened == true)'), false)
        or r.owner is not null as started,
      case when k.id is null then null
           when k.assessment = 'final' then r.passed
           when k.lesson_count > 0 and pr.completed_count >= k.lesson_count then pr.updated_at end as done
    from people p
    cross join unnest(a.course_ids) as wanted (course_id)
    left join public.courses k on k.id = wanted.course_id
    left join public.course_progress pr on pr.owner = p.user_id and pr.course_id = wanted.course_id
    left join results r on r.owner = p.user_id and r.course_id = wanted.course_id
  ), judged as (
    -- A plan is done when every course in it is; then at the last of them.
    select c.employee, bool_or(c.started) as started,
      case when bool_and(c.done is not null) then max(c.done) end as done
    from per_course c group by c.employee
  )
  insert into public.compliance_status (assignment_id, employee, org_id, bps, due_date, source, status,
                                        started, completed_at, valid_until)
  select a.id, p.employee, p.org_id, p.bps, a.due_date, 'unit',
    private.compliance_status_of(today, a.due_date, j.started, j.done, v.valid, null, a.recert_window_days),
    j.started, j.done, v.valid
  from people p
  join judged j on j.employee = p.employee
  cross join lateral (select case when j.done is not null and a.recert_months is not null
    then ((j.done + make_interval(days => offset_days)) at time zone 'Asia/Karachi'
          + make_interval(months => a.recert_months))::date end as valid) v
  on conflict (assignment_id, employee) do nothing;

  delete from public.compliance_status s
  where s.assignment_id = a.id and s.source = 'unit' and not exists (
    select 1 from public.employees e join public.organisation_closure c on c.descendant = e.org_id
    where e.id = s.employee and c.ancestor = a.org_id
      and (a.bps_min is null or e.bps >= a.bps_min) and (a.bps_max is null or e.bps <= a.bps_max));
end
$$;
