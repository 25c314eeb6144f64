-- Certification hardening (issue 10, docs/certification.md "Threat model"): each block below
-- closes one way a determined cheater got a certificate, or a revoked one to verify.

-- ---------------------------------------------------------------- who may sit a final attempt
-- Anonymous accounts cost nothing to make, so a pool's key could be mined with throw-away
-- ones. A final attempt, its grading and a certificate need a permanent account whose email or
-- phone was confirmed. Checked on the auth.users row (the token's claim alone could be stale).
create function private.account_verified(p_user uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from auth.users u
    where u.id = p_user and not coalesce(u.is_anonymous, false)
      and (u.email_confirmed_at is not null or u.phone_confirmed_at is not null)
  )
$$;

-- The caller, as PostgREST sees them: token not anonymous AND the account row verified.
create function private.caller_verified() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false) = false
    and private.account_verified(auth.uid())
$$;

-- Restrictive policies: whatever other policy matches, an anonymous token reads no results
-- and no certificates (permissive policies alone would OR with future ones).
create policy "no anonymous results" on public.assessment_results as restrictive for select to authenticated
  using (coalesce(((select auth.jwt()) ->> 'is_anonymous')::boolean, false) = false);
create policy "no anonymous certificates" on public.certificates as restrictive for select to authenticated
  using (coalesce(((select auth.jwt()) ->> 'is_anonymous')::boolean, false) = false);

-- ---------------------------------------------------------------- scores stay on the server
-- A score moves with every single answer, so it leaks the key one question at a time. A
-- learner reads pass/fail and the topics to revise; score, correct and total stay for staff
-- (pending_demonstrations) and the issuer (certificate_eligibility, service role).
revoke select on public.assessment_results from authenticated;
grant select (event_id, owner, course_id, ticket_id, status, reason, pass_mark, revise_topics, graded_at)
  on public.assessment_results to authenticated;

-- ---------------------------------------------------------------- rate limits (in the database)
-- Per device and per IP, shared by every app and API process. Rules are rows, so operations
-- can tune them (public.set_rate_rule) without a migration.
create table private.rate_rules (
  rule text primary key,
  max_count int not null check (max_count > 0),
  per interval not null
);
-- Schools share one IP (NAT) and lab tablets are shared, so IP limits are generous; the
-- device limits are tighter. An attacker can vary the device id but not the IP.
insert into private.rate_rules (rule, max_count, per) values
  ('final_attempt_ip', 120, '1 hour'),
  ('final_attempt_device', 10, '1 hour'),
  ('final_account_ip', 60, '1 day'),
  ('final_account_device', 10, '1 day');

create table private.rate_hits (
  rule text not null,
  key text not null,
  -- What is counted: an attempt (event id) or an account (user id); distinct per window.
  subject text not null,
  at timestamptz not null default now()
);
create index rate_hits_rule_key_at on private.rate_hits (rule, key, at);

-- Where the client IP comes from. Only a header the proxy in front of PostgREST OVERWRITES can
-- be trusted: the local gateway sets x-seekh-client-ip from the socket. 'x-forwarded-for'
-- means "the rightmost entry", the one the last (trusted) proxy appended.
create table private.settings (
  key text primary key,
  value text not null
);
insert into private.settings (key, value) values ('client_ip_header', 'x-seekh-client-ip');

create function private.request_ip() returns text
language plpgsql stable
set search_path = ''
as $$
declare
  header text := coalesce((select s.value from private.settings s where s.key = 'client_ip_header'), '');
  headers jsonb;
  raw text;
begin
  begin
    headers := nullif(current_setting('request.headers', true), '')::jsonb;
  exception when others then
    headers := null;
  end;
  raw := headers ->> lower(header);
  if raw is null or btrim(raw) = '' then return 'unknown'; end if;
  if lower(header) = 'x-forwarded-for' then
    raw := (string_to_array(raw, ','))[cardinality(string_to_array(raw, ','))];
  end if;
  return left(btrim(raw), 64);
end
$$;

-- One hit of `subject` against rule/key. Returns false (and records nothing) when the window
-- is full. A subject already counted in the window is always allowed (an account retrying).
create function private.rate_allow(p_rule text, p_key text, p_subject text) returns boolean
language plpgsql volatile
set search_path = ''
as $$
declare
  r private.rate_rules;
  used int;
