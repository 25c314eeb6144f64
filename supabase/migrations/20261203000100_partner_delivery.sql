-- Outbound delivery to partners (issue 14, docs/partner-webhooks.md): a partner organisation
-- (kind 'partner') receives signed webhooks and xAPI statements about ITS learners only —
-- members of its unit or any unit below it who share their progress
-- (profiles.consent_progress_sharing; docs/roles.md, partner_admin column).
--
-- Facts are enqueued here, in SQL, by triggers on the tables where they land (course_progress,
-- assessment_results, learner_events, certificates), one row per (destination, fact) under a
-- unique key, so a sync retry, a re-graded batch or a second lesson_completed changes nothing.
-- The worker (scripts/partner-delivery/) claims due rows with a lease, sends, and reports each
-- attempt; the retry schedule (about 3 days) lives in scripts/partner-delivery/schedule.js.

-- ---------------------------------------------------------------- who a partner hears about
-- The partner organisations (kind 'partner', at or above one of the learner's units) that may
-- hear about this learner now: consent is read at call time, so turning sharing off stops
-- everything not yet sent (the claim below asks again).
create function private.partner_orgs_for(learner uuid) returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select distinct c.ancestor
  from public.organisation_members m
  join public.organisation_closure c on c.descendant = m.org_id
  join public.organisations o on o.id = c.ancestor and o.kind = 'partner'
  join public.profiles p on p.id = m.user_id and p.consent_progress_sharing
  where m.user_id = learner
$$;

create function private.partner_reaches(org uuid, learner uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$ select exists (select 1 from private.partner_orgs_for(learner) x where x = org) $$;

-- How a partner knows this learner: its own id (OneRoster sourcedId) once the roster import
-- records one, else the Seekh account id. Never CNIC (Seekh stores none), never an email.
-- The roster import (partner API) replaces this body to look up its mapping table.
create function private.partner_learner_ref(org uuid, learner uuid) returns jsonb
language sql stable security definer
set search_path = ''
as $$ select jsonb_build_object('id', learner::text, 'idType', 'seekh') $$;

-- ---------------------------------------------------------------- configuration
create table public.partner_webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  -- No user:password@ in the URL (secrets go in the signing secret); http only where the worker
  -- allows it (PARTNER_DELIVERY_ALLOW_PRIVATE, local development and tests).
  url text not null check (char_length(url) <= 2000 and url ~ '^https?://[^\s/?#@]+(/[^\s]*)?$'),
  event_types text[] not null check (cardinality(event_types) between 1 and 3
    and event_types <@ array['learner.completed', 'certificate.issued', 'certificate.revoked']),
  description text check (char_length(description) <= 200),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  secret_rotated_at timestamptz not null default now(),
  -- Removed endpoints stay, so their delivery log stays readable; nothing new is queued.
  removed_at timestamptz
);
create index partner_webhook_endpoints_org on public.partner_webhook_endpoints (org_id) where removed_at is null;

-- Signing secrets (Standard Webhooks `whsec_` + base64 of 32 random bytes): never readable by
-- any client role; shown once by the function that makes them; read by the worker's claim.
create table private.partner_webhook_secrets (
  endpoint_id uuid primary key references public.partner_webhook_endpoints (id) on delete cascade,
  secret text not null
);

-- One learning record store per partner organisation.
create table public.partner_lrs (
  org_id uuid primary key references public.organisations (id) on delete cascade,
  endpoint text not null check (char_length(endpoint) <= 2000 and endpoint ~ '^https?://[^\s/?#@]+(/[^\s]*)?$'),
  updated_by uuid references auth.users (id) on delete set null,
  updated_at timestamptz not null default now(),
  credentials_set_at timestamptz not null default now(),
  removed_at timestamptz
);

-- Basic credentials for the LRS: write-only (no function returns them to a person).
create table private.partner_lrs_credentials (
  org_id uuid primary key references public.partner_lrs (org_id) on delete cascade,
  username text not null check (char_length(username) between 1 and 200),
  password text not null check (char_length(password) between 1 and 500)
);

-- ---------------------------------------------------------------- deliveries
create table public.partner_deliveries (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  channel text not null check (channel in ('webhook', 'xapi')),
  -- The webhook endpoint, or for xAPI the organisation (its one LRS).
  destination uuid not null,
  endpoint_id uuid references public.partner_webhook_endpoints (id) on delete cascade,
  event_type text not null check (event_type in ('learner.completed', 'certificate.issued', 'certificate.revoked',
    'lesson.completed', 'assessment.passed', 'assessment.failed', 'certificate.earned')),
  -- What makes the fact one fact: a learner completes a course once, a lesson once, an attempt
  -- is graded once, a certificate is issued and revoked once.
  subject_key text not null,
  -- The source row's id (learner event, graded attempt, certificate): xAPI statement ids are
  -- derived from it (UUID v5), so a resend is idempotent at the LRS too.
  source_id uuid not null,
  learner uuid not null references auth.users (id) on delete cascade,
  occurred_at timestamptz not null,
  -- The payload's data, fixed when queued, so every attempt sends the same bytes' meaning.
  data jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed', 'cancelled')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_status int,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  check ((channel = 'webhook') = (event_type in ('learner.completed', 'certificate.issued', 'certificate.revoked'))),
  check ((channel = 'webhook') = (endpoint_id is not null)),
  unique (destination, event_type, subject_key)
);
create index partner_deliveries_due on public.partner_deliveries (next_attempt_at) where status = 'pending';
create index partner_deliveries_org_log on public.partner_deliveries (org_id, created_at desc, id desc);

-- Every attempt, for the delivery log.
create table public.partner_delivery_attempts (
  id bigint generated always as identity primary key,
  delivery_id uuid not null references public.partner_deliveries (id) on delete cascade,
  org_id uuid not null,
  at timestamptz not null default now(),
  ok boolean not null,
  response_status int,
  error text check (char_length(error) <= 500)
);
create index partner_delivery_attempts_delivery on public.partner_delivery_attempts (delivery_id, at);

-- ---------------------------------------------------------------- RLS: a partner_admin reads their own
alter table public.partner_webhook_endpoints enable row level security;
alter table public.partner_lrs enable row level security;
alter table public.partner_deliveries enable row level security;
alter table public.partner_delivery_attempts enable row level security;
alter table private.partner_webhook_secrets enable row level security;
alter table private.partner_lrs_credentials enable row level security;

create policy "partner admins read their endpoints" on public.partner_webhook_endpoints for select to authenticated
  using (org_id in (select public.orgs_with_role('partner_admin')));
create policy "partner admins read their LRS" on public.partner_lrs for select to authenticated
  using (org_id in (select public.orgs_with_role('partner_admin')));
create policy "partner admins read their deliveries" on public.partner_deliveries for select to authenticated
  using (org_id in (select public.orgs_with_role('partner_admin')));
create policy "partner admins read their attempts" on public.partner_delivery_attempts for select to authenticated
  using (org_id in (select public.orgs_with_role('partner_admin')));
revoke all on public.partner_webhook_endpoints, public.partner_lrs, public.partner_deliveries,
  public.partner_delivery_attempts from anon;
revoke insert, update, delete, truncate on public.partner_webhook_endpoints, public.partner_lrs,
  public.partner_deliveries, public.partner_delivery_attempts from authenticated;

-- ---------------------------------------------------------------- enqueue
-- Queues one fact for every destination of every partner that may hear about the learner and
-- asked for this kind of event. The unique key drops repeats.
create function private.partner_enqueue(p_learner uuid, p_type text, p_subject text, p_source uuid,
                                        p_at timestamptz, p_data jsonb) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if p_type in ('learner.completed', 'certificate.issued', 'certificate.revoked') then
    insert into public.partner_deliveries (org_id, channel, destination, endpoint_id, event_type, subject_key,
                                           source_id, learner, occurred_at, data)
    select e.org_id, 'webhook', e.id, e.id, p_type, p_subject, p_source, p_learner, p_at,
      p_data || jsonb_build_object('learner', private.partner_learner_ref(e.org_id, p_learner))
    from private.partner_orgs_for(p_learner) r
    join public.partner_webhook_endpoints e on e.org_id = r and e.removed_at is null and p_type = any (e.event_types)
    on conflict (destination, event_type, subject_key) do nothing;
  else
    insert into public.partner_deliveries (org_id, channel, destination, endpoint_id, event_type, subject_key,
                                           source_id, learner, occurred_at, data)
    select l.org_id, 'xapi', l.org_id, null, p_type, p_subject, p_source, p_learner, p_at,
      p_data || jsonb_build_object('learner', private.partner_learner_ref(l.org_id, p_learner))
    from private.partner_orgs_for(p_learner) r
    join public.partner_lrs l on l.org_id = r and l.removed_at is null
    on conflict (destination, event_type, subject_key) do nothing;
  end if;
end
$$;

-- Cheap guard for the hot paths (every sync push touches course_progress): nothing to do
-- while no partner has configured anything.
create function private.partner_delivery_configured() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (select 1 from public.partner_webhook_endpoints e where e.removed_at is null)
      or exists (select 1 from public.partner_lrs l where l.removed_at is null)
$$;

-- A course is completed by its own rule (private.course_done_at: the passed final assessment,
-- or every lesson); queued once per learner and course.
create function private.partner_on_completion(p_owner uuid, p_course text) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  done timestamptz := private.course_done_at(p_owner, p_course);
begin
  if done is null then return; end if;
  perform private.partner_enqueue(p_owner, 'learner.completed', p_owner || ':' || p_course,
    -- Stable per learner and course (v5-style ids are made from it by the worker).
    md5('completed:' || p_owner || ':' || p_course)::uuid, done,
    jsonb_build_object('course', jsonb_build_object('id', p_course), 'completedAt', done));
end
$$;

create function private.partner_progress_changed() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if private.partner_delivery_configured() then
    perform private.partner_on_completion(new.owner, new.course_id);
  end if;
  return null;
end
$$;
create trigger partner_progress_changed after insert or update of completed_count on public.course_progress
  for each row execute function private.partner_progress_changed();

create function private.partner_lesson_completed() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if private.partner_delivery_configured() then
    perform private.partner_enqueue(new.owner, 'lesson.completed',
      new.owner || ':' || new.course_id || ':' || new.lesson_id, new.id, new.server_ts,
      jsonb_build_object('course', jsonb_build_object('id', new.course_id),
                         'lesson', jsonb_build_object('id', new.lesson_id)));
  end if;
  return null;
end
$$;
create trigger partner_lesson_completed after insert on public.learner_events
  for each row when (new.type = 'lesson_completed') execute function private.partner_lesson_completed();

create function private.partner_assessment_graded() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if not private.partner_delivery_configured() then return null; end if;
  perform private.partner_enqueue(new.owner, 'assessment.' || new.status, new.event_id::text, new.event_id,
    new.graded_at, jsonb_build_object('course', jsonb_build_object('id', new.course_id),
      'score', new.score, 'passMark', new.pass_mark, 'success', new.status = 'passed'));
  if new.status = 'passed' then perform private.partner_on_completion(new.owner, new.course_id); end if;
  return null;
end
$$;
-- Rejected submissions (replays, forgeries) are not attempts and are not reported.
create trigger partner_assessment_graded after insert on public.assessment_results
  for each row when (new.status in ('passed', 'failed')) execute function private.partner_assessment_graded();

create function private.partner_certificate_changed() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  cert jsonb := jsonb_build_object('code', new.code, 'centre', new.centre, 'issuedAt', new.issued_at);
  course jsonb := jsonb_build_object('id', new.course_id);
begin
  if not private.partner_delivery_configured() then return null; end if;
  if tg_op = 'INSERT' then
    perform private.partner_enqueue(new.owner, 'certificate.issued', new.id::text, new.id, new.issued_at,
      jsonb_build_object('course', course, 'certificate', cert));
    perform private.partner_enqueue(new.owner, 'certificate.earned', new.id::text, new.id, new.issued_at,
      jsonb_build_object('course', course, 'certificate', cert));
  elsif new.revoked_at is not null and old.revoked_at is null then
    -- The reason is the admin's note and may name people: partners get the fact and the date.
    perform private.partner_enqueue(new.owner, 'certificate.revoked', new.id::text, new.id, new.revoked_at,
      jsonb_build_object('course', course, 'certificate', cert || jsonb_build_object('revokedAt', new.revoked_at)));
  end if;
  return null;
end
$$;
create trigger partner_certificate_changed after insert or update of revoked_at on public.certificates
  for each row execute function private.partner_certificate_changed();

-- ---------------------------------------------------------------- staff writes (audited)
create function private.partner_admin_of(org uuid) returns void
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if (select auth.uid()) is null or not public.has_role_in(org, 'partner_admin') then
    raise exception 'you are not a partner administrator of this organisation' using errcode = '42501';
  end if;
  if not exists (select 1 from public.organisations o where o.id = org and o.kind = 'partner') then
    raise exception 'deliveries are configured on a partner organisation' using errcode = '22023';
  end if;
end
$$;

-- 32 random bytes from two v4 UUIDs (244 random bits; gen_random_uuid uses the strong RNG), so
-- no extension is needed on any backend.
create function private.new_webhook_secret() returns text
language sql volatile
set search_path = ''
as $$ select 'whsec_' || encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), 'base64') $$;

