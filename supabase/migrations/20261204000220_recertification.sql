-- Recertification, not only expiry (issue 12: "Totara's recertification windows"). With a
-- recertification period (recert_months) and window (recert_window_days), a completion is valid
-- until valid_until; from valid_until - window the person is due again ('recert_due': still
-- valid, counted compliant, reminded 30/7/1 days before expiry); after it, 'expired'. Completing
-- the course again (a new pass of its final assessment, or every lesson completed again) after
-- the completion on record renews: a new completed_at and valid_until, and every completion is
-- kept in compliance_completions (history, readable by the same people as the status).
--
-- Rehearsal: the compliance clock (private.compliance_clock) may be shifted; completions happen
-- in real time. valid_until is counted from the completion as the compliance clock saw it
-- (real time + offset when it was recorded), so a renewal rehearsed "11 months on" is valid for
-- another period from then, as it would be in production (offset 0).

alter table public.compliance_status drop constraint compliance_status_status_check;
alter table public.compliance_status add constraint compliance_status_status_check check (status in (
  'not_started', 'in_progress', 'completed', 'completed_late', 'recert_due', 'overdue', 'expired', 'exempted'));

-- ---------------------------------------------------------------- history
create table public.compliance_completions (
  assignment_id uuid not null references public.compliance_assignments (id) on delete cascade,
  employee uuid not null references public.employees (id) on delete cascade,
  org_id uuid not null,
  completed_at timestamptz not null,
  valid_until date,
  recorded_at timestamptz not null default now(),
  primary key (assignment_id, employee, completed_at)
);
create index compliance_completions_org on public.compliance_completions (org_id);
alter table public.compliance_completions enable row level security;
create policy "unit staff, the person and their supervisor read completions" on public.compliance_completions
  for select to authenticated
  using (org_id in (select public.compliance_viewer_orgs())
         or employee in (select public.my_employee_ids())
         or employee in (select public.my_direct_reports()));
revoke all on public.compliance_completions from anon;
revoke insert, update, delete, truncate on public.compliance_completions from authenticated;

create function private.compliance_keep_history() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.compliance_completions (assignment_id, employee, org_id, completed_at, valid_until)
  values (new.assignment_id, new.employee, new.org_id, new.completed_at, new.valid_until)
  on conflict (assignment_id, employee, completed_at) do update set valid_until = excluded.valid_until;
  return null;
end
$$;
-- Row triggers, filtered by WHEN: the daily tick updates many rows but never completed_at.
create trigger compliance_status_history_update after update of completed_at, valid_until on public.compliance_status
  for each row when (new.completed_at is not null
    and (old.completed_at is distinct from new.completed_at or old.valid_until is distinct from new.valid_until))
  execute function private.compliance_keep_history();
create trigger compliance_status_history_insert after insert on public.compliance_status
  for each row when (new.completed_at is not null) execute function private.compliance_keep_history();
insert into public.compliance_completions (assignment_id, employee, org_id, completed_at, valid_until)
  select s.assignment_id, s.employee, s.org_id, s.completed_at, s.valid_until
  from public.compliance_status s where s.completed_at is not null
  on conflict do nothing;

-- ---------------------------------------------------------------- the status rule
create function private.compliance_status_of(today date, due date, started boolean, completed timestamptz,
                                             valid date, exempt text, window_days int) returns text
language sql immutable
set search_path = ''
as $$
  select case
    when exempt is not null then 'exempted'
    when completed is not null and valid is not null and today > valid then 'expired'
    when completed is not null and valid is not null and today >= valid - coalesce(window_days, 30) then 'recert_due'
    when completed is not null and (completed at time zone 'Asia/Karachi')::date <= due then 'completed'
    when completed is not null then 'completed_late'
    when today > due then 'overdue'
    when started then 'in_progress'
    else 'not_started'
  end
$$;

-- When the course was completed again after `after`: a later pass of its final assessment, or
-- (no final) every lesson completed again; the moment of the last of those. Null if not (yet).
create function private.course_redone_after(person uuid, course text, after timestamptz) returns timestamptz
language sql stable
set search_path = ''
as $$
  select case c.assessment
    when 'final' then (select max(r.graded_at) from public.assessment_results r
                       where r.owner = person and r.course_id = course and r.status = 'passed' and r.graded_at > after)
    else (select case when count(distinct e.lesson_id) >= c.lesson_count and c.lesson_count > 0 then max(e.server_ts) end
          from public.learner_events e
          where e.owner = person and e.course_id = course and e.type = 'lesson_completed' and e.server_ts > after)
  end
  from public.courses c where c.id = course
