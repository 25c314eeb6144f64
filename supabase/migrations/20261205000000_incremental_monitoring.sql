-- Programme monitoring at national scale (issue 15, "Data pipeline"; figures in docs/benchmarks.md).
--
-- 1. A truly incremental refresh. The refresh used to rebuild the whole cube from every
--    learner's facts (91 s at 500,000 people even with nothing new). Now it touches only the
--    people something happened to since the last refresh, and only the cells they sit in:
--      - people with new learner events (by learner_events.seq, as before);
--      - people whose profile, progress, results or certificates changed, or whose account was
--        deleted: statement triggers put them in private.monitoring_dirty;
--      - everyone taking a course whose lesson count changed (a completion may appear).
--    For those people their old contribution is subtracted (their facts as they were, under the
--    groups they were counted in, kept in private.monitoring_people), their facts are brought up
--    to date, and their new contribution is added. The cube therefore always equals a full
--    recount, including a person who moves between cells; with nobody affected it does nothing.
--    refresh_programme_summaries(true) still rebuilds everything from the facts (and the first
--    refresh after this migration does so once, to fill monitoring_people).
-- 2. A roll-up per month x course x province, kept with the cube, for the national questions
--    (trend by month, by province, by course): ~1,000 rows instead of ~77,000; and one per
--    month x course x gender x disability x age band for the questions about those groups.

-- A queue, not a set: no unique key on owner, so a sync that marks someone dirty never waits on
-- the refresh that is deleting that person's earlier mark (an upsert on a key the refresh has
-- deleted but not committed would wait for the whole refresh). Duplicates are read as one.
create table private.monitoring_dirty (id bigint generated always as identity primary key, owner uuid not null);
alter table private.monitoring_dirty enable row level security;

-- The groups each person is counted under in the cubes, as of the last refresh that saw them.
create table private.monitoring_people (
  owner uuid primary key,
  language text not null,
  province text not null,
  district text not null,
  gender text not null,
  disability text not null,
  age_band text not null
);
alter table private.monitoring_people enable row level security;

create index learner_month_activity_owner on private.learner_month_activity (owner);
create unique index programme_summary_cell
  on private.programme_summary (month, course_id, language, province, gender, disability, age_band);
create unique index district_summary_cell on private.district_summary (month, course_id, province, district);

create table private.programme_rollup (
  month date not null,
  course_id text not null,
  province text not null,
  enrolled int not null default 0,
  active int not null default 0,
  completed int not null default 0,
  passed int not null default 0,
  certified int not null default 0,
  primary key (month, course_id, province)
);
alter table private.programme_rollup enable row level security;
-- And one per month x course x the three self-described groups most asked together (women,
-- disability, age): ~10,000 rows, what "women with a disability, by age band" reads.
create table private.programme_groups_rollup (
  month date not null,
  course_id text not null,
  gender text not null,
  disability text not null,
  age_band text not null,
  enrolled int not null default 0,
  active int not null default 0,
  completed int not null default 0,
  passed int not null default 0,
  certified int not null default 0,
  primary key (month, course_id, gender, disability, age_band)
);
alter table private.programme_groups_rollup enable row level security;

-- The next refresh rebuilds once from the facts (fills monitoring_people and the roll-up).
alter table private.monitoring_watermark add column rebuild boolean not null default true;

-- The two group rules run for every recounted person: without the SET clause PostgreSQL inlines
-- them (as 20261204000300 did for the status rule); they use only built-in functions and operators.
create or replace function private.gender_group(g text) returns text
language sql immutable
as $$
  select case
    when g is null or btrim(g) = '' then 'not-stated'
    when lower(btrim(g)) in ('female', 'woman', 'f', 'عورت', 'خاتون', 'زنانہ', 'خواتین', 'مؤنث') then 'female'
    when lower(btrim(g)) in ('male', 'man', 'm', 'مرد', 'مردانہ', 'مذکر') then 'male'
    else 'another' end
$$;
create or replace function private.disability_group(d text) returns text
language sql immutable
as $$
  select case
    when d is null or btrim(d) = '' then 'not-stated'
    when lower(btrim(d)) in ('no', 'none', 'نہیں', 'کوئی نہیں') then 'no'
    else 'yes' end
$$;