begin
  select * into r from private.rate_rules x where x.rule = p_rule;
  if not found then return true; end if;
  -- Serialise hits on the same bucket, so concurrent pushes cannot both take the last slot.
  perform pg_advisory_xact_lock(hashtextextended('rate:' || p_rule || ':' || p_key, 0));
  delete from private.rate_hits h where h.rule = p_rule and h.key = p_key and h.at < now() - r.per;
  if exists (select 1 from private.rate_hits h where h.rule = p_rule and h.key = p_key and h.subject = p_subject) then
    return true;
  end if;
  select count(distinct h.subject) into used from private.rate_hits h where h.rule = p_rule and h.key = p_key;
  if used >= r.max_count then return false; end if;
  insert into private.rate_hits (rule, key, subject) values (p_rule, p_key, p_subject);
  return true;
end
$$;

-- Operations (service role only): change a limit, e.g. for an exam day at one centre.
create function public.set_rate_rule(rule text, max_count int, per_seconds int) returns void
language sql volatile security definer
set search_path = ''
as $$
  insert into private.rate_rules (rule, max_count, per)
  values (set_rate_rule.rule, set_rate_rule.max_count, make_interval(secs => set_rate_rule.per_seconds))
  on conflict (rule) do update set max_count = excluded.max_count, per = excluded.per
$$;
revoke all on function public.set_rate_rule(text, int, int) from public, anon, authenticated;
grant execute on function public.set_rate_rule(text, int, int) to service_role;

-- ---------------------------------------------------------------- stratified draws
-- Every topic in the pool gets floor(draw / topics) questions, the remainder goes to topics
-- chosen at random; each topic's questions are picked at random. So every attempt covers every
-- topic (courses:check makes sure draw >= topics and each topic has enough questions). If a
-- topic runs short (a question retired), the gap is filled from the other topics.
create function private.draw_questions(p_course text, p_draw int) returns text[]
language plpgsql volatile
set search_path = ''
as $$
declare
  picked text[];
begin
  with topics as (
    select t.topic, row_number() over (order by random()) as r, count(*) over () as n
    from (select distinct q.topic from private.assessment_questions q
          where q.course_id = p_course and not q.retired) t
  ), quota as (
    select t.topic, (p_draw / t.n) + case when t.r <= p_draw % t.n then 1 else 0 end as k from topics t
  ), ranked as (
    select q.question_id, q.topic, row_number() over (partition by q.topic order by random()) as rn
    from private.assessment_questions q where q.course_id = p_course and not q.retired
  )
  select array_agg(x.question_id) into picked
  from ranked x join quota k on k.topic = x.topic where x.rn <= k.k;
  picked := coalesce(picked, '{}');
  if cardinality(picked) < p_draw then
    picked := picked || array(select q.question_id from private.assessment_questions q
      where q.course_id = p_course and not q.retired and q.question_id <> all (picked)
      order by random() limit p_draw - cardinality(picked));
  end if;
  -- Shuffle, so the order of topics tells nothing.
  return array(select p from unnest(picked) p order by random());
end
$$;

