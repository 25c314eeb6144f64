-- The trainer's roster, faster (issue 13, `npm run bench:cohort`): a cohort of 300 learners with
-- 100,000 events took about 1.1 s of database time, most of it in calling private.score_of once
-- or twice per quiz event (a SQL function with `set search_path` is never inlined) and in
-- scanning every event for the last sync time. Same columns, same rows, same order; the
-- roster tests in tests/integration/cohorts.test.ts hold it to that.
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
  -- Quiz scores read once per event, with private.score_of's rules written out: a SQL function
  -- with its own search_path is never inlined, and calling it per row was most of the time.
  quiz as (
    select e.owner, e.course_id, e.lesson_id,
      case jsonb_typeof(e.payload -> 'score')
        when 'number' then (e.payload ->> 'score')::numeric
        when 'string' then case
          when trim(e.payload ->> 'score') = '' then 0
          when trim(e.payload ->> 'score') ~ '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'
            then trim(e.payload ->> 'score')::numeric
        end
        when 'null' then 0
        when 'boolean' then case when (e.payload ->> 'score')::boolean then 1 else 0 end
      end as score
    from public.learner_events e
    where e.owner in (select mem.user_id from mem where mem.shares) and e.type = 'quiz_completed'
  ),
  fails as (
    -- The same quiz failed at least twice and never passed since.
    select q.owner, array_agg(distinct q.course_id || '/' || q.lesson_id) as quizzes
    from quiz q
    group by q.owner, q.course_id, q.lesson_id
    having count(*) filter (where q.score < private.quiz_fail_below()) >= 2
       and coalesce(max(q.score), 0) < private.quiz_fail_below()
  ),
  fails_by as (select f.owner, array_agg(q order by q) as quizzes from fails f, unnest(f.quizzes) q group by f.owner),
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

-- "Failed the same quiz twice" reads only quiz results: a partial index keeps that a probe per
-- member instead of a scan of every event on the server (which grows with the whole programme).
create index learner_events_quizzes on public.learner_events (owner, course_id, lesson_id)
  where type = 'quiz_completed';
