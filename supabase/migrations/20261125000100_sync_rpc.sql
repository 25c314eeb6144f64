-- Sync as two RPCs (docs/sync.md): one call per batch, one transaction per call.
-- sync_push inserts idempotently (the event id is the key; on conflict do nothing), so a retry
-- after a lost response creates no duplicate. sync_pull pages a learner's events by seq.

-- Reads a client timestamp without letting a malformed one abort the whole batch.
create function private.try_timestamptz(t text) returns timestamptz
language plpgsql immutable
set search_path = ''
as $$
begin
  return t::timestamptz;
exception when others then
  return null;
end
$$;

-- Milliseconds since the epoch in a UUIDv7's first 48 bits.
create function private.uuidv7_ms(id text) returns bigint
language sql immutable
set search_path = ''
as $$ select ('x' || lpad(substr(replace(id, '-', ''), 1, 12), 16, '0'))::bit(64)::bigint $$;

-- Turns either wire form into rows: a plain array of event objects, or the compact columnar
-- batch the app sends ({f: 1, owner, devices, types, courses, lessons, rows}).
create function private.sync_rows(batch jsonb)
returns table (n bigint, id text, owner text, device_id text, type text, v int, course_id text,
               lesson_id text, payload jsonb, client_ts timestamptz)
language sql stable
set search_path = ''
as $$
  select r.n, r.e ->> 'id', r.e ->> 'owner', r.e ->> 'device_id', r.e ->> 'type',
    case when jsonb_typeof(r.e -> 'v') = 'number' then (r.e ->> 'v')::numeric::int end,
    r.e ->> 'course_id', r.e ->> 'lesson_id', coalesce(r.e -> 'payload', '{}'::jsonb),
    private.try_timestamptz(r.e ->> 'client_ts')
  from jsonb_array_elements(case when jsonb_typeof(batch) = 'array' then batch else '[]'::jsonb end)
    with ordinality as r(e, n)
  union all
  select r.n, r.e ->> 0, batch ->> 'owner', batch -> 'devices' ->> (r.e ->> 6)::int,
    batch -> 'types' ->> (r.e ->> 1)::int, coalesce((r.e ->> 7)::int, 1),
    case when (r.e ->> 2)::int >= 0 then batch -> 'courses' ->> (r.e ->> 2)::int end,
    case when (r.e ->> 3)::int >= 0 then batch -> 'lessons' ->> (r.e ->> 3)::int end,
    case when jsonb_typeof(r.e -> 4) = 'object' then r.e -> 4 when r.e -> 4 = '0'::jsonb then '{}'::jsonb end,
    case when r.e ->> 0 ~ '^[0-9a-f]{8}-' and jsonb_typeof(r.e -> 5) = 'number'
      then to_timestamp((private.uuidv7_ms(r.e ->> 0) + (r.e ->> 5)::numeric) / 1000.0) end
  from jsonb_array_elements(case when jsonb_typeof(batch) = 'object' then coalesce(batch -> 'rows', '[]'::jsonb)
                                 else '[]'::jsonb end) with ordinality as r(e, n)
$$;

create function public.sync_push(events jsonb) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  size int;
  verdict jsonb;
  course text;
