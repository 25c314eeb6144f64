-- Reminders and the daily compliance tick (issue 12). compliance_tick() (run daily by the
-- scheduler, see scripts/reminders/) moves time-driven statuses (overdue, expired), writes the
-- day's snapshot for trends and queues reminders: 30, 7 and 1 days before the due date, on the
-- day a person becomes overdue (with a copy to their supervisor) and before a certification
-- expires. Each reminder has a key that can be queued only once; the outbox is worked by
-- claim/sent/failed calls with a lease, so a failed send is retried and none is lost.

create table public.compliance_notices (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  dedupe_key text not null unique,
  kind text not null check (kind in ('due_soon', 'overdue', 'report_overdue', 'expiring')),
  assignment_id uuid references public.compliance_assignments (id) on delete cascade,
  -- For a supervisor's copy: whose training is overdue.
  about_name text,
  days int,
  due_date date,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index compliance_notices_user on public.compliance_notices (user_id, created_at desc);
alter table public.compliance_notices enable row level security;
create policy "people read their own notices" on public.compliance_notices for select to authenticated
  using (user_id = (select auth.uid()));
revoke all on public.compliance_notices from anon;
revoke insert, update, delete, truncate on public.compliance_notices from authenticated;

create table private.outbox (
  id bigint generated always as identity primary key,
  dedupe_key text not null unique,
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null,
  kind text not null,
  language text not null default 'ur',
  params jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  sent_at timestamptz,
  provider_ref text,
  last_error text
);
create index outbox_ready on private.outbox (next_attempt_at) where sent_at is null;
alter table private.outbox enable row level security;

-- Reminders that are due today, one row per recipient. Keys make each one unique for ever.
create function private.compliance_reminders_due(today date)
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
  select 'expiring:' || s.assignment_id || ':' || s.employee || ':' || s.valid_until, 'expiring',
    s.employee, s.assignment_id, null, (s.valid_until - today), s.valid_until
  from public.compliance_status s join public.compliance_assignments a on a.id = s.assignment_id
  where s.status in ('completed', 'completed_late') and s.valid_until is not null
    and s.valid_until between today and today + a.recert_window_days
$$;

create function public.compliance_tick() returns jsonb
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
    set status = private.compliance_status_of(today, s.due_date, s.started, s.completed_at, s.valid_until, s.exempt_reason),
        updated_at = now()
  where ((s.status in ('not_started', 'in_progress') and s.due_date < today)
         or (s.status in ('completed', 'completed_late') and s.valid_until < today)
         or s.status in ('overdue', 'expired'))
    and s.status <> private.compliance_status_of(today, s.due_date, s.started, s.completed_at, s.valid_until, s.exempt_reason);
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
      coalesce(sum(c.n) filter (where c.status in ('completed', 'completed_late')), 0)
    from private.compliance_counts c group by c.org_id, c.assignment_id
    on conflict (org_id, assignment_id, day) do update
      set assigned = excluded.assigned, exempt = coalesce(excluded.exempt, 0), valid = excluded.valid;
  return jsonb_build_object('today', today, 'moved', moved, 'notices', notices, 'queued', queued);
end
$$;

-- ---------------------------------------------------------------- outbox (service role only)
-- Claims up to `batch` messages for `lease_seconds`: a worker that dies mid-send loses its lease
-- and the message is offered again. Each try counts an attempt.
create function public.outbox_claim(batch int default 50, lease_seconds int default 120)
returns table (id bigint, channel text, recipient text, kind text, language text, params jsonb, attempts int)
language sql volatile security definer
set search_path = ''
as $$
  -- The compliance clock, not now(): rehearsing "a day later" also lets backed-off messages retry.
  update private.outbox o set locked_until = private.compliance_now() + make_interval(secs => lease_seconds),
    attempts = o.attempts + 1
  where o.id in (
    select x.id from private.outbox x
    where x.sent_at is null and x.next_attempt_at <= private.compliance_now()
      and (x.locked_until is null or x.locked_until < private.compliance_now())
      and x.attempts < 12
    order by x.next_attempt_at, x.id
    limit least(greatest(batch, 1), 500)
    for update skip locked)
  returning o.id, o.channel, o.recipient, o.kind, o.language, o.params, o.attempts
$$;

-- Marks a message delivered; a second report for the same message changes nothing.
create function public.outbox_sent(message bigint, provider_ref text) returns boolean
language sql volatile security definer
set search_path = ''
as $$
  update private.outbox o set sent_at = now(), provider_ref = outbox_sent.provider_ref, locked_until = null
  where o.id = message and o.sent_at is null
  returning true
$$;

-- A failed try: back off (1, 2, 4 ... minutes, at most 6 hours) and offer it again later.
create function public.outbox_failed(message bigint, error text) returns void
language sql volatile security definer
set search_path = ''
as $$
  update private.outbox o set locked_until = null, last_error = left(error, 500),
    next_attempt_at = private.compliance_now()
      + least(make_interval(mins => power(2, least(o.attempts, 12))::int), interval '6 hours')
  where o.id = message and o.sent_at is null
$$;

-- For operators: what is waiting, sent and stuck.
create function public.outbox_summary() returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'waiting', count(*) filter (where sent_at is null and attempts < 12),
    'sent', count(*) filter (where sent_at is not null),
    'stuck', count(*) filter (where sent_at is null and attempts >= 12))
  from private.outbox
$$;

revoke all on function public.compliance_tick(), public.outbox_claim(int, int), public.outbox_sent(bigint, text),
  public.outbox_failed(bigint, text), public.outbox_summary() from public, anon, authenticated;
grant execute on function public.compliance_tick(), public.outbox_claim(int, int), public.outbox_sent(bigint, text),
  public.outbox_failed(bigint, text), public.outbox_summary() to service_role;

-- The learner marks their notices read.
create function public.mark_compliance_notices_read() returns void
language sql volatile security definer
set search_path = ''
as $$ update public.compliance_notices n set read_at = now() where n.user_id = (select auth.uid()) and n.read_at is null $$;
revoke all on function public.mark_compliance_notices_read() from public, anon;
grant execute on function public.mark_compliance_notices_read() to authenticated;
