-- Seekh core: course catalogue, profiles, roles, the learner-event log and server-derived
-- progress. Runs unchanged on hosted Supabase and on the local stack (which first runs
-- supabase/local/bootstrap.sql to create what the platform provides).

-- Internal helpers live outside the schemas PostgREST exposes.
create schema if not exists private;
revoke all on schema private from public, anon, authenticated;

-- ---------------------------------------------------------------- catalogue (public)
-- Filled from courses/*/course.yaml by `npm run db:seed` (supabase/seed.sql).
create table public.courses (
  id text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  programme text not null check (programme in ('awareness', 'skills', 'public-sector', 'trainers', 'inclusion')),
  assessment text not null check (assessment in ('practice', 'final')),
  lesson_count int not null default 0
);

create table public.lessons (
  course_id text not null references public.courses (id) on delete cascade,
  id text not null check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  position int not null,
  primary key (course_id, id)
);

alter table public.courses enable row level security;
alter table public.lessons enable row level security;
create policy "catalogue is public" on public.courses for select to anon, authenticated using (true);
create policy "catalogue is public" on public.lessons for select to anon, authenticated using (true);
revoke insert, update, delete, truncate on public.courses, public.lessons from anon, authenticated;

-- ---------------------------------------------------------------- profiles
-- Gender and disability are optional and self-described, kept only for programme monitoring.
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text check (char_length(display_name) <= 120),
  preferred_language text check (preferred_language in ('en', 'ur', 'pa-Arab', 'sd', 'ps', 'bal', 'skr')),
  province text check (province in ('punjab', 'sindh', 'khyber-pakhtunkhwa', 'balochistan', 'islamabad',
                                    'gilgit-baltistan', 'azad-kashmir')),
  district text check (char_length(district) <= 80),
  gender text check (char_length(gender) <= 60),
  disability text check (char_length(disability) <= 200),
  consent_terms boolean not null default false,
  consent_progress_sharing boolean not null default false,
  consent_programme_statistics boolean not null default false,
  consent_contact boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

alter table public.profiles enable row level security;
create policy "learner reads own profile" on public.profiles for select to authenticated
  using ((select auth.uid()) = id);
create policy "learner creates own profile" on public.profiles for insert to authenticated
  with check ((select auth.uid()) = id);
create policy "learner edits own profile" on public.profiles for update to authenticated
  using ((select auth.uid()) = id) with check ((select auth.uid()) = id);
revoke all on public.profiles from anon;
revoke delete, truncate on public.profiles from authenticated;

create function private.touch_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$ begin new.updated_at := now(); return new; end $$;
create trigger profiles_updated_at before update on public.profiles
  for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------- roles (for later capabilities)
create table public.user_roles (
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('trainer', 'organisation_admin', 'assessor', 'partner', 'coe_admin')),
  -- What the role covers, e.g. an organisation or centre id; '' = everywhere.
  scope text not null default '',
  granted_at timestamptz not null default now(),
  granted_by uuid references auth.users (id) on delete set null,
  primary key (user_id, role, scope)
);

alter table public.user_roles enable row level security;
create policy "user reads own roles" on public.user_roles for select to authenticated
  using ((select auth.uid()) = user_id);
-- Granted by the service role only (it bypasses RLS); no write policy for anyone else.
revoke all on public.user_roles from anon;
revoke insert, update, delete, truncate on public.user_roles from authenticated;

-- Security definer so policies on other tables can call it without reading user_roles via RLS.
create function public.has_role(wanted text, in_scope text default '') returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.user_roles r
    where r.user_id = (select auth.uid()) and r.role = wanted and (r.scope = '' or r.scope = in_scope)
  )
$$;
revoke all on function public.has_role(text, text) from public, anon;
grant execute on function public.has_role(text, text) to authenticated, service_role;

-- ---------------------------------------------------------------- learner events (append-only)
create table public.learner_events (
  id uuid primary key,
  -- The pull cursor: strictly increasing, assigned by the server. Per learner, pushes are
  -- serialised (advisory lock in sync_push), so commit order equals seq order.
  seq bigint generated always as identity unique,
  owner uuid not null references auth.users (id) on delete cascade,
  device_id uuid not null,
  type text not null check (type in ('lesson_opened', 'lesson_completed', 'quiz_answered', 'quiz_completed',
    'exercise_completed', 'assessment_started', 'assessment_answered', 'assessment_submitted',
    'attendance_marked', 'setting_changed')),
  v smallint not null default 1,
  course_id text references public.courses (id),
  lesson_id text,
  payload jsonb not null default '{}'::jsonb check (jsonb_typeof(payload) = 'object'),
  -- Device time, for display only. Order and judge by seq and server_ts.
  client_ts timestamptz,
  server_ts timestamptz not null default now(),
  foreign key (course_id, lesson_id) references public.lessons (course_id, id)
);
create index learner_events_owner_seq on public.learner_events (owner, seq);
create index learner_events_owner_course on public.learner_events (owner, course_id);

alter table public.learner_events enable row level security;
create policy "learner reads own events" on public.learner_events for select to authenticated
  using ((select auth.uid()) = owner);
-- Written only through sync_push; never edited or deleted by a learner.
revoke all on public.learner_events from anon;
revoke insert, update, delete, truncate on public.learner_events from authenticated;

-- ---------------------------------------------------------------- derived progress
-- The same rules as src/lib/events/progress.ts (tested against shared fixtures).
create table public.course_progress (
  owner uuid not null references auth.users (id) on delete cascade,
  course_id text not null references public.courses (id) on delete cascade,
  lessons jsonb not null default '{}'::jsonb,
  completed_count int not null default 0,
  last_lesson_id text,
  updated_at timestamptz not null default now(),
  primary key (owner, course_id)
);

alter table public.course_progress enable row level security;
create policy "learner reads own progress" on public.course_progress for select to authenticated
  using ((select auth.uid()) = owner);
revoke all on public.course_progress from anon;
revoke insert, update, delete, truncate on public.course_progress from authenticated;

-- A quiz score read the way JavaScript's Number() reads it in progress.ts.
create function private.score_of(p jsonb) returns numeric
language sql immutable
set search_path = ''
as $$
  select case jsonb_typeof(p -> 'score')
    when 'number' then (p ->> 'score')::numeric
    when 'string' then case
      when trim(p ->> 'score') = '' then 0
      when trim(p ->> 'score') ~ '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$' then trim(p ->> 'score')::numeric
    end
    when 'null' then 0
    when 'boolean' then case when (p ->> 'score')::boolean then 1 else 0 end
  end
$$;

create function private.derive_course_progress(p_owner uuid, p_course text) returns void
language sql
set search_path = ''
as $$
  with ev as (
    select e.id, e.lesson_id, e.type,
      case when e.type = 'quiz_completed' then private.score_of(e.payload) end as score
    from public.learner_events e
    where e.owner = p_owner and e.course_id = p_course and e.lesson_id is not null
  ),
  per_lesson as (
    select l.id as lesson_id,
      coalesce(bool_or(ev.type in ('lesson_opened', 'lesson_completed')), false) as opened,
      coalesce(bool_or(ev.type = 'lesson_completed'), false) as completed,
      case when count(ev.score) > 0 then greatest(max(ev.score), 0) end as best
    from public.lessons l left join ev on ev.lesson_id = l.id
    where l.course_id = p_course
    group by l.id
  )
  insert into public.course_progress as cp (owner, course_id, lessons, completed_count, last_lesson_id, updated_at)
  select p_owner, p_course,
    coalesce((select jsonb_object_agg(lesson_id, jsonb_build_object('opened', opened, 'completed', completed,
      'bestQuizScore', best)) from per_lesson), '{}'::jsonb),
    (select count(*) from per_lesson where completed),
    (select ev.lesson_id from ev where ev.type = 'lesson_opened' order by ev.id desc limit 1),
    now()
  on conflict (owner, course_id) do update set lessons = excluded.lessons,
    completed_count = excluded.completed_count, last_lesson_id = excluded.last_lesson_id, updated_at = now()
$$;