$$;

-- True while the person is due (or overdue) to recertify on an assignment that includes the
-- course: then a final assessment they passed before may be taken again.
create function private.recert_open(person uuid, course text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.employees e
    join public.compliance_status s on s.employee = e.id
    join public.compliance_assignments a on a.id = s.assignment_id
    where e.user_id = person and course = any (a.course_ids) and s.status in ('recert_due', 'expired'))
$$;

-- ---------------------------------------------------------------- recomputing
create or replace function private.compliance_refresh(people uuid[]) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  today date := private.compliance_today();
  offset_days int := coalesce((select c.offset_days from private.compliance_clock c), 0);
begin
  with ids as (select distinct x as employee from unnest(people) x),
  facts as (
    select s.assignment_id, s.employee, e.user_id, a.course_ids, a.recert_months, a.recert_window_days,
      s.completed_at as had, s.valid_until as had_valid, s.status as was, s.due_date, s.exempt_reason
    from ids
    join public.compliance_status s on s.employee = ids.employee
    join public.employees e on e.id = s.employee
    join public.compliance_assignments a on a.id = s.assignment_id
  ), judged as materialized (
    select f.*,
      case when f.user_id is null then false else exists (
        select 1 from public.course_progress p where p.owner = f.user_id and p.course_id = any (f.course_ids)
          and p.lessons <> '{}'::jsonb and jsonb_path_exists(p.lessons, '$.* ? (@.opened == true)'))
        or exists (select 1 from public.assessment_results r where r.owner = f.user_id
          and r.course_id = any (f.course_ids)) end as started,
      case when f.user_id is null then null else (
        select case when bool_and(d.at is not null) then max(d.at) end
        from (select private.course_done_at(f.user_id, c) as at from unnest(f.course_ids) c) d) end as done,
      -- A renewal is looked for only while due again or expired: every course done again.
      case when f.user_id is not null and f.had is not null and f.was in ('recert_due', 'expired') then (
        select case when bool_and(d.at is not null) then max(d.at) end
        from (select private.course_redone_after(f.user_id, c, f.had) as at from unnest(f.course_ids) c) d) end as redone
    from facts f
  ), decided as (
    -- The completion on record stays put (later activity does not move it, so an on-time
    -- completion never turns late) until a renewal replaces it.
    select j.*, case when j.done is null then null
                     when j.had is null then j.done
                     when j.redone is not null then j.redone
                     else j.had end as completed
    from judged j
  ), valued as (
    select d.*, case when d.completed is null or d.recert_months is null then null
                     when d.completed is not distinct from d.had and d.had_valid is not null then d.had_valid
                     else ((d.completed + make_interval(days => offset_days)) at time zone 'Asia/Karachi'
                           + make_interval(months => d.recert_months))::date end as valid
    from decided d
  )
  update public.compliance_status s set
    started = v.started,
    completed_at = v.completed,
    valid_until = v.valid,
    status = private.compliance_status_of(today, s.due_date, v.started, v.completed, v.valid, s.exempt_reason,
      v.recert_window_days),
    updated_at = now()
  from valued v
  where s.assignment_id = v.assignment_id and s.employee = v.employee
    and (s.started, s.completed_at, s.valid_until, s.status) is distinct from (v.started, v.completed, v.valid,
      private.compliance_status_of(today, s.due_date, v.started, v.completed, v.valid, s.exempt_reason,
        v.recert_window_days));
end
$$;

-- Exemptions keep the same rule (the window now matters for the status an exemption lifts to).
create or replace function public.set_compliance_exemption(assignment uuid, person uuid, reason text) returns text
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
      s.valid_until, r, (select a.recert_window_days from public.compliance_assignments a where a.id = s.assignment_id)),
    updated_at = now()
  where s.assignment_id = assignment and s.employee = person;
  perform private.audit(case when r is null then 'exemption.lifted' else 'exemption.granted' end, row.org_id,
    'employee', person::text, jsonb_build_object('assignment', assignment, 'reason', row.exempt_reason),
    jsonb_build_object('assignment', assignment, 'reason', r));
  return (select s.status from public.compliance_status s where s.assignment_id = assignment and s.employee = person);
end
$$;

-- ---------------------------------------------------------------- reminders and the tick
-- As 20261202400300, but "before a certification expires" is now 30, 7 and 1 days before
-- valid_until (within the window), each once per validity.
create or replace function private.compliance_reminders_due(today date)
returns table (dedupe_key text, kind text, recipient uuid, assignment_id uuid, about_name text, days int,
               due_date date)
