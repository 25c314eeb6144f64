-- Partner API, part 1 (issue 14): API keys of delivery partners (DigiSkills.pk and others),
-- the one gate every partner request passes (key, expiry, revocation, scope, rate limit, audit),
-- idempotent POSTs, and the one answer to "which learners does this partner reach?".
--
-- The app server never decides anything here: it hashes the bearer key (sha256, hex) and calls
-- the functions below with the service role. They are granted to service_role only, so nobody
-- can reach them through PostgREST with a learner's or staff member's token.

-- ---------------------------------------------------------------- keys
create table public.partner_keys (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete restrict,
  name text not null check (char_length(name) between 1 and 80),
  -- Shown in lists and logs ("seekh_pk_<prefix>_…") so people can tell keys apart.
  prefix text not null unique check (prefix ~ '^[a-z0-9]{8}$'),
  -- sha256 of the whole key, hex. The key itself is shown once and never stored.
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  scopes text[] not null check (cardinality(scopes) between 1 and 4
    and scopes <@ array['roster:write', 'progress:read', 'certificates:read', 'webhooks:manage']),
  expires_at timestamptz not null,
  -- Requests per minute; the operator may change it (service role), partners cannot.
  rate_per_minute int not null default 600 check (rate_per_minute between 1 and 100000),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references auth.users (id) on delete set null,
  -- Set on the old key when it is rotated: the new key that replaces it.
  replaced_by uuid references public.partner_keys (id) on delete set null,
  last_used_at timestamptz
);
create index partner_keys_org on public.partner_keys (org_id, created_at desc, id);
alter table public.partner_keys enable row level security;
-- Nobody reads the table through PostgREST (it holds the hashes): staff use partner_key_list().
revoke all on public.partner_keys from public, anon, authenticated;

-- Fixed one-minute windows per key. A request counts in the window it arrives in.
create table private.partner_rate_windows (
  key_id uuid not null references public.partner_keys (id) on delete cascade,
  window_start timestamptz not null,
  hits int not null,
  primary key (key_id, window_start)
);

-- The first answer to each POST with an Idempotency-Key, per partner, kept 24 hours.
create table private.partner_idempotency (
  org_id uuid not null,
  idem_key text not null check (char_length(idem_key) between 1 and 200),
  request_hash text not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (org_id, idem_key)
);

-- A random key: 8 visible characters, then 64 hex characters (244 random bits from two v4
-- UUIDs, gen_random_uuid() being a CSPRNG on every backend, so no extension is needed).
create function private.new_partner_key() returns table (prefix text, secret text)
language sql volatile
set search_path = ''
as $$
  select substr(replace(gen_random_uuid()::text, '-', ''), 1, 8),
         replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
$$;

create function private.partner_key_json(k public.partner_keys) returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object('id', k.id, 'org_id', k.org_id, 'name', k.name, 'prefix', k.prefix,
    'scopes', to_jsonb(k.scopes), 'expires_at', k.expires_at, 'created_at', k.created_at,
    'revoked_at', k.revoked_at, 'replaced_by', k.replaced_by, 'last_used_at', k.last_used_at,
    'rate_per_minute', k.rate_per_minute,
    'state', case when k.revoked_at is not null then 'revoked' when k.expires_at <= now() then 'expired'
                  when k.replaced_by is not null then 'rotating' else 'active' end)
$$;

-- Keys belong to partner units; only a partner_admin of that unit (or above it) manages them.
create function private.assert_partner_admin(org uuid) returns void
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if (select auth.uid()) is null then raise exception 'sign in first' using errcode = '42501'; end if;
  if not public.has_role_in(org, 'partner_admin') then
    raise exception 'you are not a partner administrator of this organisation' using errcode = '42501';
  end if;
  if not exists (select 1 from public.organisations o where o.id = org and o.kind = 'partner') then
    raise exception 'API keys are for partner organisations' using errcode = '22023';
  end if;
end
$$;

create function private.insert_partner_key(org uuid, key_name text, key_scopes text[], expires timestamptz,
                                           rate int) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  fresh record;
  made public.partner_keys;
  full_key text;
begin
  select * into fresh from private.new_partner_key();
  full_key := 'seekh_pk_' || fresh.prefix || '_' || fresh.secret;
  insert into public.partner_keys (org_id, name, prefix, key_hash, scopes, expires_at, rate_per_minute, created_by)
    values (org, key_name, fresh.prefix, encode(sha256(convert_to(full_key, 'UTF8')), 'hex'),
            (select array_agg(distinct s order by s) from unnest(key_scopes) s), expires, rate, (select auth.uid()))
    returning * into made;
  return private.partner_key_json(made) || jsonb_build_object('key', full_key);
end
$$;

