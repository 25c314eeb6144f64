-- The trainer's roster without reading every quiz result (issue 13: the cohort page in under a
-- second on a phone). EXPLAIN ANALYZE on the bench cohort (300 learners, 100,000 events, real
-- PostgreSQL 15) put about 80% of cohort_roster's time in the "failed the same quiz twice" part:
-- every quiz_completed event of every sharing member (21,000 rows) fetched from the heap, its
-- score parsed, then sorted and grouped per quiz. That answer only needs, per learner and quiz,
-- how many results were under the pass mark and the best score, so those two numbers are now
-- kept as results arrive. Same rule, same rows, same order (tests/integration/cohorts.test.ts).

-- Per learner and quiz: results under the pass mark (private.quiz_fail_below(), a constant) and
-- the best readable score (null when none could be read, like max() over the scores).
create table private.quiz_tallies (
  owner uuid not null references auth.users (id) on delete cascade,
  course_id text,
  lesson_id text,
  below int not null,
  best numeric,
  -- An event may name no course or lesson; the roster grouped those too, so they count as one.
  unique nulls not distinct (owner, course_id, lesson_id)
);
alter table private.quiz_tallies enable row level security;
revoke all on private.quiz_tallies from public, anon, authenticated;

-- Each stored statement's quiz results add to their tallies: once per insert (a sync push is
-- one), grouped, so a push of many results is one upsert per quiz, and nothing without quizzes.
create function private.tally_quiz_results() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into private.quiz_tallies as t (owner, course_id, lesson_id, below, best)
  select a.owner, a.course_id, a.lesson_id,
    count(*) filter (where private.score_of(a.payload) < private.quiz_fail_below())::int,
    max(private.score_of(a.payload))
  from added a
  where a.type = 'quiz_completed'
  group by a.owner, a.course_id, a.lesson_id
  on conflict (owner, course_id, lesson_id) do update
    set below = t.below + excluded.below, best = greatest(t.best, excluded.best);
  return null;
end
$$;
create trigger tally_quiz_results after insert on public.learner_events
  referencing new table as added for each statement execute function private.tally_quiz_results();

-- Events are append-only, but a learner's erasure deletes them (and a maintainer might edit
-- one): the tallies they touched are counted again from the events that remain, so the tally
-- never says more than the events do.
create function private.retally_quizzes(keys jsonb) returns void
language sql security definer
set search_path = ''
as $$
  with k as (
    select distinct (x ->> 'owner')::uuid as owner, x ->> 'course_id' as course_id, x ->> 'lesson_id' as lesson_id
    from jsonb_array_elements(keys) x
  ),
  gone as (
    delete from private.quiz_tallies t using k
    where t.owner = k.owner and t.course_id is not distinct from k.course_id
      and t.lesson_id is not distinct from k.lesson_id
  )
  insert into private.quiz_tallies (owner, course_id, lesson_id, below, best)
  select e.owner, e.course_id, e.lesson_id,
    count(*) filter (where private.score_of(e.payload) < private.quiz_fail_below())::int,
    max(private.score_of(e.payload))
  from public.learner_events e join k on e.owner = k.owner and e.course_id is not distinct from k.course_id
    and e.lesson_id is not distinct from k.lesson_id
  where e.type = 'quiz_completed'
  group by e.owner, e.course_id, e.lesson_id
  on conflict (owner, course_id, lesson_id) do update set below = excluded.below, best = excluded.best;
$$;

create function private.retally_deleted_quizzes() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform private.retally_quizzes(coalesce((
    select jsonb_agg(distinct jsonb_build_object('owner', g.owner, 'course_id', g.course_id, 'lesson_id', g.lesson_id))
    from gone g where g.type = 'quiz_completed'), '[]'));
  return null;
end
$$;
create trigger retally_deleted_quizzes after delete on public.learner_events
  referencing old table as gone for each statement execute function private.retally_deleted_quizzes();

create function private.retally_updated_quizzes() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform private.retally_quizzes(coalesce((
    select jsonb_agg(distinct jsonb_build_object('owner', x.owner, 'course_id', x.course_id, 'lesson_id', x.lesson_id))
    from (select b.owner, b.course_id, b.lesson_id, b.type from before_rows b
          union all select a.owner, a.course_id, a.lesson_id, a.type from after_rows a) x
    where x.type = 'quiz_completed'), '[]'));
  return null;
end
$$;
create trigger retally_updated_quizzes after update on public.learner_events
  referencing old table as before_rows new table as after_rows
  for each statement execute function private.retally_updated_quizzes();

revoke all on function private.tally_quiz_results() from public, anon, authenticated;
revoke all on function private.retally_quizzes(jsonb) from public, anon, authenticated;
revoke all on function private.retally_deleted_quizzes() from public, anon, authenticated;
revoke all on function private.retally_updated_quizzes() from public, anon, authenticated;

