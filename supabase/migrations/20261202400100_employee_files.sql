-- HR files (issue 12): an org_admin uploads the rows an HR section already keeps; the app parses
-- the CSV/XLSX on the device and sends the rows here. check_employee_file() is the dry run (every
-- problem as {line, code, value}, plus what would be created, updated and assigned);
-- apply_employee_file() runs the same checks and then writes everything in one transaction or
-- nothing. Rows are matched by employee_id within the employing organisation, and rows that
-- did not change are not written, so re-uploading the same file changes nothing.

-- A Pakistani mobile number in any usual spelling, as the auth service stores it (923001234567).
create function private.normal_mobile(raw text) returns text
language sql immutable
set search_path = ''
as $$
  select case
    when s ~ '^03[0-9]{9}$' then '92' || substr(s, 2)
    when s ~ '^\+923[0-9]{9}$' then substr(s, 2)
    when s ~ '^00923[0-9]{9}$' then substr(s, 3)
    when s ~ '^923[0-9]{9}$' then s
  end
  from (select regexp_replace(coalesce(raw, ''), '[\s()-]', '', 'g') as s) x
$$;

create function private.employee_file_rows(employer uuid, rows jsonb)
returns table (line int, employee_id text, full_name text, email text, mobile text, org_id uuid, bps smallint,
               designation text, supervisor text, assignment_id uuid, due_date date,
               problems jsonb)
