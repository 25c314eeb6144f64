-- Partner API, part 3 (issue 14): a key holding `webhooks:manage` manages its organisation's
-- webhook endpoints, LRS and delivery log over REST, with the very SQL the staff tool
-- (/staff/partner-deliveries) uses. Each staff write is split into a private core that does
-- the work and writes the audit row for a given actor; the staff functions check the person's
-- role and call the core as that person, the partner_api_* functions pass the gate
-- (private.partner_gate, scope checked here) and call it as the key. One rule, two doors.
--
-- Also: a receiver answering `410 Gone` disables its endpoint (Standard Webhooks), which a
-- partner admin can re-enable; and partner admins read their keys' uses (audit rows).

-- ---------------------------------------------------------------- audit as someone
-- private.audit() takes the actor from the session; a key is not a session.
create function private.audit_as(actor uuid, action text, org uuid, target_type text, target_id text,
                                 before jsonb default null, after jsonb default null) returns void
language sql volatile security definer
set search_path = ''
as $$
  insert into public.audit_log (actor, org_id, action, target_type, target_id, before, after)
  values (actor, org, action, target_type, target_id, before, after)
$$;

-- ---------------------------------------------------------------- disabled endpoints
alter table public.partner_webhook_endpoints
  add column disabled_at timestamptz,
  add column disabled_reason text check (char_length(disabled_reason) <= 200);

-- ---------------------------------------------------------------- the cores
create function private.partner_webhook_json(e public.partner_webhook_endpoints) returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object('id', e.id, 'url', e.url, 'event_types', to_jsonb(e.event_types),
    'description', e.description, 'created_at', e.created_at, 'secret_rotated_at', e.secret_rotated_at,
    'disabled_at', e.disabled_at, 'disabled_reason', e.disabled_reason)
$$;

create function private.partner_webhook_add(org uuid, url text, event_types text[], description text, actor uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  created uuid;
  fresh text := private.new_webhook_secret();
begin
  perform pg_advisory_xact_lock(hashtextextended('partner_webhooks:' || org::text, 0));
  if (select count(*) from public.partner_webhook_endpoints e where e.org_id = org and e.removed_at is null) >= 10 then
    raise exception 'at most 10 endpoints per organisation' using errcode = '23514';
  end if;
  insert into public.partner_webhook_endpoints (org_id, url, event_types, description, created_by)
    values (org, btrim(url), array(select distinct x from unnest(event_types) x order by x),
            nullif(btrim(description), ''), case when actor in (select u.id from auth.users u) then actor end)
    returning id into created;
  insert into private.partner_webhook_secrets (endpoint_id, secret) values (created, fresh);
  perform private.audit_as(actor, 'partner.webhook_added', org, 'webhook_endpoint', created::text, null,
    jsonb_build_object('url', btrim(url), 'event_types', event_types));
  return jsonb_build_object('id', created, 'secret', fresh);
end
$$;

create function private.partner_webhook_remove(endpoint uuid, actor uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  ep public.partner_webhook_endpoints;
begin
  select * into ep from public.partner_webhook_endpoints e where e.id = endpoint and e.removed_at is null for update;
  if ep.id is null then raise exception 'no such endpoint' using errcode = '42501'; end if;
  update public.partner_webhook_endpoints set removed_at = now() where id = endpoint;
  update public.partner_deliveries d set status = 'cancelled', locked_until = null
    where d.endpoint_id = endpoint and d.status = 'pending';
  perform private.audit_as(actor, 'partner.webhook_removed', ep.org_id, 'webhook_endpoint', endpoint::text,
    jsonb_build_object('url', ep.url, 'event_types', ep.event_types), null);
end
$$;

create function private.partner_lrs_save(org uuid, endpoint text, username text, password text, actor uuid)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  before public.partner_lrs;
  new_creds boolean := nullif(username, '') is not null and nullif(password, '') is not null;
  person uuid := case when actor in (select u.id from auth.users u) then actor end;
begin
  select * into before from public.partner_lrs l where l.org_id = org;
  if not new_creds and (before.org_id is null or before.removed_at is not null) then
    raise exception 'the LRS needs a username and a password' using errcode = '23502';
  end if;
  insert into public.partner_lrs (org_id, endpoint, updated_by)
    values (org, btrim(endpoint), person)
    on conflict (org_id) do update set endpoint = excluded.endpoint, updated_by = excluded.updated_by,
      updated_at = now(), removed_at = null,
      credentials_set_at = case when new_creds then now() else public.partner_lrs.credentials_set_at end;
  if new_creds then
    insert into private.partner_lrs_credentials (org_id, username, password) values (org, username, password)
      on conflict (org_id) do update set username = excluded.username, password = excluded.password;
  end if;
  perform private.audit_as(actor, 'partner.lrs_saved', org, 'lrs', org::text,
    case when before.org_id is not null then jsonb_build_object('endpoint', before.endpoint) end,
    jsonb_build_object('endpoint', btrim(endpoint), 'credentials_changed', new_creds));
end
$$;

create function private.partner_redeliver(delivery uuid, actor uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  d public.partner_deliveries;
begin
  select * into d from public.partner_deliveries x where x.id = delivery for update;
  if d.id is null then raise exception 'no such delivery' using errcode = '42501'; end if;
  if (d.channel = 'webhook' and exists (select 1 from public.partner_webhook_endpoints e
        where e.id = d.endpoint_id and e.removed_at is not null))
     or (d.channel = 'xapi' and not exists (select 1 from public.partner_lrs l
        where l.org_id = d.org_id and l.removed_at is null)) then
    raise exception 'the destination was removed' using errcode = '22023';
  end if;
  update public.partner_deliveries set status = 'pending', attempts = 0, next_attempt_at = now(),
    locked_until = null, delivered_at = null where id = delivery;
  perform private.audit_as(actor, 'partner.delivery_redelivered', d.org_id, 'delivery', delivery::text,
    jsonb_build_object('status', d.status, 'attempts', d.attempts), null);
end
$$;

-- The delivery log of one organisation, newest first (keyset on created_at, id).
create function private.partner_delivery_log(org uuid, status text, after_at timestamptz, after_id uuid, lim int)
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'channel', d.channel, 'event_type', d.event_type,
      'endpoint_id', d.endpoint_id, 'status', d.status, 'attempts', d.attempts, 'last_status', d.last_status,
      'last_error', d.last_error, 'next_attempt_at', d.next_attempt_at, 'delivered_at', d.delivered_at,
      'created_at', d.created_at, 'occurred_at', d.occurred_at) order by d.created_at desc, d.id desc), '[]'::jsonb)
  from (select * from public.partner_deliveries x
        where x.org_id = org and (partner_delivery_log.status is null or x.status = partner_delivery_log.status)
          and (after_at is null or (x.created_at, x.id) < (after_at, after_id))
        order by x.created_at desc, x.id desc limit least(greatest(coalesce(lim, 50), 1), 1000)) d