-- Makes a key; the answer carries the key itself, the only time it is ever shown.
create function public.create_partner_key(org uuid, name text, scopes text[], expires_at timestamptz)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  made jsonb;
begin
  perform private.assert_partner_admin(org);
  if expires_at <= now() or expires_at > now() + interval '2 years' then
    raise exception 'a key expires between now and two years from now' using errcode = '22023';
  end if;
  made := private.insert_partner_key(org, btrim(name), scopes, expires_at, 600);
  perform private.audit('partner_key.created', org, 'partner_key', made ->> 'id', null, made - 'key');
  return made;
end
$$;
revoke all on function public.create_partner_key(uuid, text, text[], timestamptz) from public, anon;
grant execute on function public.create_partner_key(uuid, text, text[], timestamptz) to authenticated;

-- Rotation: a new key with the same name, scopes and lifetime; the old one keeps working for
-- `overlap_hours` (0..720) so the partner can deploy the new key without an outage.
create function public.rotate_partner_key(key uuid, overlap_hours int) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  old public.partner_keys;
  made jsonb;
begin
  select * into old from public.partner_keys k where k.id = key for update;
  if not found then raise exception 'no such key' using errcode = '23503'; end if;
  perform private.assert_partner_admin(old.org_id);
  if old.revoked_at is not null or old.expires_at <= now() or old.replaced_by is not null then
    raise exception 'only an active key can be rotated' using errcode = '22023';
  end if;
  if overlap_hours is null or overlap_hours not between 0 and 720 then
    raise exception 'the overlap is 0 to 720 hours' using errcode = '22023';
  end if;
  made := private.insert_partner_key(old.org_id, old.name, old.scopes,
    now() + greatest(old.expires_at - old.created_at, interval '1 day'), old.rate_per_minute);
  update public.partner_keys k set replaced_by = (made ->> 'id')::uuid,
    expires_at = least(k.expires_at, now() + make_interval(hours => overlap_hours))
    where k.id = old.id;
  perform private.audit('partner_key.rotated', old.org_id, 'partner_key', old.id::text,
    jsonb_build_object('prefix', old.prefix, 'expires_at', old.expires_at),
    jsonb_build_object('new_key', made ->> 'id', 'new_prefix', made ->> 'prefix',
      'old_expires_at', least(old.expires_at, now() + make_interval(hours => overlap_hours))));
  return made;
end
$$;
revoke all on function public.rotate_partner_key(uuid, int) from public, anon;
grant execute on function public.rotate_partner_key(uuid, int) to authenticated;