language sql stable
set search_path = ''
as $$
  select 'due' || b.bucket || ':' || s.assignment_id || ':' || s.employee || ':' || s.due_date, 'due_soon',
    s.employee, s.assignment_id, null::text, (s.due_date - today), s.due_date
  from public.compliance_status s,
    lateral (select case when s.due_date - today <= 1 then 1 when s.due_date - today <= 7 then 7 else 30 end as bucket) b
  where s.status in ('not_started', 'in_progress') and s.due_date between today and today + 30
  union all
  select 'overdue:' || s.assignment_id || ':' || s.employee || ':' || s.due_date, 'overdue',
    s.employee, s.assignment_id, null, (today - s.due_date), s.due_date
  from public.compliance_status s where s.status = 'overdue'
  union all
  select 'overdue-supervisor:' || s.assignment_id || ':' || s.employee || ':' || s.due_date, 'report_overdue',
    boss.id, s.assignment_id, e.full_name, (today - s.due_date), s.due_date
  from public.compliance_status s
  join public.employees e on e.id = s.employee
  join public.employees boss on boss.employer_id = e.employer_id and boss.employee_id = e.supervisor_employee_id
  where s.status = 'overdue'
  union all
  select 'expiring' || b.bucket || ':' || s.assignment_id || ':' || s.employee || ':' || s.valid_until, 'expiring',
    s.employee, s.assignment_id, null, (s.valid_until - today), s.valid_until
  from public.compliance_status s join public.compliance_assignments a on a.id = s.assignment_id,
    lateral (select case when s.valid_until - today <= 1 then 1 when s.valid_until - today <= 7 then 7 else 30 end as bucket) b
  where s.status in ('completed', 'completed_late', 'recert_due') and s.valid_until is not null
    and s.valid_until between today and today + least(a.recert_window_days, 30)
$$;

create or replace function public.compliance_tick() returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  today date := private.compliance_today();
  moved int;
  notices int;
  queued int;
begin
  -- One tick at a time (the scheduler may fire twice after a restart).
  perform pg_advisory_xact_lock(hashtextextended('compliance_tick', 0));
  update public.compliance_status s
    set status = private.compliance_status_of(today, s.due_date, s.started, s.completed_at, s.valid_until,
                   s.exempt_reason, a.recert_window_days),
        updated_at = now()
  from public.compliance_assignments a
  where a.id = s.assignment_id
    and ((s.status in ('not_started', 'in_progress') and s.due_date < today)
         or (s.status in ('completed', 'completed_late') and s.valid_until - a.recert_window_days <= today)
         or s.status in ('overdue', 'expired', 'recert_due'))
    and s.status <> private.compliance_status_of(today, s.due_date, s.started, s.completed_at, s.valid_until,
                   s.exempt_reason, a.recert_window_days);
  get diagnostics moved = row_count;

  create temporary table if not exists pg_temp.reminders on commit drop as
    select * from private.compliance_reminders_due(today) with no data;
  truncate pg_temp.reminders;
  insert into pg_temp.reminders select * from private.compliance_reminders_due(today);

  insert into public.compliance_notices (user_id, dedupe_key, kind, assignment_id, about_name, days, due_date)
    select e.user_id, r.dedupe_key, r.kind, r.assignment_id, r.about_name, r.days, r.due_date
    from pg_temp.reminders r join public.employees e on e.id = r.recipient
    where e.user_id is not null
    on conflict (dedupe_key) do nothing;
  get diagnostics notices = row_count;

  insert into private.outbox (dedupe_key, channel, recipient, kind, language, params)
    select r.dedupe_key || ':' || ch.channel, ch.channel, ch.address, r.kind,
      coalesce((select p.preferred_language from public.profiles p where p.id = e.user_id), 'ur'),
      jsonb_build_object('name', e.full_name, 'about', r.about_name, 'days', r.days, 'date', r.due_date,
        'title', a.title, 'courses', to_jsonb(a.course_ids))
    from pg_temp.reminders r
    join public.employees e on e.id = r.recipient
    join public.compliance_assignments a on a.id = r.assignment_id
    cross join lateral (values ('email', e.email), ('sms', e.mobile)) ch (channel, address)
    where ch.address is not null
    on conflict (dedupe_key) do nothing;
  get diagnostics queued = row_count;

  delete from private.compliance_counts c where c.n <= 0;
  insert into private.compliance_daily (day, org_id, assignment_id, assigned, exempt, valid)
    select today, c.org_id, c.assignment_id, sum(c.n), coalesce(sum(c.n) filter (where c.status = 'exempted'), 0),
      coalesce(sum(c.n) filter (where private.compliance_valid(c.status)), 0)
    from private.compliance_counts c group by c.org_id, c.assignment_id
    on conflict (org_id, assignment_id, day) do update
      set assigned = excluded.assigned, exempt = coalesce(excluded.exempt, 0), valid = excluded.valid;
  return jsonb_build_object('today', today, 'moved', moved, 'notices', notices, 'queued', queued);