-- ---------------------------------------------------------------- who needs recounting
create function private.monitoring_mark_dirty() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  -- Transition tables: one statement per sync batch or import, not one per row. A row with no
  -- owner (a deleted learner's erased certificate) names no one; the account's own deletion
  -- marks them.
  if tg_op = 'DELETE' then
    if tg_table_name in ('profiles', 'users') then
      insert into private.monitoring_dirty (owner) select distinct o.id from old_rows o where o.id is not null;
    else
      insert into private.monitoring_dirty (owner) select distinct o.owner from old_rows o where o.owner is not null;
    end if;
  elsif tg_table_name = 'profiles' then
    insert into private.monitoring_dirty (owner) select distinct n.id from new_rows n where n.id is not null;
  else
    insert into private.monitoring_dirty (owner) select distinct n.owner from new_rows n where n.owner is not null;
  end if;
  return null;
end
$$;

create trigger monitoring_profiles_insert after insert on public.profiles
  referencing new table as new_rows for each statement execute function private.monitoring_mark_dirty();
create trigger monitoring_profiles_update after update on public.profiles
  referencing new table as new_rows for each statement execute function private.monitoring_mark_dirty();
create trigger monitoring_profiles_delete after delete on public.profiles
  referencing old table as old_rows for each statement execute function private.monitoring_mark_dirty();
create trigger monitoring_progress_insert after insert on public.course_progress
  referencing new table as new_rows for each statement execute function private.monitoring_mark_dirty();
create trigger monitoring_progress_update after update on public.course_progress
  referencing new table as new_rows for each statement execute function private.monitoring_mark_dirty();
create trigger monitoring_results_insert after insert on public.assessment_results
  referencing new table as new_rows for each statement execute function private.monitoring_mark_dirty();
create trigger monitoring_results_update after update on public.assessment_results
  referencing new table as new_rows for each statement execute function private.monitoring_mark_dirty();
create trigger monitoring_results_delete after delete on public.assessment_results
  referencing old table as old_rows for each statement execute function private.monitoring_mark_dirty();
create trigger monitoring_certificates_insert after insert on public.certificates
  referencing new table as new_rows for each statement execute function private.monitoring_mark_dirty();
create trigger monitoring_certificates_update after update on public.certificates
  referencing new table as new_rows for each statement execute function private.monitoring_mark_dirty();
create trigger monitoring_certificates_delete after delete on public.certificates
  referencing old table as old_rows for each statement execute function private.monitoring_mark_dirty();
create trigger monitoring_users_delete after delete on auth.users
  referencing old table as old_rows for each statement execute function private.monitoring_mark_dirty();

create function private.monitoring_course_changed() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into private.monitoring_dirty (owner)
    select p.owner from public.course_progress p where p.course_id = new.id;
  return null;
end
$$;
create trigger monitoring_course_lessons after update of lesson_count on public.courses
  for each row when (old.lesson_count is distinct from new.lesson_count)
  execute function private.monitoring_course_changed();

-- ---------------------------------------------------------------- counting some people
-- Adds (sign 1) or subtracts (sign -1) the contribution of the people in pg_temp.refresh_owners,
-- from their facts as they are now and the groups in monitoring_people, to pg_temp.refresh_delta.
create function private.monitoring_count(sign int) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  insert into pg_temp.refresh_delta
  select h.month, h.course_id, p.language, p.province, p.district, p.gender, p.disability, p.age_band,
    sign * sum(h.enrolled)::int, sign * sum(h.active)::int, sign * sum(h.completed)::int,
    sign * sum(h.passed)::int, sign * sum(h.certified)::int
  from (
    -- One pass over their facts (each fact row gives up to four happenings), one over activity.
    select f.owner, f.course_id, x.month, x.enrolled, 0 as active, x.completed, x.passed, x.certified
      from private.learner_course_facts f join pg_temp.refresh_owners o on o.owner = f.owner
      cross join lateral (values (f.first_month, 1, 0, 0, 0), (f.completed_month, 0, 1, 0, 0),
                                 (f.passed_month, 0, 0, 1, 0), (f.certified_month, 0, 0, 0, 1))
        as x (month, enrolled, completed, passed, certified)
      where x.month is not null
    union all select a.owner, a.course_id, a.month, 0, 1, 0, 0, 0
      from private.learner_month_activity a join pg_temp.refresh_owners o on o.owner = a.owner
  ) h
  join private.monitoring_people p on p.owner = h.owner
  group by 1, 2, 3, 4, 5, 6, 7, 8;
end
$$;

-- ---------------------------------------------------------------- the refresh
drop function public.refresh_programme_summaries();
drop function private.refresh_programme_summaries();

create function private.refresh_programme_summaries(full_rebuild boolean default false) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  started timestamptz := clock_timestamp();
  from_seq bigint;
  to_seq bigint;
  rebuild_all boolean;
  people int;
begin
  -- One refresh at a time (a schedule and a manual call may meet).
  perform pg_advisory_xact_lock(hashtext('seekh.refresh_programme_summaries'));
  select w.last_seq, w.rebuild or full_rebuild into from_seq, rebuild_all from private.monitoring_watermark w;
  select coalesce(max(e.seq), from_seq) into to_seq from public.learner_events e where e.seq > from_seq;

  create temporary table refresh_owners (owner uuid primary key) on commit drop;
  create temporary table refresh_delta (month date, course_id text, language text, province text, district text,
    gender text, disability text, age_band text, enrolled int, active int, completed int, passed int, certified int)
    on commit drop;

  -- Who is affected. Only rows this snapshot sees leave the queue; later ones wait for the next run.
  with queued as (delete from private.monitoring_dirty d returning d.owner)
  insert into pg_temp.refresh_owners (owner)
    select q.owner from queued q
    union
    select distinct e.owner from public.learner_events e
    where e.seq > from_seq and e.seq <= to_seq and e.course_id is not null and not rebuild_all
  on conflict do nothing;
  get diagnostics people = row_count;
  if not rebuild_all and people = 0 and to_seq = from_seq then
    update private.monitoring_watermark set refreshed_at = now();
    return jsonb_build_object('events_read', 0, 'people', 0,
      'milliseconds', round(extract(epoch from clock_timestamp() - started) * 1000));
  end if;
  analyze pg_temp.refresh_owners;

  -- 0. Their contribution as it stands in the cubes, taken out.
  if not rebuild_all then perform private.monitoring_count(-1); end if;

  -- 1. New activity since the last refresh (events by seq: only new rows are read).
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

  -- 2. Milestones (as before), for the affected people only, unless rebuilding.
  update private.learner_course_facts f set completed_month = date_trunc('month', now())::date
    from public.course_progress p join public.courses c on c.id = p.course_id
    where f.completed_month is null and p.owner = f.owner and p.course_id = f.course_id
      and c.lesson_count > 0 and p.completed_count >= c.lesson_count
      and (rebuild_all or f.owner in (select o.owner from pg_temp.refresh_owners o));
  update private.learner_course_facts f set passed_month = r.first_pass
    from (select r.owner, r.course_id, date_trunc('month', min(r.graded_at))::date as first_pass
          from public.assessment_results r
          where r.status = 'passed' and (rebuild_all or r.owner in (select o.owner from pg_temp.refresh_owners o))
          group by r.owner, r.course_id) r
    where r.owner = f.owner and r.course_id = f.course_id and f.passed_month is distinct from r.first_pass;
  -- Certificates can be revoked, so this one follows the table both ways.
  update private.learner_course_facts f set certified_month = date_trunc('month', c.issued_at)::date
    from public.certificates c
    where c.owner = f.owner and c.course_id = f.course_id and c.revoked_at is null
      and f.certified_month is distinct from date_trunc('month', c.issued_at)::date
      and (rebuild_all or c.owner in (select o.owner from pg_temp.refresh_owners o));
  update private.learner_course_facts f set certified_month = null
    where f.certified_month is not null
      and (rebuild_all or f.owner in (select o.owner from pg_temp.refresh_owners o))
      and not exists (select 1 from public.certificates c
        where c.owner = f.owner and c.course_id = f.course_id and c.revoked_at is null);
  -- A certificate for a learner whose events never reached this server (e.g. issued on import).
  insert into private.learner_course_facts (owner, course_id, first_month, certified_month)
    select c.owner, c.course_id, date_trunc('month', c.issued_at)::date, date_trunc('month', c.issued_at)::date
    from public.certificates c
    where c.revoked_at is null and (rebuild_all or c.owner in (select o.owner from pg_temp.refresh_owners o))
  on conflict do nothing;

  -- 3. The groups they are counted under now; a deleted account takes its facts with it.
  if rebuild_all then
    truncate private.programme_summary, private.district_summary, private.programme_rollup,
      private.programme_groups_rollup, private.monitoring_people;
    insert into pg_temp.refresh_owners (owner) select distinct f.owner from private.learner_course_facts f
      on conflict do nothing;
    analyze pg_temp.refresh_owners;
  end if;
  -- Rewritten only where a group changed (most affected people only learned something).
  insert into private.monitoring_people as m (owner, language, province, district, gender, disability, age_band)
    select u.id,
      coalesce(p.preferred_language, 'not-stated'),
      coalesce(p.province, 'not-stated'),
      coalesce(nullif(btrim(p.district), ''), 'not-stated'),
      private.gender_group(p.gender),
      private.disability_group(p.disability),
      coalesce(p.age_band, 'not-stated')
    from pg_temp.refresh_owners o join auth.users u on u.id = o.owner
    left join public.profiles p on p.id = u.id
  on conflict (owner) do update set language = excluded.language, province = excluded.province,
    district = excluded.district, gender = excluded.gender, disability = excluded.disability,
    age_band = excluded.age_band
  where (m.language, m.province, m.district, m.gender, m.disability, m.age_band) is distinct from
    (excluded.language, excluded.province, excluded.district, excluded.gender, excluded.disability, excluded.age_band);
  create temporary table refresh_gone on commit drop as
    select o.owner from pg_temp.refresh_owners o where not exists (select 1 from auth.users u where u.id = o.owner);
  delete from private.monitoring_people p using pg_temp.refresh_gone g where g.owner = p.owner;
  delete from private.learner_course_facts f using pg_temp.refresh_gone g where g.owner = f.owner;
  delete from private.learner_month_activity a using pg_temp.refresh_gone g where g.owner = a.owner;

  -- 4. Their contribution now, added; only cells whose figures change are written.
  perform private.monitoring_count(1);
  insert into private.programme_summary as s (month, course_id, language, province, gender, disability, age_band,
                                              enrolled, active, completed, passed, certified)
    select d.month, d.course_id, d.language, d.province, d.gender, d.disability, d.age_band,
      sum(d.enrolled), sum(d.active), sum(d.completed), sum(d.passed), sum(d.certified)
    from pg_temp.refresh_delta d group by 1, 2, 3, 4, 5, 6, 7
    having (sum(d.enrolled), sum(d.active), sum(d.completed), sum(d.passed), sum(d.certified)) <> (0, 0, 0, 0, 0)
  on conflict (month, course_id, language, province, gender, disability, age_band) do update set
    enrolled = s.enrolled + excluded.enrolled, active = s.active + excluded.active,
    completed = s.completed + excluded.completed, passed = s.passed + excluded.passed,
    certified = s.certified + excluded.certified;
  insert into private.district_summary as s (month, course_id, province, district,
                                             enrolled, active, completed, passed, certified)
    select d.month, d.course_id, d.province, d.district,
      sum(d.enrolled), sum(d.active), sum(d.completed), sum(d.passed), sum(d.certified)
    from pg_temp.refresh_delta d group by 1, 2, 3, 4
    having (sum(d.enrolled), sum(d.active), sum(d.completed), sum(d.passed), sum(d.certified)) <> (0, 0, 0, 0, 0)
  on conflict (month, course_id, province, district) do update set
    enrolled = s.enrolled + excluded.enrolled, active = s.active + excluded.active,
    completed = s.completed + excluded.completed, passed = s.passed + excluded.passed,
    certified = s.certified + excluded.certified;
  insert into private.programme_rollup as s (month, course_id, province, enrolled, active, completed, passed, certified)
    select d.month, d.course_id, d.province,
      sum(d.enrolled), sum(d.active), sum(d.completed), sum(d.passed), sum(d.certified)
    from pg_temp.refresh_delta d group by 1, 2, 3
    having (sum(d.enrolled), sum(d.active), sum(d.completed), sum(d.passed), sum(d.certified)) <> (0, 0, 0, 0, 0)
  on conflict (month, course_id, province) do update set
    enrolled = s.enrolled + excluded.enrolled, active = s.active + excluded.active,
    completed = s.completed + excluded.completed, passed = s.passed + excluded.passed,
    certified = s.certified + excluded.certified;
  insert into private.programme_groups_rollup as s (month, course_id, gender, disability, age_band,
                                                   enrolled, active, completed, passed, certified)
    select d.month, d.course_id, d.gender, d.disability, d.age_band,
      sum(d.enrolled), sum(d.active), sum(d.completed), sum(d.passed), sum(d.certified)
    from pg_temp.refresh_delta d group by 1, 2, 3, 4, 5
    having (sum(d.enrolled), sum(d.active), sum(d.completed), sum(d.passed), sum(d.certified)) <> (0, 0, 0, 0, 0)
  on conflict (month, course_id, gender, disability, age_band) do update set
    enrolled = s.enrolled + excluded.enrolled, active = s.active + excluded.active,
    completed = s.completed + excluded.completed, passed = s.passed + excluded.passed,
    certified = s.certified + excluded.certified;
  -- Cells everyone has left: gone, as a recount would not have them.
  delete from private.programme_summary s
    where (s.enrolled, s.active, s.completed, s.passed, s.certified) = (0, 0, 0, 0, 0);
  delete from private.district_summary s
    where (s.enrolled, s.active, s.completed, s.passed, s.certified) = (0, 0, 0, 0, 0);
  delete from private.programme_rollup s
    where (s.enrolled, s.active, s.completed, s.passed, s.certified) = (0, 0, 0, 0, 0);
  delete from private.programme_groups_rollup s
    where (s.enrolled, s.active, s.completed, s.passed, s.certified) = (0, 0, 0, 0, 0);

  update private.monitoring_watermark set last_seq = to_seq, refreshed_at = now(), rebuild = false;
  return jsonb_build_object('events_read', to_seq - from_seq, 'people', (select count(*) from pg_temp.refresh_owners),
    'rebuilt', rebuild_all, 'milliseconds', round(extract(epoch from clock_timestamp() - started) * 1000));
end
$$;
revoke all on function private.refresh_programme_summaries(boolean) from public, anon, authenticated;
revoke all on function private.monitoring_count(int) from public, anon, authenticated;
revoke all on function private.monitoring_mark_dirty() from public, anon, authenticated;
revoke all on function private.monitoring_course_changed() from public, anon, authenticated;

-- The operator (service role) and the local stack's timer call this; hosted Supabase schedules
-- it with pg_cron (docs/monitoring.md). `full_rebuild`: recount everything from the facts.
create function public.refresh_programme_summaries(full_rebuild boolean default false) returns jsonb
language sql volatile security definer
set search_path = ''
as $$ select private.refresh_programme_summaries(full_rebuild) $$;
revoke all on function public.refresh_programme_summaries(boolean) from public, anon, authenticated;
grant execute on function public.refresh_programme_summaries(boolean) to service_role;

-- ---------------------------------------------------------------- the dashboard reads the roll-up
-- when the question needs nothing finer than month, course (programme) and province.
create or replace function public.programme_figures(filters jsonb default '{}', by text default 'all') returns jsonb
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
  -- Nothing finer than month, course and province asked: the roll-up (~1,000 rows nationally).
  if not (f ?| array['language', 'gender', 'disability', 'age_band'])
     and by in ('all', 'month', 'programme', 'course', 'province') then
    return coalesce((
      select jsonb_agg(jsonb_build_object('key', k, 'enrolled', enrolled, 'active', active, 'completed', completed,
                                          'passed', passed, 'certified', certified) order by k)
      from (
        select case by
            when 'all' then 'all'
            when 'month' then to_char(s.month, 'YYYY-MM')
            when 'programme' then c.programme
            when 'course' then s.course_id
            when 'province' then s.province end as k,
          sum(s.enrolled)::int as enrolled, sum(s.active)::int as active, sum(s.completed)::int as completed,
          sum(s.passed)::int as passed, sum(s.certified)::int as certified
        from private.programme_rollup s join public.courses c on c.id = s.course_id
        where (f ->> 'from' is null or s.month >= (f ->> 'from')::date)
          and (f ->> 'to' is null or s.month <= (f ->> 'to')::date)
          and (f ->> 'programme' is null or c.programme = f ->> 'programme')
          and (f ->> 'course' is null or s.course_id = f ->> 'course')
          and (f ->> 'province' is null or s.province = f ->> 'province')
        group by 1
      ) q), '[]'::jsonb);
  end if;
  -- Groups without place or language: the groups roll-up.
  if not (f ?| array['language', 'province']) and by in ('gender', 'disability', 'age_band') then
    return coalesce((
      select jsonb_agg(jsonb_build_object('key', k, 'enrolled', enrolled, 'active', active, 'completed', completed,
                                          'passed', passed, 'certified', certified) order by k)
      from (
        select case by
            when 'gender' then s.gender
            when 'disability' then s.disability
            when 'age_band' then s.age_band end as k,
          sum(s.enrolled)::int as enrolled, sum(s.active)::int as active, sum(s.completed)::int as completed,
          sum(s.passed)::int as passed, sum(s.certified)::int as certified
        from private.programme_groups_rollup s join public.courses c on c.id = s.course_id
        where (f ->> 'from' is null or s.month >= (f ->> 'from')::date)
          and (f ->> 'to' is null or s.month <= (f ->> 'to')::date)
          and (f ->> 'programme' is null or c.programme = f ->> 'programme')
          and (f ->> 'course' is null or s.course_id = f ->> 'course')
          and (f ->> 'gender' is null or s.gender = f ->> 'gender')
          and (f ->> 'disability' is null or s.disability = f ->> 'disability')
          and (f ->> 'age_band' is null or s.age_band = f ->> 'age_band')
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

revoke all on all tables in schema private from public, anon, authenticated;
