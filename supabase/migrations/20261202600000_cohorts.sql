-- Trainers and cohorts (issue 13, core): a cohort belongs to a unit (a training centre, CoE-AI
-- centre, school, partner or any unit that trains its people), has sessions, members who join
-- with a short code, and attendance that comes from the trainer's offline `attendance_marked`
-- events (turned into rows here, on arrival, exactly once) or from a learner's self check-in
-- with a rotating code. Every write is a security-definer function that checks scope and is
-- audited; the trainer's view of learners is narrowed to their cohorts' consenting members.

-- ---------------------------------------------------------------- tables
create table public.cohorts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete restrict,
  title text not null check (char_length(btrim(title)) between 1 and 200),
  course_ids text[] not null default '{}' check (cardinality(course_ids) <= 20),
  language text not null check (language in ('en', 'ur', 'pa-Arab', 'sd', 'ps', 'bal', 'skr')),
  capacity int not null check (capacity between 1 and 1000),
  -- 8 Crockford base32 characters (no I, L, O, U): 40 random bits, easy to read out and type.
  join_code text not null unique check (join_code ~ '^[0-9A-HJKMNP-TV-Z]{8}$'),
  lead_trainer uuid not null references auth.users (id) on delete restrict,
  assistant_trainers uuid[] not null default '{}' check (cardinality(assistant_trainers) <= 20),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index cohorts_org on public.cohorts (org_id);
create index cohorts_lead on public.cohorts (lead_trainer);
create index cohorts_assistants on public.cohorts using gin (assistant_trainers);