end
$$;

-- ---------------------------------------------------------------- the roll-up gains a column
drop function public.compliance_rollup(uuid, uuid, int, int, date, date);
create function public.compliance_rollup(unit uuid, assignment uuid default null, bps_min int default null,
    bps_max int default null, due_from date default null, due_to date default null)
returns table (org_id uuid, code text, names jsonb, depth int, has_children boolean,
               not_started bigint, in_progress bigint, completed bigint, completed_late bigint,
               overdue bigint, expired bigint, exempted bigint, recert_due bigint)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  coarse boolean := bps_min is null and bps_max is null and due_from is null and due_to is null;
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
    select h.id, s.status, sum(s.n)::bigint as n
    from heads h join private.compliance_subtree_counts s on s.ancestor = h.id
    where coarse and (assignment is null or s.assignment_id = assignment)
    group by h.id, s.status
    union all
    select h.id, c.status, sum(c.n)::bigint
    from heads h
    join public.organisation_closure t on t.ancestor = h.id
    join private.compliance_counts c on c.org_id = t.descendant
    where not coarse and (assignment is null or c.assignment_id = assignment)
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
    coalesce(sum(x.n) filter (where x.status = 'exempted'), 0)::bigint,
    coalesce(sum(x.n) filter (where x.status = 'recert_due'), 0)::bigint
  from heads h left join counted x on x.id = h.id
  group by h.id, h.code, h.names, h.depth
  order by h.depth, h.code;
end
$$;
revoke all on function public.compliance_rollup(uuid, uuid, int, int, date, date) from public, anon;
grant execute on function public.compliance_rollup(uuid, uuid, int, int, date, date) to authenticated;

-- ---------------------------------------------------------------- retaking a final to renew
create or replace function public.assessment_tickets(course text, wanted int default 3) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  cfg private.assessment_config;
  held int;
  locked timestamptz;
  passed boolean;
begin
  if caller is null then
    raise exception 'sign in to take a final assessment' using errcode = '42501';
  end if;
  if not private.caller_verified() then
    -- PT403: PostgREST answers 403; the hint tells the app which message to show.
    raise exception 'a final assessment needs an account with a confirmed email or phone'
      using errcode = 'PT403', hint = 'verify_account';
  end if;
  select * into cfg from private.assessment_config c where c.course_id = course;
  if not found then
    raise exception 'course % has no final assessment', course using errcode = '22023';
  end if;
  perform pg_advisory_xact_lock(hashtextextended(caller::text, 0));
  -- A pass counts as "done" unless the learner is due to recertify on it (then tickets again).
  passed := exists (select 1 from public.assessment_results r
    where r.owner = caller and r.course_id = cfg.course_id and r.status = 'passed')
    and not private.recert_open(caller, cfg.course_id);
  locked := private.assessment_locked_until(caller, cfg.course_id, now());
  if not passed and locked is null then
    select count(*) into held from private.assessment_tickets t
      where t.owner = caller and t.course_id = cfg.course_id and t.used_by is null and t.expires_at > now();
    for i in 1..greatest(least(coalesce(wanted, 3), 3) - held, 0) loop
      insert into private.assessment_tickets (owner, course_id, questions, expires_at)
      values (caller, cfg.course_id, private.draw_questions(cfg.course_id, cfg.draw), now() + interval '14 days');
    end loop;
  end if;
  return jsonb_build_object(
    'course_id', cfg.course_id,
    'rules', jsonb_build_object('pass_mark', cfg.pass_mark, 'draw', cfg.draw, 'attempts', cfg.attempts,
      'cooldown_hours', cfg.cooldown_hours, 'requires_demonstration', cfg.requires_demonstration),
    'title', cfg.title,
    'topics', cfg.topics,
    'passed', passed,
    'locked_until', locked,
    'attempts_left', private.attempts_left(caller, cfg.course_id),
    'tickets', case when passed or locked is not null then '[]'::jsonb else coalesce((
      select jsonb_agg(jsonb_build_object('ticket_id', t.id, 'owner', t.owner, 'course_id', t.course_id,
        'questions', to_jsonb(t.questions), 'expires_at', t.expires_at,
        'expires', extract(epoch from t.expires_at)::bigint, 'sig', private.ticket_signature(t),
        'content', (select jsonb_agg(jsonb_build_object('id', q.question_id, 'type', q.type,
            'options', to_jsonb(q.options), 'text', q.text) order by array_position(t.questions, q.question_id))
          from private.assessment_questions q where q.course_id = t.course_id and q.question_id = any (t.questions)))
        order by t.issued_at)
      from private.assessment_tickets t
      where t.owner = caller and t.course_id = cfg.course_id and t.used_by is null and t.expires_at > now()),
      '[]'::jsonb) end);