-- Revoking takes effect on the next request: the gate reads revoked_at every time.
create function public.revoke_partner_key(key uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  k public.partner_keys;
begin
  select * into k from public.partner_keys x where x.id = key for update;
  if not found then raise exception 'no such key' using errcode = '23503'; end if;
  perform private.assert_partner_admin(k.org_id);
  if k.revoked_at is null then
    update public.partner_keys x set revoked_at = now(), revoked_by = (select auth.uid())
      where x.id = key returning * into k;
    perform private.audit('partner_key.revoked', k.org_id, 'partner_key', k.id::text, null,
      jsonb_build_object('prefix', k.prefix));
  end if;
  return private.partner_key_json(k);
end
$$;
revoke all on function public.revoke_partner_key(uuid) from public, anon;
grant execute on function public.revoke_partner_key(uuid) to authenticated;

-- The unit's keys, newest first, 50 a page (keyset on created_at, id). Never the hash.
create function public.partner_key_list(org uuid, after_created timestamptz default null,
                                        after_id uuid default null) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform private.assert_partner_admin(org);
  return coalesce((
    select jsonb_agg(private.partner_key_json(k) order by k.created_at desc, k.id desc)
    from (select * from public.partner_keys k
          where k.org_id = org and (after_created is null or (k.created_at, k.id) < (after_created, after_id))
          order by k.created_at desc, k.id desc limit 51) k), '[]'::jsonb);
end
$$;
revoke all on function public.partner_key_list(uuid, timestamptz, uuid) from public, anon;
grant execute on function public.partner_key_list(uuid, timestamptz, uuid) to authenticated;

-- ---------------------------------------------------------------- the gate
-- Every partner request passes here exactly once. It never raises for a refusal: it answers
-- with a problem (RFC 9457 fields) so that the audit row and the rate counter are kept.
-- `counted` false is for the later pages of one streamed CSV answer: the key is checked again
-- (a revoke stops the stream) but the request was already counted and audited.
create function private.partner_gate(key_hash text, scope text, request text, counted boolean default true)
returns table (key_id uuid, org_id uuid, problem jsonb)
language plpgsql volatile security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  k public.partner_keys;
  win timestamptz := date_trunc('minute', now());
  n int;
  why text;
begin
  select * into k from public.partner_keys x where x.key_hash = partner_gate.key_hash;
  if not found then
    return query select null::uuid, null::uuid, jsonb_build_object('status', 401, 'code', 'unknown_key');
    return;
  end if;
  why := case
    when k.revoked_at is not null then 'key_revoked'
    when k.expires_at <= now() then 'key_expired'
    when scope is not null and not (scope = any (k.scopes)) then 'scope_missing' end;
  if why is null and counted then
    insert into private.partner_rate_windows as w (key_id, window_start, hits) values (k.id, win, 1)
      on conflict (key_id, window_start) do update set hits = w.hits + 1
      returning w.hits into n;
    if n = 1 then  -- a new window: forget the old ones
      delete from private.partner_rate_windows w where w.key_id = k.id and w.window_start < win;
    end if;
    if n > k.rate_per_minute then why := 'rate_limited'; end if;
  end if;
  if counted then
    -- One row per request, the key as actor. Not private.audit(): that takes the actor from the
    -- session, and here the actor is the key, not a person.
    insert into public.audit_log (actor, org_id, action, target_type, target_id, after)
      values (k.id, k.org_id, case when why is null then 'partner_api.request' else 'partner_api.refused' end,
              'partner_key', left(request, 200),
              jsonb_build_object('prefix', k.prefix, 'scope', scope) || case when why is null then '{}'::jsonb
                else jsonb_build_object('refused', why) end);
    if why is null and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute') then
      update public.partner_keys x set last_used_at = now() where x.id = k.id;
    end if;
  end if;
  return query select k.id, k.org_id, case
    when why is null then null
    when why = 'scope_missing' then jsonb_build_object('status', 403, 'code', why, 'scope', scope)
    when why = 'rate_limited' then jsonb_build_object('status', 429, 'code', why,
      'retry_after', greatest(1, ceil(extract(epoch from (win + interval '1 minute' - clock_timestamp())))::int))
    else jsonb_build_object('status', 401, 'code', why) end;
end
$$;

-- Who am I: the key's unit, scopes and expiry (any scope may ask).
create function public.partner_whoami(key_hash text, request text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  g record;
begin
  select * into g from private.partner_gate(key_hash, null, request);
  if g.problem is not null then return jsonb_build_object('problem', g.problem); end if;
  return (select jsonb_build_object('status', 200, 'body', private.partner_key_json(k) - 'id' - 'replaced_by'
      || jsonb_build_object('organisation', jsonb_build_object('code', o.code, 'name', o.names ->> 'en')))
    from public.partner_keys k join public.organisations o on o.id = k.org_id where k.id = g.key_id);
end
$$;

-- Idempotency: the stored first answer, a 422 problem for a different request under the same
-- key, or null (go ahead). Locks the (partner, key) pair until the transaction ends, so two
-- concurrent repeats do the work once.
create function private.partner_idempotent(org uuid, idem_key text, request_hash text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  seen private.partner_idempotency;
begin
  if idem_key is null then return null; end if;
  if char_length(idem_key) > 200 then
    return jsonb_build_object('problem', jsonb_build_object('status', 400, 'code', 'bad_idempotency_key'));
  end if;
  perform pg_advisory_xact_lock(hashtextextended('partner_idem:' || org::text || ':' || idem_key, 0));
  delete from private.partner_idempotency i where i.created_at < now() - interval '24 hours' and i.org_id = org;
  select * into seen from private.partner_idempotency i where i.org_id = org and i.idem_key = partner_idempotent.idem_key;
  if not found then return null; end if;
  if seen.request_hash <> partner_idempotent.request_hash then
    return jsonb_build_object('problem', jsonb_build_object('status', 422, 'code', 'idempotency_key_reused'));
  end if;
  return seen.response || jsonb_build_object('replayed', true);
end
$$;

create function private.partner_remember(org uuid, idem_key text, request_hash text, response jsonb) returns jsonb
language sql volatile security definer
set search_path = ''
as $$
  insert into private.partner_idempotency (org_id, idem_key, request_hash, response)
    select org, idem_key, request_hash, response where idem_key is not null
    on conflict do nothing;
  select response;
$$;

-- ---------------------------------------------------------------- the partner's learners
-- What a partner enrolled: one row per (partner, the partner's own id for the person, its
-- OneRoster sourcedId). A row exists before the person has an account; user_id is set when an
-- account with that confirmed email or phone exists at enrolment, or when the person signs in
-- with it by one-time code later (claim_partner_enrolments, as HR records are claimed).
create table public.partner_enrolments (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references public.organisations (id) on delete restrict,
  sourced_id text not null check (sourced_id ~ '^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,99}$'),
  -- The unit (the partner's own, or one below it) the person becomes a member of.
  org_id uuid not null references public.organisations (id) on delete restrict,
  given_name text not null check (char_length(given_name) between 1 and 80),
  family_name text check (char_length(family_name) <= 80),
  email text check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(email) <= 200),
  mobile text check (mobile ~ '^92[0-9]{10}$'),
  courses text[] not null default '{}',
  status text not null default 'active' check (status in ('active', 'withdrawn')),
  user_id uuid references auth.users (id) on delete set null,
  claimed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (partner_id, sourced_id)
);
create index partner_enrolments_user on public.partner_enrolments (user_id) where user_id is not null;
create index partner_enrolments_email on public.partner_enrolments (lower(email)) where user_id is null;
create index partner_enrolments_mobile on public.partner_enrolments (mobile) where user_id is null;
create trigger partner_enrolments_updated_at before update on public.partner_enrolments
  for each row execute function private.touch_updated_at();
alter table public.partner_enrolments enable row level security;
-- The partner's own staff (partner_admin of the unit or above) and the person themself read it.
create policy "partner staff and the person read enrolments" on public.partner_enrolments for select to authenticated
  using (user_id = (select auth.uid()) or partner_id in (select public.orgs_with_role('partner_admin')));
revoke all on public.partner_enrolments from anon;
revoke insert, update, delete, truncate on public.partner_enrolments from authenticated;

-- THE answer to "which learners does partner `org` reach?", as docs/roles.md says for
-- partner_admin: every member of the partner's unit or a unit below it (membership they see
-- regardless: they made it), and `shares` = the learner's "share my progress" consent, read now,
-- which progress, completions and certificates require. Partner units are never the root, so
-- the root's "people in no unit" rule does not arise. Webhook and xAPI delivery use the same.
create function private.partner_learners(org uuid)
returns table (learner uuid, unit uuid, shares boolean)
language sql stable security definer
set search_path = ''
as $$
  select distinct on (m.user_id) m.user_id, m.org_id, coalesce(p.consent_progress_sharing, false)
  from public.organisation_closure c
  join public.organisation_members m on m.org_id = c.descendant
  left join public.profiles p on p.id = m.user_id
  where c.ancestor = org
  order by m.user_id, m.org_id
$$;

-- Keeps memberships in step with enrolments: an active, matched enrolment makes the person a
-- member of its unit; a withdrawn one (or a move) takes the membership away unless another
-- active enrolment of the same person still holds it.
create function private.partner_membership_sync() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and old.user_id is not null
     and (old.status = 'active' and (new.status <> 'active' or new.org_id <> old.org_id or new.user_id is distinct from old.user_id))
     and not exists (select 1 from public.partner_enrolments e where e.id <> old.id and e.user_id = old.user_id
                     and e.org_id = old.org_id and e.status = 'active') then
    delete from public.organisation_members m where m.org_id = old.org_id and m.user_id = old.user_id;
  end if;
  if new.user_id is not null and new.status = 'active' then
    insert into public.organisation_members (org_id, user_id) values (new.org_id, new.user_id) on conflict do nothing;
  end if;
  return null;
end
$$;
create trigger partner_enrolments_membership after insert or update of org_id, status, user_id
  on public.partner_enrolments for each row execute function private.partner_membership_sync();

-- Called by the app after sign-in, next to claim_employee_records(): links the partner
-- enrolments keyed to the email or mobile this session proved with a one-time code.
create function public.claim_partner_enrolments() returns int
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  u record;
  linked int := 0;
  rec record;
begin
  if caller is null then raise exception 'sign in first' using errcode = '42501'; end if;
  if not coalesce((auth.jwt() -> 'amr') @> '[{"method": "otp"}]'::jsonb, false) then return 0; end if;
  select x.email, x.phone, x.email_confirmed_at, x.phone_confirmed_at into u from auth.users x where x.id = caller;
  for rec in
    update public.partner_enrolments e set user_id = caller, claimed_at = now()
    where e.user_id is null and (
      (u.email_confirmed_at is not null and u.email is not null and lower(e.email) = lower(u.email))
      or (u.phone_confirmed_at is not null and u.phone is not null and e.mobile = regexp_replace(u.phone, '^\+', '')))
    returning e.id, e.org_id
  loop
    linked := linked + 1;
    perform private.audit('partner_enrolment.claimed', rec.org_id, 'partner_enrolment', rec.id::text, null,
      jsonb_build_object('user', caller));
  end loop;
  return linked;
end
$$;
revoke all on function public.claim_partner_enrolments() from public, anon;
grant execute on function public.claim_partner_enrolments() to authenticated;

-- ---------------------------------------------------------------- grants
revoke all on function public.partner_whoami(text, text) from public, anon, authenticated;
grant execute on function public.partner_whoami(text, text) to service_role;
revoke all on all functions in schema private from public, anon;
