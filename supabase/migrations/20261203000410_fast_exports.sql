-- Fast, complete compliance exports (issue 12, measured with `npm run bench:compliance`).
--
-- 1. The export reads public.compliance_people one keyset page after another. From its sixth
--    call in a session PL/pgSQL switched to a generic plan, where `after_employee is null or
--    (employee, assignment_id) > (…)` is no index bound: each page re-read the unit's rows
--    from the start (measured at 125,000 people: 0.2-0.4 s a page for five pages, then
--    5.5-9.2 s a page). Planning each call with its values turns the keyset into an index range
--    on compliance_status (employee, assignment_id), so every page costs the same.
alter function public.compliance_people(uuid, uuid, text[], int, int, date, date, uuid, uuid, int)
  set plan_cache_mode = force_custom_plan;

-- 2. PostgREST cuts every result set at max_rows (1,000 on hosted Supabase and in the local
--    stack), so the exporter's pages of 5,000 came back as 1,000 rows, which it took for the
--    last page: exports stopped after 1,000 rows. A page is now one value, which max_rows does
--    not cut: {"rows": [[the file's columns], …], "after": [employee, assignment]} in
--    compliance_people's order, as arrays of the export's columns only and as json, not
--    jsonb (a page of 5,000 as row objects was 2 MB and took 0.7-0.9 s to build, against
--    0.2-0.3 s for the rows themselves). Same rows, same scope check: it asks
--    compliance_people as the caller.
create function public.compliance_export_page(unit uuid, assignment uuid default null,
    statuses text[] default null, bps_min int default null, bps_max int default null,
    due_from date default null, due_to date default null,
    after_employee uuid default null, after_assignment uuid default null, page_size int default 5000)
returns json
language sql stable
set search_path = ''
as $$
  select json_build_object(
    'rows', coalesce(json_agg(json_build_array(p.employee_id, p.full_name, p.unit_code, p.bps, p.designation,
                                               p.assignment_code, p.due_date, p.status, p.completed_at,
                                               p.valid_until, p.exempt_reason) order by p.ordinality), '[]'),
    'after', (array_agg(json_build_array(p.employee, p.assignment_id) order by p.ordinality desc))[1])
  from public.compliance_people(unit, assignment, statuses, bps_min, bps_max, due_from, due_to,
                                after_employee, after_assignment, page_size) with ordinality p
$$;
revoke all on function public.compliance_export_page(uuid, uuid, text[], int, int, date, date, uuid, uuid, int)
  from public, anon;
grant execute on function public.compliance_export_page(uuid, uuid, text[], int, int, date, date, uuid, uuid, int)
  to authenticated;