language sql stable security definer
set search_path = ''
as $$
  with raw as (
    select (r ->> 'line')::int as line,
      nullif(btrim(r ->> 'employee_id'), '') as employee_id,
      nullif(btrim(r ->> 'full_name'), '') as full_name,
      nullif(lower(btrim(r ->> 'email')), '') as email,
      nullif(btrim(r ->> 'mobile'), '') as mobile_raw,
      nullif(upper(btrim(r ->> 'org_unit_code')), '') as unit_code,
      nullif(btrim(r ->> 'bps'), '') as bps_raw,
      nullif(btrim(r ->> 'designation'), '') as designation,
      nullif(upper(btrim(r ->> 'program_code')), '') as program_code,
      nullif(btrim(r ->> 'due_date'), '') as due_raw,
      nullif(btrim(r ->> 'supervisor_employee_id'), '') as supervisor
    from jsonb_array_elements(rows) r
  ), parsed as (
    select raw.*,
      private.normal_mobile(raw.mobile_raw) as mobile,
      o.id as unit_id,
      exists (select 1 from public.organisation_closure c where c.ancestor = employer and c.descendant = o.id) as inside,
      case when raw.bps_raw ~ '^[0-9]{1,2}$' and raw.bps_raw::int between 1 and 22 then raw.bps_raw::smallint end as bps,
      case when raw.due_raw ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
                and to_char(to_date(raw.due_raw, 'YYYY-MM-DD'), 'YYYY-MM-DD') = raw.due_raw
           then raw.due_raw::date end as due,
      min(raw.line) over (partition by raw.employee_id) as first_line
    from raw left join public.organisations o on o.code = raw.unit_code
  ), assigned as (
    select p.*, (
      -- The programme code names an assignment of the row's unit or of a unit above it; nearest wins.
      select a.id from public.compliance_assignments a
      join public.organisation_closure c on c.ancestor = a.org_id and c.descendant = p.unit_id
      where a.code = p.program_code order by c.depth limit 1) as assignment
    from parsed p
  )
  select a.line, a.employee_id, a.full_name, a.email, a.mobile, a.unit_id, a.bps, left(a.designation, 120),
    a.supervisor, a.assignment, a.due,
    to_jsonb(array_remove(array[
      case when a.employee_id is null then jsonb_build_object('code', 'missing_employee_id')
           when a.employee_id !~ '^[A-Za-z0-9][A-Za-z0-9/._-]{0,39}$' then jsonb_build_object('code', 'bad_employee_id', 'value', left(a.employee_id, 60))
           when a.first_line < a.line then jsonb_build_object('code', 'duplicate_employee_id', 'value', a.employee_id, 'first', a.first_line) end,
      case when a.full_name is null then jsonb_build_object('code', 'missing_name')
           when char_length(a.full_name) > 160 then jsonb_build_object('code', 'name_too_long') end,
      case when a.email is not null and (a.email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' or char_length(a.email) > 200)
           then jsonb_build_object('code', 'bad_email', 'value', left(a.email, 60)) end,
      case when a.mobile_raw is not null and a.mobile is null then jsonb_build_object('code', 'bad_mobile', 'value', left(a.mobile_raw, 30)) end,
      case when a.unit_code is null then jsonb_build_object('code', 'missing_unit')
           when a.unit_id is null then jsonb_build_object('code', 'unknown_unit', 'value', left(a.unit_code, 40))
           when not a.inside then jsonb_build_object('code', 'unit_outside', 'value', a.unit_code) end,
      case when a.bps_raw is not null and a.bps is null then jsonb_build_object('code', 'bad_bps', 'value', left(a.bps_raw, 10)) end,
      case when a.due_raw is not null and a.due is null then jsonb_build_object('code', 'bad_date', 'value', left(a.due_raw, 20))
           when a.due is not null and a.due < private.compliance_today() then jsonb_build_object('code', 'due_in_past', 'value', a.due_raw)
           when a.due is not null and a.program_code is null then jsonb_build_object('code', 'due_without_programme') end,
      case when a.program_code is not null and a.unit_id is not null and a.assignment is null
           then jsonb_build_object('code', 'unknown_programme', 'value', left(a.program_code, 40)) end,
      case when a.supervisor is not null and a.supervisor = a.employee_id then jsonb_build_object('code', 'own_supervisor') end
    ]::jsonb[], null))
  from assigned a
$$;

-- What an import would do, without doing it.
create function private.employee_file_plan(employer uuid, rows jsonb) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  with f as (select * from private.employee_file_rows(employer, rows)),
  ok as (
    select f.*, e.id as existing,
      e.id is not null and (e.full_name, e.email, e.mobile, e.org_id, e.bps, e.designation, e.supervisor_employee_id)
        is distinct from (f.full_name, f.email, f.mobile, f.org_id, f.bps, f.designation, f.supervisor) as changed
    from f left join public.employees e on e.employer_id = employer and e.employee_id = f.employee_id
    where jsonb_array_length(f.problems) = 0
  )
  select jsonb_build_object(
    'rows', (select count(*) from f),
    'problems', coalesce((select jsonb_agg(p || jsonb_build_object('line', f.line) order by f.line)
                          from f, jsonb_array_elements(f.problems) p), '[]'::jsonb),
    'created', (select count(*) from ok where existing is null),
    'updated', (select count(*) from ok where changed),
    'unchanged', (select count(*) from ok where existing is not null and not changed),
    'assigned', (select count(*) from ok where ok.assignment_id is not null and not exists (
      select 1 from public.compliance_status s where s.assignment_id = ok.assignment_id and s.employee = ok.existing
        and s.due_date = coalesce(ok.due_date, (select a.due_date from public.compliance_assignments a where a.id = ok.assignment_id))))
  )
$$;

create function public.check_employee_file(employer uuid, rows jsonb) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not public.has_role_in(employer, 'org_admin') then
    raise exception 'you are not an administrator of this organisation' using errcode = '42501';
  end if;
  if jsonb_typeof(rows) <> 'array' or jsonb_array_length(rows) > 100000 then
    raise exception 'send the rows as an array of at most 100000' using errcode = '22023';
  end if;
  return private.employee_file_plan(employer, rows);
end
$$;
revoke all on function public.check_employee_file(uuid, jsonb) from public, anon;
grant execute on function public.check_employee_file(uuid, jsonb) to authenticated;

-- The confirmed rows, all or nothing. Any problem refuses the whole call (the dry run shows them).
create function public.apply_employee_file(employer uuid, rows jsonb) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  plan jsonb;
  touched uuid[];
  assignment uuid;
begin
  if not public.has_role_in(employer, 'org_admin') then
    raise exception 'you are not an administrator of this organisation' using errcode = '42501';
  end if;
  if jsonb_typeof(rows) <> 'array' or jsonb_array_length(rows) > 100000 then
    raise exception 'send the rows as an array of at most 100000' using errcode = '22023';
  end if;
  -- One import per employer at a time, so two admins cannot interleave half-files.
  perform pg_advisory_xact_lock(hashtextextended('employee_file:' || employer::text, 0));
  plan := private.employee_file_plan(employer, rows);
  if jsonb_array_length(plan -> 'problems') > 0 then
    raise exception 'the file has % problems; check it again and send only valid rows',
      jsonb_array_length(plan -> 'problems') using errcode = '22023';
  end if;

  create temporary table if not exists pg_temp.file_rows on commit drop as
    select * from private.employee_file_rows(employer, rows) with no data;
  truncate pg_temp.file_rows;
  insert into pg_temp.file_rows select * from private.employee_file_rows(employer, rows);

  with up as (
    insert into public.employees as e (employer_id, employee_id, org_id, full_name, email, mobile, bps,
        designation, supervisor_employee_id)
    select employer, f.employee_id, f.org_id, f.full_name, f.email, f.mobile, f.bps, f.designation, f.supervisor
    from pg_temp.file_rows f
    on conflict (employer_id, employee_id) do update set org_id = excluded.org_id, full_name = excluded.full_name,
      email = excluded.email, mobile = excluded.mobile, bps = excluded.bps, designation = excluded.designation,
      supervisor_employee_id = excluded.supervisor_employee_id
    where (e.full_name, e.email, e.mobile, e.org_id, e.bps, e.designation, e.supervisor_employee_id)
      is distinct from (excluded.full_name, excluded.email, excluded.mobile, excluded.org_id, excluded.bps,
                        excluded.designation, excluded.supervisor_employee_id)
    returning e.id
  )
  select array_agg(id) into touched from up;

  -- People who moved unit or grade carry their assignments' counters with them.
  update public.compliance_status s set org_id = e.org_id, bps = e.bps, updated_at = now()
  from public.employees e
  where e.id = any (coalesce(touched, '{}')) and s.employee = e.id and (s.org_id, s.bps) is distinct from (e.org_id, e.bps);

  -- Assignments named in the file, with the file's due date where it gives one.
  with named as (
    insert into public.compliance_status as s (assignment_id, employee, org_id, bps, due_date, source, status)
    select f.assignment_id, e.id, e.org_id, e.bps, coalesce(f.due_date, a.due_date), 'file', 'not_started'
    from pg_temp.file_rows f
    join public.employees e on e.employer_id = employer and e.employee_id = f.employee_id
    join public.compliance_assignments a on a.id = f.assignment_id
    on conflict (assignment_id, employee) do update set due_date = excluded.due_date, source = 'file'
    where (s.due_date, s.source) is distinct from (excluded.due_date, excluded.source)
    returning s.employee
  )
  select array_agg(distinct x) into touched from (select unnest(coalesce(touched, '{}')) x union select employee from named) t;

  -- Unit rules that reach into this employer's subtree take in (or let go of) the people changed.
  if touched is not null then
    for assignment in
      select distinct a.id from public.compliance_assignments a
      where exists (select 1 from public.organisation_closure c where c.ancestor = a.org_id and c.descendant = employer)
         or exists (select 1 from public.organisation_closure c where c.ancestor = employer and c.descendant = a.org_id)
    loop
      perform private.compliance_match(assignment);
    end loop;
    perform private.compliance_refresh(touched);
    perform private.audit('employees.imported', employer, 'organisation', employer::text, null,
      plan - 'problems');
  end if;
  return plan - 'problems';
end
$$;
revoke all on function public.apply_employee_file(uuid, jsonb) from public, anon;
grant execute on function public.apply_employee_file(uuid, jsonb) to authenticated;

-- ---------------------------------------------------------------- claiming a record
-- Called by the app after sign-in. Links the HR records whose email or mobile is the one the
-- caller proved with a one-time code (from auth.users and the session's sign-in method, never
-- from the request), and makes the person a member of their unit. Returns how many were linked.
create function public.claim_employee_records() returns int
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  u record;
  linked int := 0;
  rec record;
begin
  if caller is null then raise exception 'sign in first' using errcode = '42501'; end if;
  -- Only a session that proved the address with a one-time code may claim what HR keyed to it.
  if not coalesce((auth.jwt() -> 'amr') @> '[{"method": "otp"}]'::jsonb, false) then
    return 0;
  end if;
  select x.email, x.phone, x.email_confirmed_at, x.phone_confirmed_at into u from auth.users x where x.id = caller;
  for rec in
    update public.employees e set user_id = caller, claimed_at = now()
    where e.user_id is null and (
      (u.email_confirmed_at is not null and u.email is not null and lower(e.email) = lower(u.email))
      or (u.phone_confirmed_at is not null and u.phone is not null and e.mobile = regexp_replace(u.phone, '^\+', '')))
    returning e.id, e.org_id, e.employer_id
  loop
    linked := linked + 1;
    insert into public.organisation_members (org_id, user_id) values (rec.org_id, caller) on conflict do nothing;
    perform private.audit('employee.claimed', rec.org_id, 'employee', rec.id::text, null,
      jsonb_build_object('user', caller));
    perform private.compliance_refresh(array[rec.id]);
  end loop;
  return linked;
end
$$;
revoke all on function public.claim_employee_records() from public, anon;
grant execute on function public.claim_employee_records() to authenticated;