end
$$;

create or replace function private.grade_submission(ev public.learner_events) returns public.assessment_results
language plpgsql
set search_path = ''
as $$
declare
  result public.assessment_results;
  t private.assessment_tickets;
  cfg private.assessment_config;
  answers jsonb := ev.payload -> 'answers';
  q record;
  given text[];
  correct int := 0;
  total int := 0;
  topics jsonb := '{}'::jsonb;
begin
  result.event_id := ev.id;
  result.owner := ev.owner;
  result.course_id := ev.course_id;
  result.status := 'rejected';
  result.revise_topics := '{}';
  result.graded_at := ev.server_ts;
  if (ev.payload ->> 'ticket_id') ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    select * into t from private.assessment_tickets x where x.id = (ev.payload ->> 'ticket_id')::uuid for update;
  end if;
  if t.id is null then result.reason := 'unknown_ticket'; return result; end if;
  result.ticket_id := t.id;
  select * into cfg from private.assessment_config c where c.course_id = t.course_id;
  result.pass_mark := cfg.pass_mark;
  if t.owner <> ev.owner then result.reason := 'ticket_not_yours'; return result; end if;
  if ev.course_id is distinct from t.course_id then result.reason := 'wrong_course'; return result; end if;
  if (ev.payload ->> 'sig') is distinct from private.ticket_signature(t) then
    result.reason := 'bad_signature'; return result;
  end if;
  if t.used_by is not null then result.reason := 'ticket_used'; return result; end if;
  -- Judged on arrival (server time): device clocks cannot be trusted.
  if ev.server_ts > t.expires_at then result.reason := 'ticket_expired'; return result; end if;
  if exists (select 1 from public.assessment_results r
             where r.owner = ev.owner and r.course_id = t.course_id and r.status = 'passed')
     and not private.recert_open(ev.owner, t.course_id) then
    result.reason := 'already_passed'; return result;
  end if;
  if private.assessment_locked_until(ev.owner, t.course_id, ev.server_ts) is not null then
    result.reason := 'attempt_limit'; return result;
  end if;
  if jsonb_typeof(answers) is distinct from 'object' then result.reason := 'bad_answer'; return result; end if;
  if exists (select 1 from jsonb_object_keys(answers) k where k <> all (t.questions)) then
    result.reason := 'question_not_drawn'; return result;
  end if;

  for q in
    select aq.question_id, aq.topic, aq.options, aq.answer from private.assessment_questions aq
    where aq.course_id = t.course_id and aq.question_id = any (t.questions)
  loop
    given := null;
    if answers ? q.question_id then
      if jsonb_typeof(answers -> q.question_id) <> 'array'
         or exists (select 1 from jsonb_array_elements(answers -> q.question_id) o
                    where jsonb_typeof(o) <> 'string' or (o #>> '{}') <> all (q.options)) then
        result.reason := 'bad_answer'; return result;
      end if;
      given := array(select distinct o from jsonb_array_elements_text(answers -> q.question_id) o order by o);
    end if;
    total := total + 1;
    topics := jsonb_set(topics, array[q.topic], to_jsonb(coalesce((topics ->> q.topic)::int, 0)), true);
    if given is not null and given = array(select distinct a from unnest(q.answer) a order by a) then
      correct := correct + 1;
    else
      topics := jsonb_set(topics, array[q.topic], to_jsonb((topics ->> q.topic)::int + 1), true);
    end if;
  end loop;

  update private.assessment_tickets set used_by = ev.id where id = t.id;
  result.reason := null;
  result.correct := correct;
  result.total := total;
  result.score := case when total = 0 then 0 else floor(100.0 * correct / total)::int end;
  result.status := case when result.score >= cfg.pass_mark then 'passed' else 'failed' end;
  -- Most-missed topics first.
  result.revise_topics := array(select k from jsonb_each_text(topics) e(k, v) where v::int > 0 order by v::int desc, k);
  return result;
end
$$;

revoke all on all functions in schema private from public, anon, authenticated;
revoke all on all tables in schema private from public, anon, authenticated;