-- ---------------------------------------------------------------- tickets
-- As before (20261125300000), plus: verified accounts only; the same per-learner advisory lock
-- as sync_push, so concurrent top-ups cannot pile up more than three; stratified draws.
create or replace function public.assessment_tickets(course text, wanted int default 3) returns jsonb
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
  if not private.caller_verified() then
    -- PT403: PostgREST answers 403; the hint tells the app which message to show.
    raise exception 'a final assessment needs an account with a confirmed email or phone'
      using errcode = 'PT403', hint = 'verify_account';
  end if;
  select * into cfg from private.assessment_config c where c.course_id = course;
  if not found then
    raise exception 'course % has no final assessment', course using errcode = '22023';
  end if;
  perform pg_advisory_xact_lock(hashtextextended(caller::text, 0));
  passed := exists (select 1 from public.assessment_results r
    where r.owner = caller and r.course_id = cfg.course_id and r.status = 'passed');
  locked := private.assessment_locked_until(caller, cfg.course_id, now());
  if not passed and locked is null then
    select count(*) into held from private.assessment_tickets t
      where t.owner = caller and t.course_id = cfg.course_id and t.used_by is null and t.expires_at > now();
    for i in 1..greatest(least(coalesce(wanted, 3), 3) - held, 0) loop
      insert into private.assessment_tickets (owner, course_id, questions, expires_at)
      values (caller, cfg.course_id, private.draw_questions(cfg.course_id, cfg.draw), now() + interval '14 days');
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
    'attempts_left', private.attempts_left(caller, cfg.course_id),
    'tickets', case when passed or locked is not null then '[]'::jsonb else coalesce((
      select jsonb_agg(jsonb_build_object('ticket_id', t.id, 'owner', t.owner, 'course_id', t.course_id,
        'questions', to_jsonb(t.questions), 'expires_at', t.expires_at,
        'expires', extract(epoch from t.expires_at)::bigint, 'sig', private.ticket_signature(t),
        'content', (select jsonb_agg(jsonb_build_object('id', q.question_id, 'type', q.type,
            'options', to_jsonb(q.options), 'text', q.text) order by array_position(t.questions, q.question_id))
          from private.assessment_questions q where q.course_id = t.course_id and q.question_id = any (t.questions)))
        order by t.issued_at)
      from private.assessment_tickets t
      where t.owner = caller and t.course_id = cfg.course_id and t.used_by is null and t.expires_at > now()),
      '[]'::jsonb) end);
end
$$;

-- Failed attempts left in the current round (the page shows it after a result).
create function private.attempts_left(p_owner uuid, p_course text) returns int
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
  if not found then return 0; end if;
  -- The same rounds as assessment_locked_until: a round ends when its cooldown has passed.
  for failed_at in
    select r.graded_at from public.assessment_results r
    where r.owner = p_owner and r.course_id = p_course and r.status = 'failed' order by r.graded_at
  loop
    if lock_end is not null and failed_at >= lock_end then n := 0; lock_end := null; end if;
    n := n + 1;
    if n >= cfg.attempts then lock_end := failed_at + make_interval(hours => cfg.cooldown_hours); end if;
  end loop;
  if lock_end is not null and lock_end <= now() then return cfg.attempts; end if;
  return greatest(cfg.attempts - n, 0);
end
$$;

-- Learners ask how many attempts they have left after a result, without drawing tickets.
create function public.assessment_attempts_left(course text) returns int
language sql stable security definer
set search_path = ''
as $$ select private.attempts_left((select auth.uid()), assessment_attempts_left.course) $$;
revoke all on function public.assessment_attempts_left(text) from public, anon;
grant execute on function public.assessment_attempts_left(text) to authenticated;

-- ---------------------------------------------------------------- grading
-- Wraps the original grading: refuses unverified owners and over-limit devices/IPs before the
-- ticket is used, and makes the feedback safe: no score for the learner (column grants above),
-- and on a failed attempt every topic with a wrong or missing answer, plus every topic drawn
-- only once (its presence would otherwise give that one answer away).
create function private.grade_final(ev public.learner_events) returns public.assessment_results
language plpgsql
set search_path = ''
as $$
declare
  result public.assessment_results;
  ip text := private.request_ip();
  single_topics text[];
  limited boolean := false;
begin
  if not private.account_verified(ev.owner) then
    result.event_id := ev.id; result.owner := ev.owner; result.course_id := ev.course_id;
    result.status := 'rejected'; result.reason := 'verify_account'; result.revise_topics := '{}';
    result.graded_at := ev.server_ts;
    return result;
  end if;
  -- One rule after another (SQL does not promise the order of AND), stopping at the first full
  -- one, so a refused attempt takes no slot from the rules after it.
  if not private.rate_allow('final_account_ip', ip, ev.owner::text) then limited := true;
  elsif not private.rate_allow('final_account_device', ev.device_id::text, ev.owner::text) then limited := true;
  elsif not private.rate_allow('final_attempt_ip', ip, ev.id::text) then limited := true;
  elsif not private.rate_allow('final_attempt_device', ev.device_id::text, ev.id::text) then limited := true;
  end if;
  if limited then
    result.event_id := ev.id; result.owner := ev.owner; result.course_id := ev.course_id;
    result.status := 'rejected'; result.reason := 'rate_limited'; result.revise_topics := '{}';
    result.graded_at := ev.server_ts;
    return result;
  end if;
  result := private.grade_submission(ev);
  if result.status = 'failed' then
    select array_agg(q.topic) into single_topics from (
      select aq.topic from private.assessment_tickets t
      join private.assessment_questions aq on aq.course_id = t.course_id and aq.question_id = any (t.questions)
      where t.id = result.ticket_id group by aq.topic having count(*) = 1) q;
    result.revise_topics := array(select distinct x from unnest(result.revise_topics || coalesce(single_topics, '{}')) x
      order by x);
  end if;
  return result;
