-- A final attempt needs a contact the person PROVED they control (issue 10, docs/certification.md
-- "Threat model"). email_confirmed_at proves nothing here: email sign-ups are auto-confirmed
-- ([auth.email] enable_confirmations = false), so a throw-away x@nowhere.invalid account was
-- "confirmed". Seekh now keeps its own proof: a contact is recorded only from a session that
-- signed in with a one-time code moments ago, and only the contact auth.users holds for that
-- account. Sign-up itself stays instant (learners keep learning and syncing right away); the
-- code is asked for on the final-assessment page only.
--
-- Why a real email_confirmed_at does not count even where confirmations are switched on: the
-- database cannot tell a confirmation link from auto-confirmation, an admin-created user, or an
-- account confirmed before the setting changed. One rule everywhere, failing closed. (Clicking
-- a confirmation link also starts an OTP session in GoTrue, so the page's code step is the
-- only extra step such a learner sees.)

-- ---------------------------------------------------------------- the proof
create table private.verified_contacts (
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (kind in ('email', 'phone')),
  -- As auth.users holds it: email lower-cased, phone digits without '+'.
  value text not null,
  verified_at timestamptz not null default now(),
  primary key (user_id, kind),
  -- One proven contact verifies one account at a time: a newer proof moves it (below).
  unique (kind, value)
);

-- When an account's email or phone last changed. With auto-confirmation GoTrue applies an email
-- change at once, so "OTP with a real address, switch to a throw-away one, record" would verify
-- the throw-away one (and free the real address for the next account). A code proves only the
-- contact the account held when the code was used.
create table private.contact_changes (
  user_id uuid primary key references auth.users (id) on delete cascade,
  changed_at timestamptz not null
);

create function private.note_contact_change() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into private.contact_changes (user_id, changed_at) values (new.id, clock_timestamp())
  on conflict (user_id) do update set changed_at = excluded.changed_at;
  return null;
end
$$;

-- GoTrue writes whole rows (every column in SET), so the WHEN compares values.
create trigger seekh_contact_changed after update of email, phone on auth.users
  for each row when (old.email is distinct from new.email or old.phone is distinct from new.phone)
  execute function private.note_contact_change();

-- The contact as Seekh compares it.
create function private.contact_value(p_kind text, p_email text, p_phone text) returns text
language sql immutable
set search_path = ''
as $$
  select case p_kind
    when 'email' then nullif(lower(btrim(coalesce(p_email, ''))), '')
    when 'phone' then nullif(regexp_replace(coalesce(p_phone, ''), '^\+', ''), '')
  end
$$;

-- Called by the app right after verifyOtp (email on the assessment page, phone at sign-in). The
-- caller says only WHICH kind they just proved; the value comes from auth.users, the proof from
-- the signed token: GoTrue lists the session's sign-in methods in `amr` ({method, timestamp});
-- an OTP or magic-link session has method 'otp', a password one 'password'. Refreshing keeps the
-- original timestamp, so "recent" means a code typed in the last 10 minutes.
-- Errors: 42501 not signed in; PT403 with hint 'verify_account' (anonymous), 'otp_required' (no
-- recent code in this session, or the contact changed after it), 'no_contact' (no such contact).
create function public.record_verified_contact(kind text) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  claims jsonb := coalesce(auth.jwt(), '{}'::jsonb);
  proved_at timestamptz;
  changed timestamptz;
  u record;
  v text;
begin
  if caller is null then
    raise exception 'sign in first' using errcode = '42501';
  end if;
  if record_verified_contact.kind is null or record_verified_contact.kind not in ('email', 'phone') then
    raise exception 'kind must be email or phone' using errcode = '22023';
  end if;
  select x.email, x.phone, x.is_anonymous into u from auth.users x where x.id = caller;
  if not found or coalesce(u.is_anonymous, false) or coalesce((claims ->> 'is_anonymous')::boolean, false) then
    raise exception 'make an account first' using errcode = 'PT403', hint = 'verify_account';
  end if;
  select max(to_timestamp((e ->> 'timestamp')::double precision)) into proved_at
  from jsonb_array_elements(case when jsonb_typeof(claims -> 'amr') = 'array' then claims -> 'amr' else '[]' end) e
  where e ->> 'method' = 'otp' and jsonb_typeof(e -> 'timestamp') = 'number';
  if proved_at is null or proved_at < now() - interval '10 minutes' or proved_at > now() + interval '1 minute' then
    raise exception 'sign in with a one-time code first' using errcode = 'PT403', hint = 'otp_required';
  end if;
  select c.changed_at into changed from private.contact_changes c where c.user_id = caller;
  -- amr timestamps are whole seconds (rounded down): a change in the same second as the code
  -- counts as after it. Fail closed; the learner just asks for a new code.
  if changed is not null and changed >= proved_at then
    raise exception 'the contact changed after the code was used' using errcode = 'PT403', hint = 'otp_required';
  end if;
  v := private.contact_value(record_verified_contact.kind, u.email, u.phone);
  if v is null then
    raise exception 'this account has no %', record_verified_contact.kind using errcode = 'PT403', hint = 'no_contact';
  end if;
  delete from private.verified_contacts c
    where c.kind = record_verified_contact.kind and c.value = v and c.user_id <> caller;
  insert into private.verified_contacts (user_id, kind, value, verified_at)
  values (caller, record_verified_contact.kind, v, now())
  on conflict on constraint verified_contacts_pkey do update set value = excluded.value, verified_at = excluded.verified_at;
  return jsonb_build_object('kind', record_verified_contact.kind, 'verified', true);
end
$$;
revoke all on function public.record_verified_contact(text) from public, anon;
grant execute on function public.record_verified_contact(text) to authenticated;

-- ---------------------------------------------------------------- the gate
-- Replaces the confirmed_at check of 20261202100000 at its one definition, so tickets, grading
-- and certificate eligibility all follow. A recorded contact counts only while the account still
-- holds it (an email changed since then needs a new code).
create or replace function private.account_verified(p_user uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from auth.users u
    join private.verified_contacts c on c.user_id = u.id
    where u.id = p_user and not coalesce(u.is_anonymous, false)
      and c.value = private.contact_value(c.kind, u.email, u.phone)
  )
$$;

-- Tickets: anonymous callers are told to make an account; a permanent account without a proven
-- contact is told to confirm it (hint verify_contact), so the page can offer the code there.
create or replace function private.caller_verified() returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false)
     or exists (select 1 from auth.users u where u.id = auth.uid() and u.is_anonymous) then
    return false;
  end if;
  if not private.account_verified(auth.uid()) then
    raise exception 'a final assessment needs a confirmed email or phone'
      using errcode = 'PT403', hint = 'verify_contact';
  end if;
  return true;
end
$$;

revoke all on all functions in schema private from public, anon, authenticated;
revoke all on all tables in schema private from public, anon, authenticated;