begin
  if caller is null then
    raise exception 'sign in to sync' using errcode = '42501';
  end if;
  size := case jsonb_typeof(events)
    when 'array' then jsonb_array_length(events)
    when 'object' then case when jsonb_typeof(events -> 'rows') = 'array' then jsonb_array_length(events -> 'rows') end
  end;
  if size is null then
    raise exception 'events must be an array of events or a columnar batch' using errcode = '22023';
  end if;
  if size > 1000 then
    -- PostgREST answers PTxyz as HTTP xyz: 413 tells the client to split the batch.
    raise exception 'batch of % events is over the limit of 1000', size using errcode = 'PT413';
  end if;
  -- One writer per learner at a time, so seq order is commit order for the pull cursor.
  perform pg_advisory_xact_lock(hashtextextended(caller::text, 0));

  with raw as (
    select s.*, case when s.id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
                     then s.id::uuid end as uid
    from private.sync_rows(events) s
  ),
  checked as (
    select raw.*, case
      when raw.uid is null then 'invalid_id'
      when raw.owner is distinct from caller::text then 'owner_mismatch'
      when raw.device_id is null or raw.device_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        then 'invalid_device'
      when raw.type is null or raw.type not in ('lesson_opened', 'lesson_completed', 'quiz_answered',
        'quiz_completed', 'exercise_completed', 'assessment_started', 'assessment_answered',
        'assessment_submitted', 'attendance_marked', 'setting_changed') then 'unknown_type'
      when raw.v is distinct from 1 then 'unsupported_version'
      when raw.payload is null or jsonb_typeof(raw.payload) <> 'object' then 'payload_not_object'
      when octet_length(raw.payload::text) > 4096 then 'payload_too_large'
      when raw.type in ('lesson_opened', 'lesson_completed', 'quiz_answered', 'quiz_completed')
        and (raw.course_id is null or raw.lesson_id is null) then 'missing_lesson'
      when raw.lesson_id is not null and raw.course_id is null then 'missing_course'
      when raw.course_id is not null and not exists (select 1 from public.courses c where c.id = raw.course_id)
        then 'unknown_course'
      when raw.lesson_id is not null and not exists (
        select 1 from public.lessons l where l.course_id = raw.course_id and l.id = raw.lesson_id) then 'unknown_lesson'
    end as reason
    from raw
  ),
  ins as (
    insert into public.learner_events (id, owner, device_id, type, v, course_id, lesson_id, payload, client_ts)
    select c.uid, caller, c.device_id::uuid, c.type, c.v, c.course_id, c.lesson_id, c.payload, c.client_ts
    from checked c where c.reason is null
    order by c.n
    on conflict (id) do nothing
    returning id, course_id
  ),
  judged as (
    select c.n, c.id, coalesce(c.reason, case
      when exists (select 1 from ins where ins.id = c.uid) then null
      -- Already stored: a retry of a batch whose answer was lost. Accepted, not duplicated.
      when exists (select 1 from public.learner_events e where e.id = c.uid and e.owner = caller) then null
      else 'id_taken' end) as reason
    from checked c
  )
  select jsonb_build_object(
    'accepted', coalesce((select jsonb_agg(j.id order by j.n) from judged j where j.reason is null), '[]'::jsonb),
    'rejected', coalesce((select jsonb_agg(jsonb_build_object('id', j.id, 'reason', j.reason) order by j.n)
                          from judged j where j.reason is not null), '[]'::jsonb),
    'courses', coalesce((select jsonb_agg(distinct ins.course_id) from ins where ins.course_id is not null), '[]'::jsonb)
  ) into verdict;

  for course in select jsonb_array_elements_text(verdict -> 'courses') loop
    perform private.derive_course_progress(caller, course);
  end loop;

  return (verdict - 'courses') || jsonb_build_object('cursor',
    (select coalesce(max(e.seq), 0) from public.learner_events e where e.owner = caller));
end
$$;

create function public.sync_pull(since bigint default 0, device_id uuid default null, page_size int default 500)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  lim int := least(greatest(coalesce(page_size, 500), 1), 1000);
begin
  if caller is null then
    raise exception 'sign in to sync' using errcode = '42501';
  end if;
  -- The cursor moves past this device's own events too; only other devices' come back.
  return (
    with page as (
      select e.* from public.learner_events e
      where e.owner = caller and e.seq > coalesce(since, 0)
      order by e.seq
      limit lim
    )
    select jsonb_build_object(
      'events', coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'v', p.v, 'owner', p.owner,
        'device_id', p.device_id, 'type', p.type, 'course_id', p.course_id, 'lesson_id', p.lesson_id,
        'payload', p.payload, 'client_ts', p.client_ts, 'seq', p.seq, 'server_ts', p.server_ts) order by p.seq)
        filter (where p.device_id is distinct from sync_pull.device_id), '[]'::jsonb),
      'cursor', coalesce(max(p.seq), coalesce(since, 0)),
      'more', count(*) = lim)
    from page p
  );
end
$$;

revoke all on function public.sync_push(jsonb) from public, anon;
revoke all on function public.sync_pull(bigint, uuid, int) from public, anon;
grant execute on function public.sync_push(jsonb) to authenticated, service_role;
grant execute on function public.sync_pull(bigint, uuid, int) to authenticated, service_role;
revoke all on all functions in schema private from public, anon, authenticated;
