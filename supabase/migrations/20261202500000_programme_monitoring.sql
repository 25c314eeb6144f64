-- Programme monitoring (issue 15): how the national programme is doing, for CoE-AI and the
-- ministry (coe_admin, auditor held at the root organisation), and the anonymous awareness reach
-- count that needs no account. Dashboards read small summary tables that a refresh maintains
-- from the learner tables; no request ever scans learner_events.
--
-- What each number counts (also shown on the screens and in every download's definitions):
--   enrolled   learners who opened a lesson of the course (first month they did)
--   active     learners with any synced activity in the course in that month
--   completed  learners who completed every lesson of the course (month of the refresh that saw it)
--   passed     learners with a passed final assessment (month of their first pass)
--   certified  certificates issued and not revoked (month of issue)
--   trained    = certified, counted in the fiscal year (July-June) of issue: the policy's 200,000 a year
--   trainers   certified in the Train-the-Trainer course: the policy's 10,000 by 2027

-- ---------------------------------------------------------------- an optional age band
alter table public.profiles add column age_band text
  check (age_band in ('under-18', '18-24', '25-34', '35-44', '45-54', '55-64', '65-plus'));

-- ---------------------------------------------------------------- awareness reach (no accounts)
-- Opt-in counts sent by devices once a day: lesson completed x language x self-chosen province.
-- No identifier of any kind is stored: not a device id, not an address.
create table public.awareness_reach (
  day date not null,
  course_id text not null,
  lesson_id text not null,
  language text not null check (language in ('en', 'ur', 'pa-Arab', 'sd', 'ps', 'bal', 'skr')),
  province text not null check (province in ('punjab', 'sindh', 'khyber-pakhtunkhwa', 'balochistan', 'islamabad',
                                             'gilgit-baltistan', 'azad-kashmir', 'not-stated')),
  completions int not null default 0 check (completions >= 0),
  primary key (day, course_id, lesson_id, language, province),
  foreign key (course_id, lesson_id) references public.lessons (course_id, id)
);
alter table public.awareness_reach enable row level security;
revoke all on public.awareness_reach from anon, authenticated;

-- Calls per hour from one network address, kept as a salted hash that rotates daily so the
-- table cannot be joined to anything else; rows older than two days are removed as it goes.
create table private.reach_calls (
  bucket text not null,
  hour timestamptz not null,
  calls int not null default 0,
  primary key (bucket, hour)
);
create table private.reach_salt (day date primary key, salt text not null);

-- One device's batch: [{day, course, lesson, language, province, n}], at most 60 entries and
-- 20 completions per entry, days within the last week. Anyone may call it; it refuses quietly
-- (returns the number counted) rather than explaining limits to a scraper.
create function public.record_reach(entries jsonb) returns int
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  headers jsonb := coalesce(nullif(current_setting('request.headers', true), ''), '{}')::jsonb;
  address text := split_part(coalesce(headers ->> 'x-forwarded-for', headers ->> 'x-real-ip', 'unknown'), ',', 1);
  salt text;
  caller text;
  used int;
  counted int := 0;
  e jsonb;
begin
  if jsonb_typeof(entries) <> 'array' or jsonb_array_length(entries) > 60 or pg_column_size(entries) > 16384 then
    raise exception 'a batch is an array of at most 60 entries' using errcode = '22023';
  end if;
  insert into private.reach_salt (day, salt) values (current_date, encode(sha256(gen_random_uuid()::text::bytea), 'hex'))
    on conflict (day) do nothing;
  select s.salt into salt from private.reach_salt s where s.day = current_date;
  delete from private.reach_salt s where s.day < current_date - 1;
  caller := encode(sha256(convert_to(salt || '|' || btrim(address), 'UTF8')), 'hex');
  delete from private.reach_calls c where c.hour < now() - interval '2 days';
  insert into private.reach_calls as c (bucket, hour, calls) values (caller, date_trunc('hour', now()), 1)
    on conflict (bucket, hour) do update set calls = c.calls + 1
    returning c.calls into used;
  -- A classroom behind one address sends many batches; a script sends thousands.
  if used > 600 then return 0; end if;

  for e in select * from jsonb_array_elements(entries) loop
    if jsonb_typeof(e) = 'object'
       and (e ->> 'day') ~ '^\d{4}-\d{2}-\d{2}$'
       and (e ->> 'n') ~ '^\d{1,2}$' and (e ->> 'n')::int between 1 and 20
       and (e ->> 'language') in ('en', 'ur', 'pa-Arab', 'sd', 'ps', 'bal', 'skr')
       and coalesce(e ->> 'province', 'not-stated') in ('punjab', 'sindh', 'khyber-pakhtunkhwa', 'balochistan',
             'islamabad', 'gilgit-baltistan', 'azad-kashmir', 'not-stated')
       -- only courses of the awareness programme, which need no account
       and exists (select 1 from public.lessons l join public.courses c on c.id = l.course_id
                   where l.course_id = e ->> 'course' and l.id = e ->> 'lesson' and c.programme = 'awareness')
    then
      if (e ->> 'day')::date between current_date - 7 and current_date + 1 then
        insert into public.awareness_reach as r (day, course_id, lesson_id, language, province, completions)
        values ((e ->> 'day')::date, e ->> 'course', e ->> 'lesson', e ->> 'language',
                coalesce(e ->> 'province', 'not-stated'), (e ->> 'n')::int)
        on conflict (day, course_id, lesson_id, language, province)
          do update set completions = r.completions + excluded.completions;
        counted := counted + (e ->> 'n')::int;
      end if;
    end if;
  end loop;
  return counted;
end
$$;
revoke all on function public.record_reach(jsonb) from public;
grant execute on function public.record_reach(jsonb) to anon, authenticated;

-- ---------------------------------------------------------------- summaries
-- One row per learner and course: the months that matter, maintained by the refresh.
create table private.learner_course_facts (
  owner uuid not null,
  course_id text not null,
  first_month date not null,
  completed_month date,
  passed_month date,
  certified_month date,
  primary key (owner, course_id)
);
-- (learner, course, month) with activity; filled incrementally from learner_events by seq.
create table private.learner_month_activity (
  owner uuid not null,
  course_id text not null,
  month date not null,
  primary key (course_id, month, owner)
);
create table private.monitoring_watermark (id boolean primary key default true check (id), last_seq bigint not null,
  refreshed_at timestamptz not null);
insert into private.monitoring_watermark (last_seq, refreshed_at) values (0, '-infinity');

-- The cube the dashboards read: counts per month x course x the learner's self-described groups.
-- Profile fields are reduced to a few categories; "not-stated" is its own category.
create table private.programme_summary (
  month date not null,
  course_id text not null,
  language text not null,
  province text not null,
  gender text not null,
  disability text not null,
  age_band text not null,
  enrolled int not null default 0,
  active int not null default 0,
  completed int not null default 0,
  passed int not null default 0,
  certified int not null default 0
);
create index programme_summary_month on private.programme_summary (month);
-- Districts get their own, narrower cube: a district breakdown is asked with time, course and
-- province filters; crossing it with every profile field would make a row per person.
create table private.district_summary (
  month date not null,
  course_id text not null,
  province text not null,
  district text not null,
  enrolled int not null default 0,
  active int not null default 0,
  completed int not null default 0,
  passed int not null default 0,
  certified int not null default 0
);
create index district_summary_province on private.district_summary (province, month);

-- Free-text self-descriptions reduced to categories for counting; the text itself never leaves.
create function private.gender_group(g text) returns text
language sql immutable
set search_path = ''
as $$
  select case
    when g is null or btrim(g) = '' then 'not-stated'
    when lower(btrim(g)) in ('female', 'woman', 'f', 'عورت', 'خاتون', 'زنانہ', 'خواتین', 'مؤنث') then 'female'
    when lower(btrim(g)) in ('male', 'man', 'm', 'مرد', 'مردانہ', 'مذکر') then 'male'
    else 'another' end
$$;
create function private.disability_group(d text) returns text
language sql immutable
set search_path = ''
as $$
  select case
    when d is null or btrim(d) = '' then 'not-stated'
    when lower(btrim(d)) in ('no', 'none', 'نہیں', 'کوئی نہیں') then 'no'
    else 'yes' end
$$;

create function private.refresh_programme_summaries() returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  started timestamptz := clock_timestamp();
  from_seq bigint;
  to_seq bigint;
begin
  -- One refresh at a time (a schedule and a manual call may meet).
  perform pg_advisory_xact_lock(hashtext('seekh.refresh_programme_summaries'));
  select w.last_seq into from_seq from private.monitoring_watermark w;
  select coalesce(max(e.seq), from_seq) into to_seq from public.learner_events e where e.seq > from_seq;

  -- 1. New activity since the last refresh (events by seq: the only scan, and only of new rows).
  insert into private.learner_month_activity (owner, course_id, month)
    select distinct e.owner, e.course_id, date_trunc('month', e.server_ts)::date
    from public.learner_events e
    where e.seq > from_seq and e.seq <= to_seq and e.course_id is not null
  on conflict do nothing;
  insert into private.learner_course_facts as f (owner, course_id, first_month)
    select e.owner, e.course_id, date_trunc('month', min(e.server_ts))::date
    from public.learner_events e
    where e.seq > from_seq and e.seq <= to_seq and e.course_id is not null
    group by e.owner, e.course_id
  on conflict (owner, course_id) do update set first_month = least(f.first_month, excluded.first_month);

  -- 2. Milestones: set once, the month they were first seen.
  update private.learner_course_facts f set completed_month = date_trunc('month', now())::date
    from public.course_progress p join public.courses c on c.id = p.course_id
    where f.completed_month is null and p.owner = f.owner and p.course_id = f.course_id
      and c.lesson_count > 0 and p.completed_count >= c.lesson_count;
  update private.learner_course_facts f set passed_month = r.first_pass
    from (select r.owner, r.course_id, date_trunc('month', min(r.graded_at))::date as first_pass
          from public.assessment_results r where r.status = 'passed' group by r.owner, r.course_id) r
    where r.owner = f.owner and r.course_id = f.course_id and f.passed_month is distinct from r.first_pass;
  -- Certificates can be revoked, so this one follows the table both ways.
  update private.learner_course_facts f set certified_month = date_trunc('month', c.issued_at)::date
    from public.certificates c
    where c.owner = f.owner and c.course_id = f.course_id and c.revoked_at is null
      and f.certified_month is distinct from date_trunc('month', c.issued_at)::date;
  update private.learner_course_facts f set certified_month = null
    where f.certified_month is not null and not exists (select 1 from public.certificates c
      where c.owner = f.owner and c.course_id = f.course_id and c.revoked_at is null);
  -- A certificate for a learner whose events never reached this server (e.g. issued on import).
  insert into private.learner_course_facts (owner, course_id, first_month, certified_month)
    select c.owner, c.course_id, date_trunc('month', c.issued_at)::date, date_trunc('month', c.issued_at)::date
    from public.certificates c where c.revoked_at is null
  on conflict do nothing;

  -- 3. The cubes, rebuilt from the facts (one row per learner and course, not per event), so
  --    a learner who changes province moves in the figures at the next refresh.
  truncate private.programme_summary, private.district_summary;
  create temporary table pg_temp.refresh_happenings on commit drop as
  with people as (
    select u.id as owner,
      coalesce(p.preferred_language, 'not-stated') as language,
      coalesce(p.province, 'not-stated') as province,
      coalesce(nullif(btrim(p.district), ''), 'not-stated') as district,
      private.gender_group(p.gender) as gender,
      private.disability_group(p.disability) as disability,
      coalesce(p.age_band, 'not-stated') as age_band
    from auth.users u left join public.profiles p on p.id = u.id
  ),
  happenings as (
    select f.owner, f.course_id, f.first_month as month, 1 as enrolled, 0 as active,
      0 as completed, 0 as passed, 0 as certified
      from private.learner_course_facts f
    union all select a.owner, a.course_id, a.month, 0, 1, 0, 0, 0 from private.learner_month_activity a
    union all select f.owner, f.course_id, f.completed_month, 0, 0, 1, 0, 0
      from private.learner_course_facts f where f.completed_month is not null
    union all select f.owner, f.course_id, f.passed_month, 0, 0, 0, 1, 0
      from private.learner_course_facts f where f.passed_month is not null
    union all select f.owner, f.course_id, f.certified_month, 0, 0, 0, 0, 1
      from private.learner_course_facts f where f.certified_month is not null
  )
  select h.month, h.course_id, p.language, p.province, p.district, p.gender, p.disability, p.age_band,
    sum(h.enrolled)::int as enrolled, sum(h.active)::int as active, sum(h.completed)::int as completed,
    sum(h.passed)::int as passed, sum(h.certified)::int as certified
  from happenings h join people p on p.owner = h.owner
  group by 1, 2, 3, 4, 5, 6, 7, 8;
  insert into private.programme_summary (month, course_id, language, province, gender, disability, age_band,
                                         enrolled, active, completed, passed, certified)
  select month, course_id, language, province, gender, disability, age_band,
    sum(enrolled), sum(active), sum(completed), sum(passed), sum(certified)
  from pg_temp.refresh_happenings group by 1, 2, 3, 4, 5, 6, 7;
  insert into private.district_summary (month, course_id, province, district,
                                        enrolled, active, completed, passed, certified)
  select month, course_id, province, district,
    sum(enrolled), sum(active), sum(completed), sum(passed), sum(certified)
  from pg_temp.refresh_happenings group by 1, 2, 3, 4;

  update private.monitoring_watermark set last_seq = to_seq, refreshed_at = now();
  return jsonb_build_object('events_read', to_seq - from_seq,
    'milliseconds', round(extract(epoch from clock_timestamp() - started) * 1000));
end
$$;
revoke all on function private.refresh_programme_summaries() from public, anon, authenticated;

-- The operator (service role) and the local stack's timer call this; hosted Supabase schedules
-- it with pg_cron (docs/monitoring.md).
create function public.refresh_programme_summaries() returns jsonb
language sql volatile security definer
set search_path = ''
as $$ select private.refresh_programme_summaries() $$;
revoke all on function public.refresh_programme_summaries() from public, anon, authenticated;
grant execute on function public.refresh_programme_summaries() to service_role;

-- ---------------------------------------------------------------- the dashboard's questions
create function private.may_monitor() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select (select auth.role()) = 'service_role'
      or public.has_programme_role('coe_admin') or public.has_programme_role('auditor')
$$;

-- Totals per value of one dimension, filtered. `filters`: {from, to (months, yyyy-mm-01),
-- programme, course, language, province, district, gender, disability, age_band}; `by`: one of
-- month, programme, course, language, province, district, gender, disability, age_band, all.
create function public.programme_figures(filters jsonb default '{}', by text default 'all') returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  f jsonb := coalesce(filters, '{}');
begin
  if not private.may_monitor() then
    raise exception 'programme figures are for CoE-AI administrators and auditors' using errcode = '42501';
  end if;
  if by not in ('all', 'month', 'programme', 'course', 'language', 'province', 'district', 'gender', 'disability', 'age_band') then
    raise exception 'unknown breakdown %', by using errcode = '22023';
  end if;
  -- A district breakdown or filter reads the district cube, which keeps time, course and
  -- province only: crossing districts with profile groups would single people out anyway.
  if by = 'district' or f ? 'district' then
    if f ?| array['language', 'gender', 'disability', 'age_band'] or by in ('language', 'gender', 'disability', 'age_band') then
      raise exception 'districts can be combined only with time, programme, course and province'
        using errcode = '22023';
    end if;
    return coalesce((
      select jsonb_agg(jsonb_build_object('key', k, 'enrolled', enrolled, 'active', active, 'completed', completed,
                                          'passed', passed, 'certified', certified) order by k)
      from (
        select case by
            when 'all' then 'all'
            when 'month' then to_char(s.month, 'YYYY-MM')
            when 'programme' then c.programme
            when 'course' then s.course_id
            when 'province' then s.province
            when 'district' then s.district
            else 'all' end as k,
          sum(s.enrolled)::int as enrolled, sum(s.active)::int as active, sum(s.completed)::int as completed,
          sum(s.passed)::int as passed, sum(s.certified)::int as certified
        from private.district_summary s join public.courses c on c.id = s.course_id
        where (f ->> 'from' is null or s.month >= (f ->> 'from')::date)
          and (f ->> 'to' is null or s.month <= (f ->> 'to')::date)
          and (f ->> 'programme' is null or c.programme = f ->> 'programme')
          and (f ->> 'course' is null or s.course_id = f ->> 'course')
          and (f ->> 'province' is null or s.province = f ->> 'province')
          and (f ->> 'district' is null or s.district = f ->> 'district')
        group by 1
      ) q), '[]'::jsonb);
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object('key', k, 'enrolled', enrolled, 'active', active, 'completed', completed,
                                        'passed', passed, 'certified', certified) order by k)
    from (
      select case by
          when 'all' then 'all'
          when 'month' then to_char(s.month, 'YYYY-MM')
          when 'programme' then c.programme
          when 'course' then s.course_id
          when 'language' then s.language
          when 'province' then s.province
          when 'gender' then s.gender
          when 'disability' then s.disability
          when 'age_band' then s.age_band end as k,
        sum(s.enrolled)::int as enrolled, sum(s.active)::int as active, sum(s.completed)::int as completed,
        sum(s.passed)::int as passed, sum(s.certified)::int as certified
      from private.programme_summary s join public.courses c on c.id = s.course_id
      where (f ->> 'from' is null or s.month >= (f ->> 'from')::date)
        and (f ->> 'to' is null or s.month <= (f ->> 'to')::date)
        and (f ->> 'programme' is null or c.programme = f ->> 'programme')
        and (f ->> 'course' is null or s.course_id = f ->> 'course')
        and (f ->> 'language' is null or s.language = f ->> 'language')
        and (f ->> 'province' is null or s.province = f ->> 'province')
        and (f ->> 'gender' is null or s.gender = f ->> 'gender')
        and (f ->> 'disability' is null or s.disability = f ->> 'disability')
        and (f ->> 'age_band' is null or s.age_band = f ->> 'age_band')
      group by 1
    ) q), '[]'::jsonb);