-- The results already stored.
insert into private.quiz_tallies (owner, course_id, lesson_id, below, best)
select e.owner, e.course_id, e.lesson_id,
  count(*) filter (where private.score_of(e.payload) < private.quiz_fail_below())::int,
  max(private.score_of(e.payload))
from public.learner_events e
where e.type = 'quiz_completed'
group by e.owner, e.course_id, e.lesson_id;

create or replace function public.cohort_roster(cohort uuid)
returns table (user_id uuid, display_name text, joined_at timestamptz, shares_progress boolean,
               progress jsonb, last_synced_at timestamptz, failed_quizzes text[], sessions_held int,
               sessions_attended int, attendance jsonb, needs_help text[])
language plpgsql stable security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  if not private.runs_cohort((select auth.uid()), cohort) then
    raise exception 'you do not run this cohort' using errcode = '42501';
  end if;
  return query
  with k as (select * from public.cohorts x where x.id = cohort),
  mem as (
    select m.user_id, m.joined_at, coalesce(p.consent_progress_sharing, false) as shares, p.display_name
    from public.cohort_members m left join public.profiles p on p.id = m.user_id
    where m.cohort_id = cohort and m.left_at is null
  ),
  held as (select s.id, s.starts_at, s.ends_at from public.cohort_sessions s where s.cohort_id = cohort and s.starts_at <= now()),
  att as (
    select mem.user_id,
      count(h.id) filter (where h.ends_at >= mem.joined_at)::int as due,
      count(a.session_id) filter (where a.status in ('present', 'late') and h.ends_at >= mem.joined_at)::int as came,
      coalesce(jsonb_object_agg(a.session_id, a.status) filter (where a.session_id is not null), '{}'::jsonb) as marks
    from mem left join held h on true
    left join public.cohort_attendance a on a.session_id = h.id and a.learner = mem.user_id
    group by mem.user_id
  ),
  -- The last event to arrive, by seq (arrival order): one backward index probe per member on
  -- (owner, seq) instead of a scan of every event the cohort ever sent.
  ev as (
    select mem.user_id as owner, last.server_ts as last_at
    from mem
    cross join lateral (select e.server_ts from public.learner_events e
                        where e.owner = mem.user_id order by e.seq desc limit 1) last
    where mem.shares
  ),
  -- "Failed the same quiz twice and never passed since", from the per-quiz tallies kept as
  -- results arrive (private.quiz_tallies): one row per learner and quiz instead of every
  -- quiz result they ever sent.
  fails as (
    select t.owner, t.course_id || '/' || t.lesson_id as quiz
    from private.quiz_tallies t
    where t.owner in (select mem.user_id from mem where mem.shares)
      and t.below >= 2 and coalesce(t.best, 0) < private.quiz_fail_below()
  ),
  fails_by as (select f.owner, array_agg(f.quiz order by f.quiz) as quizzes from fails f group by f.owner),
  prog as (
    select cp.owner, jsonb_object_agg(cp.course_id, jsonb_build_object('lessons', cp.lessons,
      'completed', cp.completed_count, 'of', c.lesson_count)) as progress
    from public.course_progress cp join public.courses c on c.id = cp.course_id
    join k on cp.course_id = any (k.course_ids)
    where cp.owner in (select mem.user_id from mem where mem.shares)
    group by cp.owner
  ),
  listed as (
    select mem.user_id, mem.display_name, mem.joined_at, mem.shares,
      case when mem.shares then coalesce(prog.progress, '{}'::jsonb) end as progress,
      case when mem.shares then ev.last_at end as last_at,
      case when mem.shares then coalesce(fails_by.quizzes, '{}') else '{}' end as failed,
      att.due, att.came, att.marks
    from mem join att on att.user_id = mem.user_id
    left join ev on ev.owner = mem.user_id
    left join fails_by on fails_by.owner = mem.user_id
    left join prog on prog.owner = mem.user_id
  )
  select r.user_id, r.display_name, r.joined_at, r.shares, r.progress, r.last_at, r.failed, r.due, r.came, r.marks,
    array_remove(array[
      case when cardinality(r.failed) > 0 then 'failed_quiz_twice' end,
      case when r.shares and (r.last_at is null or r.last_at < now() - interval '7 days')
                 and r.joined_at < now() - interval '7 days' then 'inactive_7_days' end,
      case when r.due >= 2 and r.came * 5 < r.due * 4 then 'low_attendance' end
    ], null)
  from listed r
  order by cardinality(array_remove(array[
      case when cardinality(r.failed) > 0 then 1 end,
      case when r.shares and (r.last_at is null or r.last_at < now() - interval '7 days')
                 and r.joined_at < now() - interval '7 days' then 1 end,
      case when r.due >= 2 and r.came * 5 < r.due * 4 then 1 end], null)) desc,
    r.last_at asc nulls first, r.display_name nulls last, r.user_id;
end
$$;
