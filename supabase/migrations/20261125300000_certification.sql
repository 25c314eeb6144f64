-- Certification (docs/certification.md): final-assessment pools and keys, signed attempt
-- tickets for offline attempts, grading of `assessment_submitted` events on arrival, assessor
-- rubrics, and certificate rows. Keys and tickets live in `private` (no client role can read
-- it); grading runs here, in a trigger, so a result exists only if the server computed it.

-- ---------------------------------------------------------------- pools and keys (private)
-- Filled at stack start from courses/*/assessment by scripts/assessment-seed.js.
create table private.assessment_config (
  course_id text primary key references public.courses (id) on delete cascade,
  title text not null,
  description text not null default '',
  pass_mark int not null check (pass_mark between 0 and 100),
  draw int not null check (draw > 0),
  attempts int not null check (attempts > 0),
  cooldown_hours int not null check (cooldown_hours >= 0),
  requires_demonstration boolean not null default false,
  -- Topic names per language, {"en": {"ethics": "Ethical use of AI"}}: public text, sent with
  -- tickets so feedback and offline attempts need no course pack.
  topics jsonb not null default '{}'::jsonb
);

create table private.assessment_questions (
  course_id text not null references private.assessment_config (course_id) on delete cascade,
  question_id text not null,
  topic text not null,
  type text not null check (type in ('single', 'multiple', 'true-false')),
  options text[] not null,
  answer text[] not null,
  -- Question text per language, {"ur": {"prompt": "...", "options": {"a": "..."}}}: public.
  text jsonb not null default '{}'::jsonb,
  -- Retired questions are never drawn again but still grade attempts already drawn.
  retired boolean not null default false,
  primary key (course_id, question_id)
);

-- ---------------------------------------------------------------- attempt tickets
-- HMAC key for tickets: 244 random bits made once per database, never leaves `private`.
create table private.ticket_secret (
  id boolean primary key default true check (id),
  secret bytea not null
);
insert into private.ticket_secret (secret)
  values (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

-- HMAC-SHA256 (RFC 2104) on core sha256(), so no extension is needed on any backend.
create function private.hmac_sha256(key bytea, message bytea) returns bytea
language plpgsql immutable
set search_path = ''
as $$
declare
  k bytea := case when length(key) > 64 then sha256(key) else key end;
  ipad bytea;
  opad bytea;
begin
  k := k || decode(repeat('00', 64 - length(k)), 'hex');
  ipad := k;
  opad := k;
  for i in 0..63 loop
    ipad := set_byte(ipad, i, get_byte(k, i) # 54);
    opad := set_byte(opad, i, get_byte(k, i) # 92);
  end loop;
  return sha256(opad || sha256(ipad || message));
end
$$;

create table private.assessment_tickets (
  id uuid primary key default gen_random_uuid(),
  owner uuid not null references auth.users (id) on delete cascade,
  course_id text not null references private.assessment_config (course_id) on delete cascade,
  questions text[] not null,
  issued_at timestamptz not null default now(),
  expires_at timestamptz not null,
  -- The submission event that used it; a ticket grades exactly one attempt.
  used_by uuid
);
create index assessment_tickets_owner_course on private.assessment_tickets (owner, course_id);

-- What the signature covers: every field the learner's device is told about the ticket.
create function private.ticket_signature(t private.assessment_tickets) returns text
language sql stable
set search_path = ''
as $$
  select encode(private.hmac_sha256(
    (select s.secret from private.ticket_secret s),
    convert_to(concat_ws('|', 'seekh-ticket-v1', t.id::text, t.owner::text, t.course_id,
      array_to_string(t.questions, ','), extract(epoch from t.expires_at)::bigint::text), 'UTF8')), 'hex')
$$;

-- ---------------------------------------------------------------- results (learner reads own)
create table public.assessment_results (
  event_id uuid primary key references public.learner_events (id) on delete cascade,
  owner uuid not null references auth.users (id) on delete cascade,
  course_id text references public.courses (id),
  ticket_id uuid,
  status text not null check (status in ('passed', 'failed', 'rejected')),
  -- Why an attempt was refused: unknown_ticket, ticket_not_yours, wrong_course, bad_signature,
  -- ticket_used, ticket_expired, already_passed, attempt_limit, question_not_drawn, bad_answer.
  reason text,
  score int,
  correct int,
  total int,
  pass_mark int,
  -- Topic ids where answers were wrong (feedback without revealing any answer).
  revise_topics text[] not null default '{}',
  graded_at timestamptz not null default now()
);
create index assessment_results_owner_course on public.assessment_results (owner, course_id);
create unique index assessment_results_one_per_ticket on public.assessment_results (ticket_id)
  where status <> 'rejected';

alter table public.assessment_results enable row level security;
create policy "learner reads own results" on public.assessment_results for select to authenticated
  using ((select auth.uid()) = owner);
revoke all on public.assessment_results from anon;
revoke insert, update, delete, truncate on public.assessment_results from authenticated;

-- After `attempts` failed attempts the learner waits `cooldown_hours` from the last of them;
-- then a new round of attempts starts. Returns the end of the current wait, or null.
create function private.assessment_locked_until(p_owner uuid, p_course text, p_now timestamptz)
returns timestamptz
language plpgsql stable
set search_path = ''
as $$
declare
  cfg private.assessment_config;
  failed_at timestamptz;
  n int := 0;
  lock_end timestamptz;
begin
  select * into cfg from private.assessment_config c where c.course_id = p_course;
  if not found then return null; end if;
  for failed_at in
    select r.graded_at from public.assessment_results r
    where r.owner = p_owner and r.course_id = p_course and r.status = 'failed' order by r.graded_at
  loop
    if lock_end is not null and failed_at >= lock_end then
      n := 0;
      lock_end := null;
    end if;
    n := n + 1;
    if n >= cfg.attempts then
      lock_end := failed_at + make_interval(hours => cfg.cooldown_hours);
    end if;
  end loop;
  return case when lock_end > p_now then lock_end end;
end
$$;

-- Tickets for the caller: tops up to `wanted` (max 3) unused, unexpired tickets, each a fresh
-- random draw. Called while online (e.g. when the course is downloaded).
create function public.assessment_tickets(course text, wanted int default 3) returns jsonb
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
  select * into cfg from private.assessment_config c where c.course_id = course;
  if not found then
    raise exception 'course % has no final assessment', course using errcode = '22023';
  end if;
  passed := exists (select 1 from public.assessment_results r
    where r.owner = caller and r.course_id = cfg.course_id and r.status = 'passed');
  locked := private.assessment_locked_until(caller, cfg.course_id, now());
  if not passed and locked is null then
    select count(*) into held from private.assessment_tickets t
      where t.owner = caller and t.course_id = cfg.course_id and t.used_by is null and t.expires_at > now();
    for i in 1..greatest(least(coalesce(wanted, 3), 3) - held, 0) loop
      insert into private.assessment_tickets (owner, course_id, questions, expires_at)
      values (caller, cfg.course_id,
        array(select q.question_id from private.assessment_questions q
              where q.course_id = cfg.course_id and not q.retired order by random() limit cfg.draw),
        now() + interval '14 days');
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
    'tickets', case when passed or locked is not null then '[]'::jsonb else coalesce((
      select jsonb_agg(jsonb_build_object('ticket_id', t.id, 'owner', t.owner, 'course_id', t.course_id,
        'questions', to_jsonb(t.questions), 'expires_at', t.expires_at,
        'expires', extract(epoch from t.expires_at)::bigint, 'sig', private.ticket_signature(t),
        -- What the device needs to show the attempt offline: text and option ids, never answers.
        'content', (select jsonb_agg(jsonb_build_object('id', q.question_id, 'type', q.type,
            'options', to_jsonb(q.options), 'text', q.text) order by array_position(t.questions, q.question_id))
          from private.assessment_questions q where q.course_id = t.course_id and q.question_id = any (t.questions)))
        order by t.issued_at)
      from private.assessment_tickets t
      where t.owner = caller and t.course_id = cfg.course_id and t.used_by is null and t.expires_at > now()),
      '[]'::jsonb) end);
end
$$;
revoke all on function public.assessment_tickets(text, int) from public, anon;
grant execute on function public.assessment_tickets(text, int) to authenticated;

-- ---------------------------------------------------------------- grading
-- Grades one `assessment_submitted` event: payload {ticket_id, sig, answers: {question: [options]}}.
-- Only questions drawn on the ticket count; anything replayed, altered or made up is recorded
-- as rejected with its reason. Unanswered drawn questions count as wrong.
create function private.grade_submission(ev public.learner_events) returns public.assessment_results
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
             where r.owner = ev.owner and r.course_id = t.course_id and r.status = 'passed') then
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

create function private.on_assessment_submitted() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  -- In FROM, so the grading function runs exactly once per event.
  insert into public.assessment_results select * from private.grade_submission(new)
  on conflict (event_id) do nothing;
  return null;
exception when others then
  -- Never let a grading fault fail the learner's whole sync batch: record it, keep syncing.
  raise warning 'grading % failed: %', new.id, sqlerrm;
  insert into public.assessment_results (event_id, owner, course_id, status, reason, graded_at)
  values (new.id, new.owner, new.course_id, 'rejected', 'grading_error', new.server_ts)
  on conflict (event_id) do nothing;
  return null;
end
$$;

create trigger grade_assessment_submitted after insert on public.learner_events
  for each row when (new.type = 'assessment_submitted') execute function private.on_assessment_submitted();

-- ---------------------------------------------------------------- skill demonstrations
-- An assessor's rubric-based evaluation (Train-the-Trainer, internships). Criteria and levels
-- match src/lib/certificates/rubric.ts; approval needs every criterion at level 3 or more.
create function private.rubric_ok(rubric jsonb, decision text) returns boolean
language sql immutable
set search_path = ''
as $$
  select jsonb_typeof(rubric) = 'object'
    and (select count(*) from jsonb_object_keys(rubric)) = 5
    and not exists (select 1 from jsonb_each(rubric) e
      where e.key not in ('plans-session', 'explains-clearly', 'checks-understanding', 'includes-everyone', 'assesses-fairly')
        or jsonb_typeof(e.value) <> 'number' or (e.value #>> '{}') not in ('1', '2', '3', '4'))
    and (decision <> 'approved' or not exists (select 1 from jsonb_each_text(rubric) e where e.value::int < 3))
$$;

create table public.skill_evaluations (
  id uuid primary key default gen_random_uuid(),
  learner uuid not null references auth.users (id) on delete cascade,
  course_id text not null references public.courses (id),
  assessor uuid not null default auth.uid() references auth.users (id),
  rubric jsonb not null,
  decision text not null check (decision in ('approved', 'not_yet')),
  notes text check (char_length(notes) <= 2000),
  created_at timestamptz not null default now(),
  check (learner <> assessor)
);

create function private.check_skill_evaluation() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if not private.rubric_ok(new.rubric, new.decision) then
    raise exception 'rubric needs all five criteria at levels 1-4, and level 3+ on each to approve'
      using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger skill_evaluation_rubric before insert on public.skill_evaluations
  for each row execute function private.check_skill_evaluation();
create index skill_evaluations_learner on public.skill_evaluations (learner, course_id);
create index skill_evaluations_assessor on public.skill_evaluations (assessor);

alter table public.skill_evaluations enable row level security;
create policy "learner or assessor reads evaluation" on public.skill_evaluations for select to authenticated
  using ((select auth.uid()) in (learner, assessor) or (select public.has_role('coe_admin')));
create policy "assessor records evaluation" on public.skill_evaluations for insert to authenticated
  with check ((select auth.uid()) = assessor and (select public.has_role('assessor')));
-- Evaluations are records: a change of mind is a new evaluation, never an edit.
revoke all on public.skill_evaluations from anon;
revoke update, delete, truncate on public.skill_evaluations from authenticated;

-- ---------------------------------------------------------------- certificates
-- Inserted and revoked only by server code with the service key; learners read their own.
create table public.certificates (
  id uuid primary key,
  owner uuid not null references auth.users (id) on delete cascade,
  course_id text not null references public.courses (id),
  centre text not null,
  learner_name text not null check (char_length(learner_name) between 1 and 120),
  code text not null unique check (code ~ '^[0-9A-HJKMNP-TV-Z]{16}$'),
  status_index int not null unique check (status_index >= 0 and status_index < 131072),
  kid text not null,
  jwt text not null,
  issued_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references auth.users (id) on delete set null,
  revoke_reason text check (char_length(revoke_reason) <= 500),
  unique (owner, course_id)
);
alter table public.certificates enable row level security;
create policy "learner reads own certificates" on public.certificates for select to authenticated
  using ((select auth.uid()) = owner);
revoke all on public.certificates from anon;
revoke insert, update, delete, truncate on public.certificates from authenticated;

-- For the issuing server (service role only): may this learner have this course's certificate?
create function public.certificate_eligibility(learner uuid, course text) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  cfg private.assessment_config;
  best public.assessment_results;
  approved boolean;
begin
  select * into cfg from private.assessment_config c where c.course_id = course;
  if not found then return jsonb_build_object('eligible', false, 'reason', 'no_final_assessment'); end if;
  select * into best from public.assessment_results r
    where r.owner = learner and r.course_id = course and r.status = 'passed' order by r.graded_at limit 1;
  approved := exists (select 1 from public.skill_evaluations s
    where s.learner = certificate_eligibility.learner and s.course_id = course and s.decision = 'approved');
  return jsonb_build_object(
    'eligible', best.event_id is not null and (approved or not cfg.requires_demonstration),
    'reason', case when best.event_id is null then 'not_passed'
                   when cfg.requires_demonstration and not approved then 'needs_demonstration' end,
    'title', cfg.title, 'description', cfg.description, 'pass_mark', cfg.pass_mark,
    'score', best.score, 'requires_demonstration', cfg.requires_demonstration);
end
$$;
revoke all on function public.certificate_eligibility(uuid, text) from public, anon, authenticated;
grant execute on function public.certificate_eligibility(uuid, text) to service_role;

revoke all on all functions in schema private from public, anon;
revoke all on all tables in schema private from public, anon, authenticated;