end
$$;
revoke all on function public.programme_figures(jsonb, text) from public, anon;
grant execute on function public.programme_figures(jsonb, text) to authenticated, service_role;

-- Against the policy's targets. Fiscal year July-June; "by 2027" read as by 31 December 2027.
create function public.programme_targets(fiscal_year_start int default null) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  fy int := coalesce(fiscal_year_start,
    case when extract(month from now()) >= 7 then extract(year from now())::int else extract(year from now())::int - 1 end);
  fy_from date := make_date(fy, 7, 1);
  fy_to date := make_date(fy + 1, 6, 1);
begin
  if not private.may_monitor() then
    raise exception 'programme figures are for CoE-AI administrators and auditors' using errcode = '42501';
  end if;
  return jsonb_build_object(
    'fiscal_year', fy,
    'trained', (select coalesce(sum(s.certified), 0)::int from private.programme_summary s
                where s.month between fy_from and fy_to),
    'trained_target', 200000,
    'trainers', (select coalesce(sum(s.certified), 0)::int from private.programme_summary s
                 where s.course_id = 'train-the-trainer' and s.month <= date '2027-12-01'),
    'trainers_target', 10000,
    'trainers_deadline', '2027-12-31',
    'awareness_completions', (select coalesce(sum(r.completions), 0)::int from public.awareness_reach r
                              where r.day between fy_from and (fy_to + interval '1 month' - interval '1 day')::date),
    'refreshed_at', (select w.refreshed_at from private.monitoring_watermark w));