-- Adds an endpoint; returns its id and signing secret. The secret is shown this once.
create function public.add_partner_webhook(org uuid, url text, event_types text[], description text default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  created uuid;
  fresh text := private.new_webhook_secret();
begin
  perform private.partner_admin_of(org);
  if (select count(*) from public.partner_webhook_endpoints e where e.org_id = org and e.removed_at is null) >= 10 then
    raise exception 'at most 10 endpoints per organisation' using errcode = '23514';
  end if;
  insert into public.partner_webhook_endpoints (org_id, url, event_types, description, created_by)
    values (org, btrim(url), array(select distinct x from unnest(event_types) x order by x),
            nullif(btrim(description), ''), (select auth.uid()))
    returning id into created;
  insert into private.partner_webhook_secrets (endpoint_id, secret) values (created, fresh);
  perform private.audit('partner.webhook_added', org, 'webhook_endpoint', created::text, null,
    jsonb_build_object('url', btrim(url), 'event_types', event_types));
  return jsonb_build_object('id', created, 'secret', fresh);
end
$$;

create function public.rotate_partner_webhook_secret(endpoint uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  org uuid;
  fresh text := private.new_webhook_secret();
begin
  select e.org_id into org from public.partner_webhook_endpoints e where e.id = endpoint and e.removed_at is null;
  if org is null then raise exception 'no such endpoint' using errcode = '42501'; end if;
  perform private.partner_admin_of(org);
  update private.partner_webhook_secrets s set secret = fresh where s.endpoint_id = endpoint;
  update public.partner_webhook_endpoints set secret_rotated_at = now() where id = endpoint;
  perform private.audit('partner.webhook_secret_rotated', org, 'webhook_endpoint', endpoint::text, null, null);
  return jsonb_build_object('id', endpoint, 'secret', fresh);
end
$$;

create function public.remove_partner_webhook(endpoint uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  ep public.partner_webhook_endpoints;
begin
  select * into ep from public.partner_webhook_endpoints e where e.id = endpoint and e.removed_at is null;
  if ep.id is null then raise exception 'no such endpoint' using errcode = '42501'; end if;
  perform private.partner_admin_of(ep.org_id);
  update public.partner_webhook_endpoints set removed_at = now() where id = endpoint;
  update public.partner_deliveries d set status = 'cancelled', locked_until = null
    where d.endpoint_id = endpoint and d.status = 'pending';
  perform private.audit('partner.webhook_removed', ep.org_id, 'webhook_endpoint', endpoint::text,
    jsonb_build_object('url', ep.url, 'event_types', ep.event_types), null);
end
$$;

-- Saves the LRS. Credentials are required the first time; later, leaving them empty keeps the
-- saved ones. They are never returned.
create function public.save_partner_lrs(org uuid, endpoint text, username text default null,
                                        password text default null) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  before public.partner_lrs;
  new_creds boolean := nullif(username, '') is not null and nullif(password, '') is not null;
begin
  perform private.partner_admin_of(org);
  select * into before from public.partner_lrs l where l.org_id = org;
  if not new_creds and (before.org_id is null or before.removed_at is not null) then
    raise exception 'the LRS needs a username and a password' using errcode = '23502';
  end if;
  insert into public.partner_lrs (org_id, endpoint, updated_by)
    values (org, btrim(endpoint), (select auth.uid()))
    on conflict (org_id) do update set endpoint = excluded.endpoint, updated_by = excluded.updated_by,
      updated_at = now(), removed_at = null,
      credentials_set_at = case when new_creds then now() else public.partner_lrs.credentials_set_at end;
  if new_creds then
    insert into private.partner_lrs_credentials (org_id, username, password) values (org, username, password)
      on conflict (org_id) do update set username = excluded.username, password = excluded.password;
  end if;
  perform private.audit('partner.lrs_saved', org, 'lrs', org::text,
    case when before.org_id is not null then jsonb_build_object('endpoint', before.endpoint) end,
    jsonb_build_object('endpoint', btrim(endpoint), 'credentials_changed', new_creds));
end
$$;

create function public.remove_partner_lrs(org uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  before public.partner_lrs;
begin
  perform private.partner_admin_of(org);
  select * into before from public.partner_lrs l where l.org_id = org and l.removed_at is null;
  if before.org_id is null then return; end if;
  update public.partner_lrs set removed_at = now() where org_id = org;
  delete from private.partner_lrs_credentials c where c.org_id = org;
  update public.partner_deliveries d set status = 'cancelled', locked_until = null
    where d.org_id = org and d.channel = 'xapi' and d.status = 'pending';
  perform private.audit('partner.lrs_removed', org, 'lrs', org::text, jsonb_build_object('endpoint', before.endpoint), null);
end
$$;

-- Sends a delivery again, by hand: from the start of the schedule, with the same id (so the
-- same webhook-id and statement id reach the partner, who can drop it if it already has it).
create function public.redeliver_partner_delivery(delivery uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  d public.partner_deliveries;
begin
  select * into d from public.partner_deliveries x where x.id = delivery for update;
  if d.id is null then raise exception 'no such delivery' using errcode = '42501'; end if;
  perform private.partner_admin_of(d.org_id);
  if (d.channel = 'webhook' and exists (select 1 from public.partner_webhook_endpoints e
        where e.id = d.endpoint_id and e.removed_at is not null))
     or (d.channel = 'xapi' and not exists (select 1 from public.partner_lrs l
        where l.org_id = d.org_id and l.removed_at is null)) then
    raise exception 'the destination was removed' using errcode = '22023';
  end if;
  update public.partner_deliveries set status = 'pending', attempts = 0, next_attempt_at = now(),
    locked_until = null, delivered_at = null where id = delivery;
  perform private.audit('partner.delivery_redelivered', d.org_id, 'delivery', delivery::text,
    jsonb_build_object('status', d.status, 'attempts', d.attempts), null);
end
$$;

revoke all on function public.add_partner_webhook(uuid, text, text[], text), public.rotate_partner_webhook_secret(uuid),
  public.remove_partner_webhook(uuid), public.save_partner_lrs(uuid, text, text, text), public.remove_partner_lrs(uuid),
  public.redeliver_partner_delivery(uuid) from public, anon;
grant execute on function public.add_partner_webhook(uuid, text, text[], text), public.rotate_partner_webhook_secret(uuid),
  public.remove_partner_webhook(uuid), public.save_partner_lrs(uuid, text, text, text), public.remove_partner_lrs(uuid),
  public.redeliver_partner_delivery(uuid) to authenticated;

-- ---------------------------------------------------------------- the worker (service role only)
-- Claims up to `batch` due deliveries for `lease_seconds` (a worker that dies loses its lease
-- and they are offered again) with what sending needs. First cancels due deliveries whose
-- learner no longer shares with the partner (or left its units): fail closed at send time.
create function public.partner_deliveries_claim(batch int default 50, lease_seconds int default 120)
returns table (id uuid, org_id uuid, channel text, destination uuid, event_type text, source_id uuid,
               occurred_at timestamptz, data jsonb, attempts int, url text, secret text,
               lrs_endpoint text, lrs_username text, lrs_password text)
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  update public.partner_deliveries d set status = 'cancelled', locked_until = null,
    last_error = 'the learner no longer shares progress with this partner'
  where d.status = 'pending' and d.next_attempt_at <= now()
    and (d.locked_until is null or d.locked_until < now())
    and not private.partner_reaches(d.org_id, d.learner);
  return query
  with claimed as (
    update public.partner_deliveries d set locked_until = now() + make_interval(secs => lease_seconds),
      attempts = d.attempts + 1
    where d.id in (
      select x.id from public.partner_deliveries x
      where x.status = 'pending' and x.next_attempt_at <= now()
        and (x.locked_until is null or x.locked_until < now())
      order by x.next_attempt_at, x.id
      limit least(greatest(batch, 1), 500)
      for update skip locked)
    returning d.*
  )
  select c.id, c.org_id, c.channel, c.destination, c.event_type, c.source_id, c.occurred_at, c.data, c.attempts,
    e.url, s.secret, l.endpoint, lc.username, lc.password
  from claimed c
  left join public.partner_webhook_endpoints e on e.id = c.endpoint_id
  left join private.partner_webhook_secrets s on s.endpoint_id = c.endpoint_id
  left join public.partner_lrs l on c.channel = 'xapi' and l.org_id = c.org_id
  left join private.partner_lrs_credentials lc on c.channel = 'xapi' and lc.org_id = c.org_id
  order by c.next_attempt_at, c.id;
end
$$;

-- One attempt's outcome. `retry_in_seconds` null after a failure means give up ('failed');
-- the worker's schedule decides (scripts/partner-delivery/schedule.js). A report for a
-- delivery that is no longer pending (removed, redelivered meanwhile) is logged, nothing else.
create function public.partner_delivery_attempted(delivery uuid, ok boolean, response_status int default null,
                                                  error text default null, retry_in_seconds int default null)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  d public.partner_deliveries;
begin
  select * into d from public.partner_deliveries x where x.id = delivery for update;
  if d.id is null then return; end if;
  insert into public.partner_delivery_attempts (delivery_id, org_id, ok, response_status, error)
    values (delivery, d.org_id, ok, response_status, left(error, 500));
  if d.status <> 'pending' then return; end if;
  if ok then
    update public.partner_deliveries set status = 'delivered', delivered_at = now(), locked_until = null,
      last_status = response_status, last_error = null where id = delivery;
  else
    update public.partner_deliveries set locked_until = null, last_status = response_status,
      last_error = left(error, 500),
      status = case when retry_in_seconds is null then 'failed' else 'pending' end,
      next_attempt_at = case when retry_in_seconds is null then next_attempt_at
        else now() + make_interval(secs => least(greatest(retry_in_seconds, 1), 86400)) end
    where id = delivery;
  end if;
end
$$;

revoke all on function public.partner_deliveries_claim(int, int), public.partner_delivery_attempted(uuid, boolean, int, text, int)
  from public, anon, authenticated;
grant execute on function public.partner_deliveries_claim(int, int), public.partner_delivery_attempted(uuid, boolean, int, text, int)
  to service_role;

revoke all on all functions in schema private from public, anon, authenticated;
revoke all on all tables in schema private from public, anon, authenticated;