create table public.cohort_sessions (
  id uuid primary key default gen_random_uuid(),
  cohort_id uuid not null references public.cohorts (id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  venue text check (char_length(venue) <= 300),
  online_url text check (online_url ~ '^https://[^[:space:]]+$' and char_length(online_url) <= 500),
  created_at timestamptz not null default now(),
  check (ends_at > starts_at and ends_at - starts_at <= interval '12 hours'),
  check (venue is not null or online_url is not null)
);
create index cohort_sessions_cohort on public.cohort_sessions (cohort_id, starts_at);

create table public.cohort_members (
  cohort_id uuid not null references public.cohorts (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  joined_at timestamptz not null default now(),
  left_at timestamptz,
  -- Set when a trainer removed the learner; a removed learner cannot rejoin by code.
  removed_by uuid references auth.users (id) on delete set null,
  primary key (cohort_id, user_id)
);
create index cohort_members_user on public.cohort_members (user_id);

create table public.cohort_attendance (
  session_id uuid not null references public.cohort_sessions (id) on delete cascade,
  learner uuid not null references auth.users (id) on delete cascade,
  status text not null check (status in ('present', 'late', 'absent', 'excused')),
  source text not null check (source in ('trainer', 'check_in')),
  marked_by uuid references auth.users (id) on delete set null,
  -- The trainer's event this row came from (null for a self check-in); a later event corrects.
  event_id uuid unique,
  event_seq bigint,
  marked_at timestamptz not null default now(),
  primary key (session_id, learner)
);
create index cohort_attendance_learner on public.cohort_attendance (learner);

-- attendance_marked events the server could not turn into attendance, with the reason, so the
-- trainer's device can say which marks did not count (the event itself stays: events are facts).
create table public.attendance_refusals (
  event_id uuid primary key references public.learner_events (id) on delete cascade,
  owner uuid not null references auth.users (id) on delete cascade,
  reason text not null,
  at timestamptz not null default now()
);
create index attendance_refusals_owner on public.attendance_refusals (owner);

-- ---------------------------------------------------------------- who teaches what
-- Does `person` hold `wanted` in `org` or above it? (has_role_in() asks it for the caller.)
create function private.person_has_role_in(person uuid, org uuid, wanted text) returns boolean
language sql stable
set search_path = ''
as $$
  select exists (select 1 from public.org_roles r join public.organisation_closure c on c.ancestor = r.org_id
                 where r.user_id = person and r.role = wanted and c.descendant = org)
$$;

-- May `person` run this cohort: its lead or an assistant, or an org_admin of its unit.
create function private.runs_cohort(person uuid, cohort uuid) returns boolean
language sql stable
set search_path = ''
as $$
  select exists (select 1 from public.cohorts k where k.id = cohort
                 and (k.lead_trainer = person or person = any (k.assistant_trainers)
                      or private.person_has_role_in(person, k.org_id, 'org_admin')))
$$;

-- The cohorts the caller runs, as a set for policies (hashed once per query).
create function public.cohorts_i_run() returns setof uuid
language sql stable security definer
rows 100
set search_path = ''
as $$
  select k.id from public.cohorts k
  where k.lead_trainer = (select auth.uid()) or (select auth.uid()) = any (k.assistant_trainers)
  union
  select k.id from public.cohorts k where k.org_id in (select public.orgs_with_role('org_admin'))
$$;
revoke all on function public.cohorts_i_run() from public, anon;
grant execute on function public.cohorts_i_run() to authenticated, service_role;

-- The learners in cohorts the caller TEACHES (lead or assistant), still members, who share
-- their progress: the cohort relation of docs/roles.md. Consent is read at query time.
create function public.cohort_learners_i_teach() returns setof uuid
language sql stable security definer
rows 1000
set search_path = ''
as $$
  select distinct m.user_id
  from public.cohorts k
  join public.cohort_members m on m.cohort_id = k.id and m.left_at is null
  join public.profiles p on p.id = m.user_id and p.consent_progress_sharing
  where k.lead_trainer = (select auth.uid()) or (select auth.uid()) = any (k.assistant_trainers)
$$;
revoke all on function public.cohort_learners_i_teach() from public, anon;
grant execute on function public.cohort_learners_i_teach() to authenticated, service_role;

-- ---------------------------------------------------------------- RLS
alter table public.cohorts enable row level security;
alter table public.cohort_sessions enable row level security;
alter table public.cohort_members enable row level security;
alter table public.cohort_attendance enable row level security;
alter table public.attendance_refusals enable row level security;

-- A cohort's trainers and its unit's admins read it; a member reads the cohorts they are in.
create policy "trainers and members read cohorts" on public.cohorts for select to authenticated
  using (id in (select public.cohorts_i_run())
         or exists (select 1 from public.cohort_members m
                    where m.cohort_id = cohorts.id and m.user_id = (select auth.uid()) and m.left_at is null));
create policy "trainers and members read sessions" on public.cohort_sessions for select to authenticated
  using (cohort_id in (select public.cohorts_i_run())
         or exists (select 1 from public.cohort_members m
                    where m.cohort_id = cohort_sessions.cohort_id and m.user_id = (select auth.uid()) and m.left_at is null));
-- A learner sees only their own membership row, never the other members.
create policy "own membership or the cohort's trainers" on public.cohort_members for select to authenticated
  using (user_id = (select auth.uid()) or cohort_id in (select public.cohorts_i_run()));
create policy "own attendance or the cohort's trainers" on public.cohort_attendance for select to authenticated
  using (learner = (select auth.uid())
         or session_id in (select s.id from public.cohort_sessions s where s.cohort_id in (select public.cohorts_i_run())));
create policy "own refusals" on public.attendance_refusals for select to authenticated
  using (owner = (select auth.uid()));
revoke all on public.cohorts, public.cohort_sessions, public.cohort_members, public.cohort_attendance,
  public.attendance_refusals from anon;
revoke insert, update, delete, truncate on public.cohorts, public.cohort_sessions, public.cohort_members,
  public.cohort_attendance, public.attendance_refusals from authenticated;

-- The cohort relation for learner data (docs/roles.md): a trainer reads the lesson progress,
-- results and certificates of their cohorts' consenting members, wherever those belong.
create policy "cohort trainers read consenting members' progress" on public.course_progress
  for select to authenticated
  using (owner in (select public.cohort_learners_i_teach()));
create policy "cohort trainers read consenting members' results" on public.assessment_results
  for select to authenticated
  using (owner in (select public.cohort_learners_i_teach()));

-- ---------------------------------------------------------------- codes
create function private.new_join_code() returns text
language plpgsql volatile
set search_path = ''
as $$
declare
  alphabet constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  raw bytea := decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex');
  code text := '';
  i int;
begin
  -- Bytes 0-5 and 8 of a v4 uuid carry version/variant bits elsewhere; use the fully random ones.
  foreach i in array array[0, 1, 2, 3, 4, 5, 10, 11] loop
    code := code || substr(alphabet, (get_byte(raw, i) % 32) + 1, 1);
  end loop;
  return code;
end
$$;

-- What a person typed or scanned, read the Crockford way: case, spaces and dashes ignored,
-- O → 0, I and L → 1.
create function private.normalise_join_code(typed text) returns text
language sql immutable
set search_path = ''
as $$ select translate(upper(regexp_replace(coalesce(typed, ''), '[\s-]', '', 'g')), 'OIL', '011') $$;

-- Check-in codes: 6 digits, HMAC of the session and a 60-second step under a secret that never
-- leaves `private`. The trainer's screen shows the current one; the previous step is still
-- accepted (a code read out just before it turned), anything older is refused.
create table private.check_in_secret (
  id boolean primary key default true check (id),
  secret bytea not null
);
insert into private.check_in_secret (secret)
  values (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

create function private.check_in_code(session uuid, step bigint) returns text
language sql stable
set search_path = ''
as $$
  select lpad(((('x' || substr(encode(private.hmac_sha256((select s.secret from private.check_in_secret s),
    convert_to('seekh-check-in-v1|' || session::text || '|' || step::text, 'UTF8')), 'hex'), 1, 8))::bit(32)::bigint)
    % 1000000)::text, 6, '0')
$$;

create function private.check_in_step(at timestamptz) returns bigint
language sql immutable
set search_path = ''
as $$ select floor(extract(epoch from at) / 60)::bigint $$;

-- Self check-in is open from 15 minutes before a session starts until it ends.
create function private.check_in_open(s public.cohort_sessions, at timestamptz) returns boolean
language sql immutable
set search_path = ''
as $$ select at between s.starts_at - interval '15 minutes' and s.ends_at $$;

-- ---------------------------------------------------------------- trainer writes (audited)
create function public.create_cohort(org uuid, title text, course_ids text[], language text, capacity int,
                                     lead_trainer uuid default null, assistant_trainers uuid[] default '{}')
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  lead uuid := coalesce(lead_trainer, caller);
  helpers uuid[] := array(select distinct a from unnest(coalesce(assistant_trainers, '{}')) a where a <> lead);
  made public.cohorts;
begin
  if caller is null then raise exception 'sign in first' using errcode = '42501'; end if;
  if not (public.has_role_in(org, 'trainer') or public.has_role_in(org, 'org_admin')) then
    raise exception 'you are not a trainer or administrator of this organisation' using errcode = '42501';
  end if;
  -- Whoever leads or assists must be a trainer of this unit: a cohort cannot hand learners'
  -- progress to someone the unit never made a trainer.
  if not private.person_has_role_in(lead, org, 'trainer')
     or exists (select 1 from unnest(helpers) a where not private.person_has_role_in(a, org, 'trainer')) then
    raise exception 'lead and assistant trainers must hold the trainer role in this organisation' using errcode = '22023';
  end if;
  if exists (select 1 from unnest(coalesce(course_ids, '{}')) c where not exists (select 1 from public.courses x where x.id = c)) then
    raise exception 'unknown course' using errcode = '22023';
  end if;
  for attempt in 1..5 loop
    begin
      insert into public.cohorts (org_id, title, course_ids, language, capacity, join_code, lead_trainer,
                                  assistant_trainers, created_by)
        values (org, btrim(title), array(select distinct c from unnest(coalesce(course_ids, '{}')) c), language, capacity,
                private.new_join_code(), lead, helpers, caller)
        returning * into made;
      exit;
    exception when unique_violation then
      if attempt = 5 then raise; end if;
    end;
  end loop;
  perform private.audit('cohort.created', org, 'cohort', made.id::text, null,
    jsonb_build_object('title', made.title, 'courses', made.course_ids, 'lead', lead, 'assistants', helpers,
                       'capacity', made.capacity, 'language', made.language));
  return jsonb_build_object('id', made.id, 'join_code', made.join_code);
end
$$;

create function public.add_cohort_session(cohort uuid, starts_at timestamptz, ends_at timestamptz,
                                          venue text default null, online_url text default null) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  made uuid;
  org uuid;
begin
  if not private.runs_cohort((select auth.uid()), cohort) then
    raise exception 'you do not run this cohort' using errcode = '42501';
  end if;
  insert into public.cohort_sessions (cohort_id, starts_at, ends_at, venue, online_url)
    values (cohort, starts_at, ends_at, nullif(btrim(venue), ''), nullif(btrim(online_url), ''))
    returning id into made;
  select k.org_id into org from public.cohorts k where k.id = cohort;
  perform private.audit('cohort.session_added', org, 'cohort', cohort::text, null,
    jsonb_build_object('session', made, 'starts_at', starts_at, 'ends_at', ends_at));
  return made;
end
$$;

create function public.remove_cohort_member(cohort uuid, person uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  removed boolean;
begin
  if not private.runs_cohort((select auth.uid()), cohort) then
    raise exception 'you do not run this cohort' using errcode = '42501';
  end if;
  update public.cohort_members m set left_at = now(), removed_by = (select auth.uid())
    where m.cohort_id = cohort and m.user_id = person and m.left_at is null
    returning true into removed;
  if removed then
    perform private.audit('cohort.member_removed', (select k.org_id from public.cohorts k where k.id = cohort),
      'person', person::text, null, jsonb_build_object('cohort', cohort));
  end if;
end
$$;

-- The current check-in code of a session, for its trainer's screen (and when it turns).
create function public.current_check_in_code(session uuid) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  s public.cohort_sessions;
  step bigint := private.check_in_step(now());
begin
  select * into s from public.cohort_sessions x where x.id = session;
  if s.id is null or not private.runs_cohort((select auth.uid()), s.cohort_id) then
    raise exception 'you do not run this session' using errcode = '42501';
  end if;
  return jsonb_build_object('code', private.check_in_code(s.id, step), 'open', private.check_in_open(s, now()),
    'turns_at', to_timestamp((step + 1) * 60));
end
$$;

-- ---------------------------------------------------------------- learner writes
-- Join with the code a trainer read out or showed as a QR code. Idempotent: joining again
-- answers the same cohort. Anonymous accounts cannot join (a trainer must be able to reach a
-- real account, and attendance must follow the person).
create function public.join_cohort(code text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  k public.cohorts;
  m public.cohort_members;
  active int;
begin
  if caller is null or coalesce((select u.is_anonymous from auth.users u where u.id = caller), true) then
    raise exception 'sign in with an account to join a cohort' using errcode = '42501';
  end if;
  -- Locked so two last-seat joins cannot both pass the capacity check.
  select * into k from public.cohorts x where x.join_code = private.normalise_join_code(code) for update;
  if k.id is null then raise exception 'no cohort with this code' using errcode = 'P0002'; end if;
  select * into m from public.cohort_members x where x.cohort_id = k.id and x.user_id = caller;
  if m.cohort_id is not null and m.left_at is null then
    return jsonb_build_object('cohort_id', k.id, 'title', k.title, 'joined_at', m.joined_at, 'already', true);
  end if;
  if m.removed_by is not null then
    raise exception 'a trainer removed you from this cohort; ask them to add you again' using errcode = '42501';
  end if;
  select count(*) into active from public.cohort_members x where x.cohort_id = k.id and x.left_at is null;
  if active >= k.capacity then raise exception 'this cohort is full' using errcode = '53400'; end if;
  -- Rejoining after leaving starts a new membership: sessions in between were not theirs.
  insert into public.cohort_members (cohort_id, user_id) values (k.id, caller)
    on conflict (cohort_id, user_id) do update set joined_at = now(), left_at = null, removed_by = null
    returning * into m;
  perform private.audit('cohort.joined', k.org_id, 'person', caller::text, null, jsonb_build_object('cohort', k.id));
  return jsonb_build_object('cohort_id', k.id, 'title', k.title, 'joined_at', m.joined_at, 'already', false);
end
$$;

create function public.leave_cohort(cohort uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  left_it boolean;
begin
  update public.cohort_members m set left_at = now()
    where m.cohort_id = cohort and m.user_id = (select auth.uid()) and m.left_at is null
    returning true into left_it;
  if left_it then
    perform private.audit('cohort.left', (select k.org_id from public.cohorts k where k.id = cohort),
      'person', (select auth.uid())::text, null, jsonb_build_object('cohort', cohort));
  end if;
end
$$;

-- Self check-in with the code on the trainer's screen, during the session's window only.
create function public.check_in(session uuid, code text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  s public.cohort_sessions;
  m public.cohort_members;
  step bigint := private.check_in_step(now());
begin
  select * into s from public.cohort_sessions x where x.id = session;
  if caller is null or s.id is null then raise exception 'no such session' using errcode = 'P0002'; end if;
  select * into m from public.cohort_members x where x.cohort_id = s.cohort_id and x.user_id = caller and x.left_at is null;
  if m.cohort_id is null then raise exception 'you are not in this cohort' using errcode = '42501'; end if;
  if not private.check_in_open(s, now()) then
    raise exception 'check-in is open only during the session' using errcode = '22023', hint = 'closed';
  end if;
  if btrim(coalesce(code, '')) not in (private.check_in_code(s.id, step), private.check_in_code(s.id, step - 1)) then
    raise exception 'this code is wrong or has expired' using errcode = '22023', hint = 'bad_code';
  end if;
  insert into public.cohort_attendance (session_id, learner, status, source, marked_by)
    values (s.id, caller, 'present', 'check_in', caller)
    -- A valid code is proof of presence: it overrides an "absent" marked before they arrived.
    on conflict (session_id, learner) do update set status = 'present', source = 'check_in', marked_by = caller,
      marked_at = now()
    where cohort_attendance.status = 'absent';
  return jsonb_build_object('session', s.id, 'status',
    (select a.status from public.cohort_attendance a where a.session_id = s.id and a.learner = caller));
end
$$;

-- ---------------------------------------------------------------- attendance from events
-- A trainer's `attendance_marked` event, payload {session_id, learner, status}, made offline at
-- the venue, becomes one attendance row when it arrives. sync_push inserts an event once (the
-- id is the key), so this runs once per event; a later event for the same learner and session
-- (a correction) replaces the mark, an older one arriving late does not.
create function private.on_attendance_marked() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  s public.cohort_sessions;
  m public.cohort_members;
  who uuid;
  mark text := new.payload ->> 'status';
  reason text;
begin
  if (new.payload ->> 'session_id') ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    select * into s from public.cohort_sessions x where x.id = (new.payload ->> 'session_id')::uuid;
  end if;
  if (new.payload ->> 'learner') ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    who := (new.payload ->> 'learner')::uuid;
    select * into m from public.cohort_members x where x.cohort_id = s.cohort_id and x.user_id = who;
  end if;
  reason := case
    when s.id is null then 'unknown_session'
    when not private.runs_cohort(new.owner, s.cohort_id) then 'not_your_cohort'
    when m.cohort_id is null or m.left_at < s.starts_at then 'not_a_member'
    when mark is null or mark not in ('present', 'late', 'absent', 'excused') then 'bad_status'
    -- Late joiners are never marked for sessions that ended before they joined.
    when s.ends_at < m.joined_at then 'before_joined'
  end;
  if reason is not null then
    insert into public.attendance_refusals (event_id, owner, reason) values (new.id, new.owner, reason)
      on conflict do nothing;
    return null;
  end if;
  insert into public.cohort_attendance as a (session_id, learner, status, source, marked_by, event_id, event_seq, marked_at)
    values (s.id, who, mark, 'trainer', new.owner, new.id, new.seq, new.server_ts)
    on conflict (session_id, learner) do update set status = excluded.status, source = 'trainer',
      marked_by = excluded.marked_by, event_id = excluded.event_id, event_seq = excluded.event_seq,
      marked_at = excluded.marked_at
    where coalesce(a.event_seq, 0) < excluded.event_seq;
  return null;
exception when others then
  -- Never fail the trainer's whole sync batch over one mark: record it and keep syncing.
  raise warning 'attendance % failed: %', new.id, sqlerrm;
  insert into public.attendance_refusals (event_id, owner, reason) values (new.id, new.owner, 'error')
    on conflict do nothing;
  return null;
end
$$;
create trigger record_attendance_marked after insert on public.learner_events
  for each row when (new.type = 'attendance_marked') execute function private.on_attendance_marked();

-- ---------------------------------------------------------------- the trainer's roster
-- Practice quizzes have no pass mark of their own; under this score counts as "failed".
create function private.quiz_fail_below() returns numeric language sql immutable set search_path = '' as $$ select 50::numeric $$;

-- One row per current member: name and attendance for everyone (the cohort's own records),
-- and progress, quiz results and last sync only for those who share progress (consent read
-- now). Sorted so the trainer calls first whoever needs help. One query, set-based, so a
-- cohort of 300 with 100,000 events is one pass over the members' event index.
create function public.cohort_roster(cohort uuid)
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
  ev as (
    select e.owner, max(e.server_ts) as last_at
    from public.learner_events e
    where e.owner in (select mem.user_id from mem where mem.shares)
    group by e.owner
  ),
  fails as (
    -- The same quiz failed at least twice and never passed since.
    select e.owner, array_agg(distinct e.course_id || '/' || e.lesson_id) as quizzes
    from public.learner_events e
    where e.owner in (select mem.user_id from mem where mem.shares) and e.type = 'quiz_completed'
    group by e.owner, e.course_id, e.lesson_id
    having count(*) filter (where private.score_of(e.payload) < private.quiz_fail_below()) >= 2
       and coalesce(max(private.score_of(e.payload)), 0) < private.quiz_fail_below()
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

-- The cohorts a learner is in, with what they need to show "My cohorts" (no other members).
create function public.my_cohorts() returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', k.id, 'title', k.title, 'language', k.language,
    'courses', k.course_ids, 'joined_at', m.joined_at,
    'unit', o.names, 'next_session', (select jsonb_build_object('id', s.id, 'starts_at', s.starts_at, 'ends_at', s.ends_at,
        'venue', s.venue, 'online_url', s.online_url) from public.cohort_sessions s
        where s.cohort_id = k.id and s.ends_at >= now() order by s.starts_at limit 1)) order by m.joined_at desc), '[]'::jsonb)
  from public.cohort_members m
  join public.cohorts k on k.id = m.cohort_id
  join public.organisations o on o.id = k.org_id
  where m.user_id = (select auth.uid()) and m.left_at is null
$$;

-- What a code opens, before joining: the cohort's title, unit and trainer's name, so the join
-- screen can say who will see what. Reveals nothing a person holding the code was not told.
create function public.cohort_by_code(code text) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object('title', k.title, 'language', k.language, 'courses', k.course_ids, 'unit', o.names,
    'trainer', p.display_name)
  from public.cohorts k
  join public.organisations o on o.id = k.org_id
  left join public.profiles p on p.id = k.lead_trainer
  where (select auth.uid()) is not null and k.join_code = private.normalise_join_code(cohort_by_code.code)
$$;

revoke all on function public.create_cohort(uuid, text, text[], text, int, uuid, uuid[]) from public, anon;
revoke all on function public.add_cohort_session(uuid, timestamptz, timestamptz, text, text) from public, anon;
revoke all on function public.remove_cohort_member(uuid, uuid) from public, anon;
revoke all on function public.current_check_in_code(uuid) from public, anon;
revoke all on function public.join_cohort(text) from public, anon;
revoke all on function public.leave_cohort(uuid) from public, anon;
revoke all on function public.check_in(uuid, text) from public, anon;
revoke all on function public.cohort_roster(uuid) from public, anon;
revoke all on function public.my_cohorts() from public, anon;
revoke all on function public.cohort_by_code(text) from public, anon;
grant execute on function public.create_cohort(uuid, text, text[], text, int, uuid, uuid[]) to authenticated;
grant execute on function public.add_cohort_session(uuid, timestamptz, timestamptz, text, text) to authenticated;
grant execute on function public.remove_cohort_member(uuid, uuid) to authenticated;
grant execute on function public.current_check_in_code(uuid) to authenticated;
grant execute on function public.join_cohort(text) to authenticated;
grant execute on function public.leave_cohort(uuid) to authenticated;
grant execute on function public.check_in(uuid, text) to authenticated;
grant execute on function public.cohort_roster(uuid) to authenticated;
grant execute on function public.my_cohorts() to authenticated;
grant execute on function public.cohort_by_code(text) to authenticated;

revoke all on all functions in schema private from public, anon, authenticated;