end
$$;
revoke all on function public.programme_targets(int) from public, anon;
grant execute on function public.programme_targets(int) to authenticated, service_role;

-- Anonymous reach by one dimension (language, province, lesson, month), same audience.
create function public.awareness_figures(filters jsonb default '{}', by text default 'language') returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  f jsonb := coalesce(filters, '{}');
begin
  if not private.may_monitor() then
    raise exception 'programme figures are for CoE-AI administrators and auditors' using errcode = '42501';
  end if;
  if by not in ('all', 'language', 'province', 'lesson', 'month') then
    raise exception 'unknown breakdown %', by using errcode = '22023';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object('key', k, 'completions', n) order by k) from (
      select case by when 'all' then 'all' when 'language' then r.language when 'province' then r.province
                     when 'lesson' then r.lesson_id when 'month' then to_char(r.day, 'YYYY-MM') end as k,
             sum(r.completions)::int as n
      from public.awareness_reach r
      where (f ->> 'from' is null or r.day >= (f ->> 'from')::date)
        and (f ->> 'to' is null or r.day < ((f ->> 'to')::date + interval '1 month'))
        and (f ->> 'language' is null or r.language = f ->> 'language')
        and (f ->> 'province' is null or r.province = f ->> 'province')
      group by 1) q), '[]'::jsonb);
end
$$;
revoke all on function public.awareness_figures(jsonb, text) from public, anon;
grant execute on function public.awareness_figures(jsonb, text) to authenticated, service_role;

revoke all on all tables in schema private from public, anon, authenticated;
revoke all on all functions in schema private from public, anon;
