-- One learner's lessons, for the trainer who opens that learner in the roster (issue 13: the
-- cohort page in under a second on a phone). The roster no longer carries every learner's
-- per-lesson objects (300 learners × every lesson was most of a 490 KB answer and thousands of
-- rows to draw at 4× CPU); it sends counts, and the ticks of one learner's lessons come from
-- here when the trainer asks. The rule is the roster's, exactly: the caller runs the cohort,
-- the person is a current member, and they share their progress (docs/roles.md) — otherwise
-- nothing, and a caller who does not run the cohort is refused like cohort_roster refuses.
create function public.cohort_learner_lessons(cohort uuid, learner uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not private.runs_cohort((select auth.uid()), cohort) then
    raise exception 'you do not run this cohort' using errcode = '42501';
  end if;
  return (
    select coalesce(jsonb_object_agg(cp.course_id, cp.lessons), '{}'::jsonb)
    from public.cohorts k
    join public.cohort_members m on m.cohort_id = k.id and m.user_id = learner and m.left_at is null
    join public.profiles p on p.id = m.user_id and p.consent_progress_sharing
    join public.course_progress cp on cp.owner = m.user_id and cp.course_id = any (k.course_ids)
    where k.id = cohort
  );
end
$$;
revoke all on function public.cohort_learner_lessons(uuid, uuid) from public, anon;
grant execute on function public.cohort_learner_lessons(uuid, uuid) to authenticated;