$$;

create function private.partner_webhook_enable(endpoint uuid, actor uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  ep public.partner_webhook_endpoints;
begin
  select * into ep from public.partner_webhook_endpoints e where e.id = endpoint and e.removed_at is null for update;
  if ep.id is null then raise exception 'no such endpoint' using errcode = '42501'; end if;
  if ep.disabled_at is not null then
    update public.partner_webhook_endpoints e set disabled_at = null, disabled_reason = null where e.id = endpoint
      returning * into ep;
    perform private.audit_as(actor, 'partner.webhook_enabled', ep.org_id, 'webhook_endpoint', endpoint::text,
      null, jsonb_build_object('url', ep.url));
  end if;
  return private.partner_webhook_json(ep);
end
$$;

-- ---------------------------------------------------------------- the staff doors, now over the cores
create or replace function public.add_partner_webhook(org uuid, url text, event_types text[], description text default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  perform private.partner_admin_of(org);
  return private.partner_webhook_add(org, url, event_types, description, (select auth.uid()));
end
$$;

create or replace function public.remove_partner_webhook(endpoint uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  org uuid;
begin
  select e.org_id into org from public.partner_webhook_endpoints e where e.id = endpoint and e.removed_at is null;
  if org is null then raise exception 'no such endpoint' using errcode = '42501'; end if;
  perform private.partner_admin_of(org);
  perform private.partner_webhook_remove(endpoint, (select auth.uid()));
end
$$;

create or replace function public.save_partner_lrs(org uuid, endpoint text, username text default null,
                                                   password text default null) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  perform private.partner_admin_of(org);
  perform private.partner_lrs_save(org, endpoint, username, password, (select auth.uid()));
end
$$;

create or replace function public.redeliver_partner_delivery(delivery uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  org uuid;
begin
  select x.org_id into org from public.partner_deliveries x where x.id = delivery;
  if org is null then raise exception 'no such delivery' using errcode = '42501'; end if;
  perform private.partner_admin_of(org);
  perform private.partner_redeliver(delivery, (select auth.uid()));
end
$$;

create function public.enable_partner_webhook(endpoint uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  org uuid;
begin
  select e.org_id into org from public.partner_webhook_endpoints e where e.id = endpoint and e.removed_at is null;
  if org is null then raise exception 'no such endpoint' using errcode = '42501'; end if;
  perform private.partner_admin_of(org);
  return private.partner_webhook_enable(endpoint, (select auth.uid()));
end
$$;

-- The staff log reads the same SQL as the API's (RLS would give the same rows; this is one rule).
create function public.partner_delivery_log(org uuid, status text default null, after_at timestamptz default null,
                                            after_id uuid default null, lim int default 51) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if (select auth.uid()) is null or not public.has_role_in(org, 'partner_admin') then
    return '[]'::jsonb;  -- as RLS would: nothing, not an error
  end if;
  return private.partner_delivery_log(org, status, after_at, after_id, lim);
end
$$;

revoke all on function public.enable_partner_webhook(uuid), public.partner_delivery_log(uuid, text, timestamptz, uuid, int)
  from public, anon;
grant execute on function public.enable_partner_webhook(uuid), public.partner_delivery_log(uuid, text, timestamptz, uuid, int)
  to authenticated;

-- ---------------------------------------------------------------- the API doors (service role only)
-- A refusal raised by a core becomes a problem; the gate's audit row, written before, stays.
create function private.partner_api_problem(state text, message text) returns jsonb
language sql immutable
set search_path = ''
as $$
  select jsonb_build_object('problem', case
    when state = '42501' then jsonb_build_object('status', 404, 'code', 'not_found')
    when message like 'at most 10 endpoints%' then jsonb_build_object('status', 409, 'code', 'too_many_endpoints')
    when message like 'the destination was removed%' then jsonb_build_object('status', 409, 'code', 'destination_removed')
    when message like 'the LRS needs%' then jsonb_build_object('status', 422, 'code', 'lrs_credentials_required')
    else jsonb_build_object('status', 422, 'code', 'invalid_request') end)
$$;

-- GET /webhooks: the organisation's endpoints (at most 10, so one page).
create function public.partner_api_webhooks(key_hash text, request text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  g record;
begin
  select * into g from private.partner_gate(key_hash, 'webhooks:manage', request);
  if g.problem is not null then return jsonb_build_object('problem', g.problem); end if;
  return jsonb_build_object('status', 200, 'body', jsonb_build_object('items', coalesce((
    select jsonb_agg(private.partner_webhook_json(e) order by e.created_at, e.id)
    from public.partner_webhook_endpoints e where e.org_id = g.org_id and e.removed_at is null), '[]'::jsonb),
    'next', null));
end
$$;

-- POST /webhooks: a new endpoint; the answer holds its signing secret, the only time it is shown
-- (a repeat with the same Idempotency-Key returns that same first answer).
create function public.partner_api_webhook_add(key_hash text, request text, url text, event_types text[],
    description text default null, idem_key text default null, request_hash text default null) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  g record;
  seen jsonb;
  answer jsonb;
begin
  select * into g from private.partner_gate(key_hash, 'webhooks:manage', request);
  if g.problem is not null then return jsonb_build_object('problem', g.problem); end if;
  seen := private.partner_idempotent(g.org_id, idem_key, request_hash);
  if seen is not null then return seen; end if;
  begin
    answer := jsonb_build_object('status', 201, 'body',
      private.partner_webhook_add(g.org_id, url, event_types, description, g.key_id));
  exception when others then
    answer := private.partner_api_problem(sqlstate, sqlerrm);
  end;
  return private.partner_remember(g.org_id, idem_key, request_hash, answer);
end
$$;

-- DELETE /webhooks/{id}: only an endpoint of the key's own organisation (else 404, as unknown).
create function public.partner_api_webhook_remove(key_hash text, request text, endpoint uuid) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  g record;
begin
  select * into g from private.partner_gate(key_hash, 'webhooks:manage', request);
  if g.problem is not null then return jsonb_build_object('problem', g.problem); end if;
  if not exists (select 1 from public.partner_webhook_endpoints e
                 where e.id = endpoint and e.org_id = g.org_id and e.removed_at is null) then
    return jsonb_build_object('problem', jsonb_build_object('status', 404, 'code', 'not_found'));
  end if;
  perform private.partner_webhook_remove(endpoint, g.key_id);
  return jsonb_build_object('status', 204, 'body', null);
end
$$;

-- POST /webhooks/{id}/enable: after a 410 Gone disabled it.
create function public.partner_api_webhook_enable(key_hash text, request text, endpoint uuid,
    idem_key text default null, request_hash text default null) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  g record;
  seen jsonb;
  answer jsonb;
begin
  select * into g from private.partner_gate(key_hash, 'webhooks:manage', request);
  if g.problem is not null then return jsonb_build_object('problem', g.problem); end if;
  seen := private.partner_idempotent(g.org_id, idem_key, request_hash);
  if seen is not null then return seen; end if;
  if not exists (select 1 from public.partner_webhook_endpoints e
                 where e.id = endpoint and e.org_id = g.org_id and e.removed_at is null) then
    answer := jsonb_build_object('problem', jsonb_build_object('status', 404, 'code', 'not_found'));
  else
    answer := jsonb_build_object('status', 200, 'body', private.partner_webhook_enable(endpoint, g.key_id));
  end if;
  return private.partner_remember(g.org_id, idem_key, request_hash, answer);
end
$$;

-- GET /lrs: where statements go (never the credentials); 404 when none is set.
create function public.partner_api_lrs(key_hash text, request text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  g record;
  l public.partner_lrs;
begin
  select * into g from private.partner_gate(key_hash, 'webhooks:manage', request);
  if g.problem is not null then return jsonb_build_object('problem', g.problem); end if;
  select * into l from public.partner_lrs x where x.org_id = g.org_id and x.removed_at is null;
  if l.org_id is null then
    return jsonb_build_object('problem', jsonb_build_object('status', 404, 'code', 'not_found'));
  end if;
  return jsonb_build_object('status', 200, 'body', jsonb_build_object('endpoint', l.endpoint,
    'updated_at', l.updated_at, 'credentials_set_at', l.credentials_set_at));
end
$$;

-- PUT /lrs: sets the destination (credentials required the first time, kept when left out).
create function public.partner_api_lrs_save(key_hash text, request text, endpoint text,
    username text default null, password text default null) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  g record;
  l public.partner_lrs;
begin
  select * into g from private.partner_gate(key_hash, 'webhooks:manage', request);
  if g.problem is not null then return jsonb_build_object('problem', g.problem); end if;
  begin
    perform private.partner_lrs_save(g.org_id, endpoint, username, password, g.key_id);
  exception when others then
    return private.partner_api_problem(sqlstate, sqlerrm);
  end;
  select * into l from public.partner_lrs x where x.org_id = g.org_id;
  return jsonb_build_object('status', 200, 'body', jsonb_build_object('endpoint', l.endpoint,
    'updated_at', l.updated_at, 'credentials_set_at', l.credentials_set_at));
end
$$;

-- GET /deliveries: the delivery log, newest first, filtered by status.
create function public.partner_api_deliveries(key_hash text, request text, status text default null,
    after_at timestamptz default null, after_id uuid default null, lim int default 100) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  g record;
  n int := least(greatest(coalesce(lim, 100), 1), 1000);
begin
  select * into g from private.partner_gate(key_hash, 'webhooks:manage', request);
  if g.problem is not null then return jsonb_build_object('problem', g.problem); end if;
  return jsonb_build_object('status', 200, 'body', jsonb_build_object('limit', n,
    'items', private.partner_delivery_log(g.org_id, status, after_at, after_id, n)));
end
$$;

-- POST /deliveries/{id}/redeliver: from the start of the schedule, same webhook-id.
create function public.partner_api_redeliver(key_hash text, request text, delivery uuid,
    idem_key text default null, request_hash text default null) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  g record;
  seen jsonb;
  answer jsonb;
begin
  select * into g from private.partner_gate(key_hash, 'webhooks:manage', request);
  if g.problem is not null then return jsonb_build_object('problem', g.problem); end if;
  seen := private.partner_idempotent(g.org_id, idem_key, request_hash);
  if seen is not null then return seen; end if;
  if not exists (select 1 from public.partner_deliveries d where d.id = delivery and d.org_id = g.org_id) then
    answer := jsonb_build_object('problem', jsonb_build_object('status', 404, 'code', 'not_found'));
  else
    begin
      perform private.partner_redeliver(delivery, g.key_id);
      answer := jsonb_build_object('status', 202, 'body', jsonb_build_object('redelivered', delivery));
    exception when others then
      answer := private.partner_api_problem(sqlstate, sqlerrm);
    end;
  end if;
  return private.partner_remember(g.org_id, idem_key, request_hash, answer);
end
$$;

revoke all on function public.partner_api_webhooks(text, text),
  public.partner_api_webhook_add(text, text, text, text[], text, text, text),
  public.partner_api_webhook_remove(text, text, uuid),
  public.partner_api_webhook_enable(text, text, uuid, text, text),
  public.partner_api_lrs(text, text),
  public.partner_api_lrs_save(text, text, text, text, text),
  public.partner_api_deliveries(text, text, text, timestamptz, uuid, int),
  public.partner_api_redeliver(text, text, uuid, text, text) from public, anon, authenticated;
grant execute on function public.partner_api_webhooks(text, text),
  public.partner_api_webhook_add(text, text, text, text[], text, text, text),
  public.partner_api_webhook_remove(text, text, uuid),
  public.partner_api_webhook_enable(text, text, uuid, text, text),
  public.partner_api_lrs(text, text),
  public.partner_api_lrs_save(text, text, text, text, text),
  public.partner_api_deliveries(text, text, text, timestamptz, uuid, int),
  public.partner_api_redeliver(text, text, uuid, text, text) to service_role;

-- ---------------------------------------------------------------- 410 Gone, and held deliveries
-- The worker's report: as before, and a webhook answered 410 Gone disables its endpoint (the
-- receiver said it will never want these again). Its pending deliveries are held, not lost:
-- the claim skips a disabled endpoint, and re-enabling it lets them go.
create or replace function public.partner_delivery_attempted(delivery uuid, ok boolean, response_status int default null,
                                                  error text default null, retry_in_seconds int default null)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  d public.partner_deliveries;
  gone boolean := not ok and response_status = 410;
begin
  select * into d from public.partner_deliveries x where x.id = delivery for update;
  if d.id is null then return; end if;
  insert into public.partner_delivery_attempts (delivery_id, org_id, ok, response_status, error)
    values (delivery, d.org_id, ok, response_status, left(error, 500));
  if gone and d.channel = 'webhook' then
    update public.partner_webhook_endpoints e set disabled_at = now(),
      disabled_reason = 'the endpoint answered 410 Gone'
      where e.id = d.endpoint_id and e.disabled_at is null;
    if found then
      perform private.audit_as(null, 'partner.webhook_disabled', d.org_id, 'webhook_endpoint', d.endpoint_id::text,
        null, jsonb_build_object('delivery', delivery, 'response_status', 410));
    end if;
  end if;
  if d.status <> 'pending' then return; end if;
  if ok then
    update public.partner_deliveries set status = 'delivered', delivered_at = now(), locked_until = null,
      last_status = response_status, last_error = null where id = delivery;
  elsif gone and d.channel = 'webhook' then
    -- Held with its endpoint: sent when the endpoint is enabled again.
    update public.partner_deliveries set locked_until = null, last_status = response_status,
      last_error = left(error, 500), next_attempt_at = now() where id = delivery;
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

create or replace function public.partner_deliveries_claim(batch int default 50, lease_seconds int default 120)
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
        and not exists (select 1 from public.partner_webhook_endpoints e
                        where e.id = x.endpoint_id and e.disabled_at is not null)
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

-- ---------------------------------------------------------------- a key's uses
-- Every key use is an audit row with the key as actor (private.partner_gate). The partner's
-- own admins, and the unit's org_admin and auditor, read them per key; coe_admin holds its role
-- at the root, so has_role_in covers it too. Anyone else: refused.
create index audit_log_partner_key on public.audit_log (actor, id desc) where target_type = 'partner_key';

create function public.partner_key_uses(key uuid, before_id bigint default null) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  k public.partner_keys;
begin
  select * into k from public.partner_keys x where x.id = key;
  if k.id is null or (select auth.uid()) is null or not (public.has_role_in(k.org_id, 'partner_admin')
      or public.has_role_in(k.org_id, 'org_admin') or public.has_role_in(k.org_id, 'auditor')
      or public.has_role_in(k.org_id, 'coe_admin')) then
    raise exception 'you may not read this key''s uses' using errcode = '42501';
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object('id', a.id, 'at', a.at, 'request', a.target_id,
      'result', coalesce(a.after ->> 'refused', 'ok'), 'scope', a.after ->> 'scope') order by a.id desc)
    from (select * from public.audit_log x
          where x.actor = k.id and x.target_type = 'partner_key' and x.org_id = k.org_id
            and x.action in ('partner_api.request', 'partner_api.refused')
            and (before_id is null or x.id < before_id)
          order by x.id desc limit 51) a), '[]'::jsonb);
end
$$;
revoke all on function public.partner_key_uses(uuid, bigint) from public, anon;
grant execute on function public.partner_key_uses(uuid, bigint) to authenticated;

revoke all on all functions in schema private from public, anon, authenticated;
