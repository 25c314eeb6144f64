-- Local stack only: storage for the auth stand-in (scripts/stack/auth-server.js), which reaches
-- it through PostgREST with the service key (schema `local_auth`, exposed only by the local
-- stack). Going through PostgREST keeps every query on its one serialised connection, which
-- PGlite needs. Hosted Supabase has GoTrue instead and never sees this file.

create schema if not exists local_auth;
revoke all on schema local_auth from public;
grant usage on schema local_auth to service_role;

create table if not exists local_auth.refresh_tokens (
  token_hash text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  session_id uuid not null,
  revoked boolean not null default false,
  created_at timestamptz not null default now()
);
create index if not exists refresh_tokens_session on local_auth.refresh_tokens (session_id);
-- The session's sign-in methods (GoTrue's mfa_amr_claims): a refreshed token repeats them with
-- their original timestamps, as GoTrue does, so "signed in with a code" never looks fresher.
alter table local_auth.refresh_tokens add column if not exists amr jsonb not null default '[]'::jsonb;

create table if not exists local_auth.otp_codes (
  target text primary key,
  code_hash text not null,
  expires_at timestamptz not null
);

create or replace function local_auth.user_json(u auth.users) returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', u.id, 'aud', u.aud, 'role', u.role, 'email', coalesce(u.email, ''), 'phone', coalesce(u.phone, ''),
    'email_confirmed_at', u.email_confirmed_at, 'phone_confirmed_at', u.phone_confirmed_at,
    'confirmed_at', coalesce(u.email_confirmed_at, u.phone_confirmed_at),
    'last_sign_in_at', u.last_sign_in_at, 'app_metadata', u.raw_app_meta_data,
    'user_metadata', u.raw_user_meta_data, 'identities', '[]'::jsonb, 'is_anonymous', u.is_anonymous,
    'created_at', u.created_at, 'updated_at', u.updated_at, 'password_hash', u.encrypted_password
  )
$$;

create or replace function local_auth.create_user(p_email text, p_phone text, p_password_hash text, p_meta jsonb, p_anonymous boolean)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  u auth.users;
  provider text := case when p_anonymous then 'anonymous' when p_phone is not null then 'phone' else 'email' end;
begin
  if (p_email is not null and exists (select 1 from auth.users where email = p_email))
     or (p_phone is not null and exists (select 1 from auth.users where phone = p_phone)) then
    return null;
  end if;
  insert into auth.users (email, phone, encrypted_password, email_confirmed_at, phone_confirmed_at,
                          raw_app_meta_data, raw_user_meta_data, is_anonymous, last_sign_in_at)
  values (p_email, p_phone, p_password_hash,
          case when p_email is not null then now() end, case when p_phone is not null then now() end,
          jsonb_build_object('provider', provider, 'providers', jsonb_build_array(provider)),
          coalesce(p_meta, '{}'::jsonb), p_anonymous, now())
  returning * into u;
  return local_auth.user_json(u);
end
$$;

create or replace function local_auth.find_user(p_id uuid, p_email text, p_phone text) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select local_auth.user_json(u) from auth.users u
  where (p_id is not null and u.id = p_id) or (p_email is not null and u.email = p_email)
     or (p_phone is not null and u.phone = p_phone)
  limit 1
$$;

create or replace function local_auth.update_user(p_id uuid, p_email text, p_phone text, p_password_hash text, p_meta jsonb)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  u auth.users;
begin
  update auth.users set
    email = coalesce(p_email, email),
    email_confirmed_at = case when p_email is not null then now() else email_confirmed_at end,
    phone = coalesce(p_phone, phone),
    phone_confirmed_at = case when p_phone is not null then now() else phone_confirmed_at end,
    encrypted_password = coalesce(p_password_hash, encrypted_password),
    raw_user_meta_data = raw_user_meta_data || coalesce(p_meta, '{}'::jsonb),
    -- An anonymous user who adds an email or phone becomes a permanent one (as in GoTrue).
    is_anonymous = is_anonymous and p_email is null and p_phone is null,
    updated_at = now()
  where id = p_id
  returning * into u;
  return case when u.id is null then null else local_auth.user_json(u) end;
end
$$;

create or replace function local_auth.touch_sign_in(p_id uuid) returns void
language sql security definer
set search_path = ''
as $$ update auth.users set last_sign_in_at = now() where id = p_id $$;

drop function if exists local_auth.issue_refresh(uuid, uuid, text);
create or replace function local_auth.issue_refresh(p_user uuid, p_session uuid, p_hash text, p_amr jsonb) returns void
language sql security definer
set search_path = ''
as $$
  insert into local_auth.refresh_tokens (token_hash, user_id, session_id, amr)
  values (p_hash, p_user, p_session, coalesce(p_amr, '[]'::jsonb))
$$;

-- Single use with rotation: a token is good once. Reusing a spent token revokes its whole
-- session (GoTrue's reuse detection), so a stolen token dies with the original.
create or replace function local_auth.rotate_refresh(p_old text, p_new text) returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  t local_auth.refresh_tokens;
begin
  select * into t from local_auth.refresh_tokens where token_hash = p_old for update;
  if t.token_hash is null then return null; end if;
  if t.revoked then
    update local_auth.refresh_tokens set revoked = true where session_id = t.session_id;
    return null;
  end if;
  update local_auth.refresh_tokens set revoked = true where token_hash = p_old;
  insert into local_auth.refresh_tokens (token_hash, user_id, session_id, amr)
  values (p_new, t.user_id, t.session_id, t.amr);
  return jsonb_build_object('user_id', t.user_id, 'session_id', t.session_id, 'amr', t.amr);
end
$$;

create or replace function local_auth.end_session(p_session uuid) returns void
language sql security definer
set search_path = ''
as $$ update local_auth.refresh_tokens set revoked = true where session_id = p_session $$;

create or replace function local_auth.put_otp(p_target text, p_hash text, p_ttl_seconds int) returns void
language sql security definer
set search_path = ''
as $$
  insert into local_auth.otp_codes (target, code_hash, expires_at)
  values (p_target, p_hash, now() + make_interval(secs => p_ttl_seconds))
  on conflict (target) do update set code_hash = excluded.code_hash, expires_at = excluded.expires_at
$$;

create or replace function local_auth.take_otp(p_target text, p_hash text) returns boolean
language sql security definer
set search_path = ''
as $$
  with taken as (
    delete from local_auth.otp_codes
    where target = p_target and code_hash = p_hash and expires_at > now()
    returning 1
  )
  select exists (select 1 from taken)
$$;

-- GoTrue's admin "delete user": rows that reference the user cascade (or are set null).
create or replace function local_auth.delete_user(p_id uuid) returns boolean
language sql security definer
set search_path = ''
as $$
  with gone as (delete from auth.users where id = p_id returning 1)
  select exists (select 1 from gone)
$$;

revoke all on all functions in schema local_auth from public, anon, authenticated;
grant execute on all functions in schema local_auth to service_role;