end
$$;

create or replace function private.on_assessment_submitted() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.assessment_results select * from private.grade_final(new)
  on conflict (event_id) do nothing;
  return null;
exception when others then
  raise warning 'grading % failed: %', new.id, sqlerrm;
  insert into public.assessment_results (event_id, owner, course_id, status, reason, graded_at)
  values (new.id, new.owner, new.course_id, 'rejected', 'grading_error', new.server_ts)
  on conflict (event_id) do nothing;
  return null;
end
$$;

-- ---------------------------------------------------------------- certificates
-- Eligibility also needs a verified, permanent account (anonymous accounts are never certified).
create or replace function public.certificate_eligibility(learner uuid, course text) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  cfg private.assessment_config;
  best public.assessment_results;
  approved boolean;
begin
  if not private.account_verified(learner) then
    return jsonb_build_object('eligible', false, 'reason', 'verify_account');
  end if;
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

-- The revoked indexes as ONE value: a table read through PostgREST is cut at max_rows (1,000
-- on hosted Supabase), which once left revoked certificates verifying as valid.
create function public.revoked_status_indexes() returns int[]
language sql stable security definer
set search_path = ''
as $$
  select coalesce(array_agg(c.status_index order by c.status_index), '{}')
  from public.certificates c where c.revoked_at is not null
$$;
revoke all on function public.revoked_status_indexes() from public, anon, authenticated;
grant execute on function public.revoked_status_indexes() to service_role;

-- ---------------------------------------------------------------- revocation by scope
-- May the caller revoke (and look up) certificates issued by this centre? A coe_admin with
-- scope '' covers every centre, with a centre id only that centre. The one place the rule
-- lives, so it can later be pointed at organisations (has_role_in) without touching callers.
create function private.may_revoke(p_centre text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.user_roles r
    where r.user_id = (select auth.uid()) and r.role = 'coe_admin' and (r.scope = '' or r.scope = p_centre)
  )
$$;

-- Called as the admin (their token): 42501 when the role or scope is missing, P0002 when there
-- is no such certificate. Revoking twice keeps the first date, reason and admin.
create function public.revoke_certificate(code text, reason text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  cert public.certificates;
begin
  if (select auth.uid()) is null then
    raise exception 'sign in' using errcode = '42501';
  end if;
  select * into cert from public.certificates c where c.code = upper(revoke_certificate.code) for update;
  -- Same answer for "no such code" and "not your centre" would hide existence, but admins need
  -- to know a mistyped code; scope is checked before anything about the row is returned.
  if cert.id is null then
    if not exists (select 1 from public.user_roles r where r.user_id = (select auth.uid()) and r.role = 'coe_admin') then
      raise exception 'coe admins only' using errcode = '42501';
    end if;
    raise exception 'no certificate with that code' using errcode = 'P0002';
  end if;
  if not private.may_revoke(cert.centre) then
    raise exception 'coe admins of centre % only', cert.centre using errcode = '42501';
  end if;
  if cert.revoked_at is null then
    update public.certificates set revoked_at = now(), revoked_by = (select auth.uid()),
      revoke_reason = left(coalesce(revoke_certificate.reason, ''), 500)
    where id = cert.id;
  end if;
  return jsonb_build_object('code', cert.code, 'revoked', true);
end
$$;
revoke all on function public.revoke_certificate(text, text) from public, anon;
grant execute on function public.revoke_certificate(text, text) to authenticated;

-- Scoped admins look up their own centre's certificates (global ones still see all).
drop policy "coe admin reads certificates" on public.certificates;
create policy "coe admin reads certificates" on public.certificates for select to authenticated
  using ((select public.has_role('coe_admin', centre)));

revoke all on all functions in schema private from public, anon, authenticated;
revoke all on all tables in schema private from public, anon, authenticated;
