-- Institutions, part 1 (issue 11): the organisation tree, subtree-scoped staff roles and the
-- append-only audit log. Everything later (compliance, cohorts, partners, monitoring) asks
-- "may the caller act on this organisation?" through public.has_role_in() and nothing else.
--
-- Why a closure table and not ltree: PGlite (the embedded stack) and hosted Supabase both have
-- plain tables, the subtree check is one index probe on (ancestor, descendant), and moving a
-- unit rewrites only the rows of its own subtree. `npm run bench:orgs` prints the figures.

-- ---------------------------------------------------------------- organisations
create table public.organisations (
  id uuid primary key default gen_random_uuid(),
  parent_id uuid references public.organisations (id) on delete restrict,
  kind text not null check (kind in (
    'programme',              -- the national programme itself: the one root
    'federal_government', 'ministry', 'division',
    'attached_department', 'autonomous_body', 'subordinate_office', 'wing', 'section',
    'provincial_government', 'provincial_department', 'district_office',
    'coe_ai', 'coe_centre', 'training_centre', 'school', 'university',
    'partner')),
  -- Stable, human-readable and unique: what HR files and partner rosters refer to.
  code text not null unique check (code ~ '^[A-Z0-9][A-Z0-9._-]{0,39}$'),
  -- Name per language, e.g. {"en": "Establishment Division", "ur": "اسٹیبلشمنٹ ڈویژن"}; English required.
  names jsonb not null check (jsonb_typeof(names) = 'object' and names ? 'en'
    and char_length(names ->> 'en') between 1 and 200 and pg_column_size(names) <= 4096),
  province text check (province in ('punjab', 'sindh', 'khyber-pakhtunkhwa', 'balochistan', 'islamabad',
                                    'gilgit-baltistan', 'azad-kashmir')),
  district text check (char_length(district) <= 80),
  -- Sample data (npm run stack seeds a sample tree) is marked so that no screen shows it as real.
  is_sample boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (parent_id is distinct from id)
);
create index organisations_parent on public.organisations (parent_id);
create unique index organisations_one_root on public.organisations ((true)) where parent_id is null;
create trigger organisations_updated_at before update on public.organisations
  for each row execute function private.touch_updated_at();

-- Every (ancestor, descendant) pair, including each unit with itself at depth 0.
create table public.organisation_closure (
  ancestor uuid not null references public.organisations (id) on delete cascade,
  descendant uuid not null references public.organisations (id) on delete cascade,
  depth int not null check (depth >= 0),
  primary key (ancestor, descendant)
);
create index organisation_closure_descendant on public.organisation_closure (descendant, ancestor);

create function private.organisation_closure_insert() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.organisation_closure (ancestor, descendant, depth) values (new.id, new.id, 0);
  if new.parent_id is not null then
    insert into public.organisation_closure (ancestor, descendant, depth)
      select c.ancestor, new.id, c.depth + 1 from public.organisation_closure c where c.descendant = new.parent_id;
  end if;
  return new;
end
$$;
create trigger organisations_closure_insert after insert on public.organisations
  for each row execute function private.organisation_closure_insert();

-- Moving a unit: refuse a cycle, a second root, then relink its whole subtree under the new parent.
create function private.organisation_move() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.parent_id is not distinct from old.parent_id then return new; end if;
  if new.parent_id is null then
    raise exception 'organisation % cannot become a second root', old.code using errcode = '23514';
  end if;
  if exists (select 1 from public.organisation_closure c where c.ancestor = old.id and c.descendant = new.parent_id) then
    raise exception 'moving organisation % under % would make a cycle', old.code,
      (select o.code from public.organisations o where o.id = new.parent_id) using errcode = '23514';
  end if;
  -- Unlink the subtree from its old ancestors (not from itself) ...
  delete from public.organisation_closure c
    where c.descendant in (select s.descendant from public.organisation_closure s where s.ancestor = old.id)
      and c.ancestor in (select a.ancestor from public.organisation_closure a where a.descendant = old.id and a.ancestor <> old.id);
  -- ... and link it under the new parent's ancestors.
  insert into public.organisation_closure (ancestor, descendant, depth)
    select a.ancestor, s.descendant, a.depth + s.depth + 1
    from public.organisation_closure a, public.organisation_closure s
    where a.descendant = new.parent_id and s.ancestor = old.id;
  return new;
end
$$;
create trigger organisations_move after update of parent_id on public.organisations
  for each row execute function private.organisation_move();

-- Removing a unit that still has sub-units, members or roles would orphan them: refuse plainly.
create function private.organisation_delete_guard() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if exists (select 1 from public.organisations o where o.parent_id = old.id) then
    raise exception 'organisation % still has sub-units; move or remove them first', old.code using errcode = '23503';
  end if;
  if exists (select 1 from public.organisation_members m where m.org_id = old.id)
     or exists (select 1 from public.org_roles r where r.org_id = old.id) then
    raise exception 'organisation % still has members or staff roles; move them first', old.code using errcode = '23503';
  end if;
  return old;
end
$$;
create trigger organisations_delete_guard before delete on public.organisations
  for each row execute function private.organisation_delete_guard();

-- ---------------------------------------------------------------- memberships and roles
-- A person belongs to organisations (an officer to their section, a trainee to a centre).
create table public.organisation_members (
  org_id uuid not null references public.organisations (id) on delete restrict,
  user_id uuid not null references auth.users (id) on delete cascade,
  added_by uuid references auth.users (id) on delete set null,
  added_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create index organisation_members_user on public.organisation_members (user_id);

-- A staff role is held in one organisation and covers its whole subtree.
create table public.org_roles (
  user_id uuid not null references auth.users (id) on delete cascade,
  org_id uuid not null references public.organisations (id) on delete restrict,
  role text not null check (role in ('org_admin', 'trainer', 'assessor', 'partner_admin', 'coe_admin', 'auditor')),
  granted_by uuid references auth.users (id) on delete set null,
  granted_at timestamptz not null default now(),
  primary key (user_id, org_id, role)
);
create index org_roles_org on public.org_roles (org_id, role);

-- THE question every policy and function asks: does the caller hold `wanted` in `org` or in
-- any unit above it? Security definer so policies can call it without reading org_roles via RLS.
create function public.has_role_in(org uuid, wanted text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.org_roles r
    join public.organisation_closure c on c.ancestor = r.org_id
    where r.user_id = (select auth.uid()) and r.role = wanted and c.descendant = org
  )
$$;
revoke all on function public.has_role_in(uuid, text) from public, anon;
grant execute on function public.has_role_in(uuid, text) to authenticated, service_role;

-- The units the caller covers with a role (their grants' subtrees), for listings that must not
-- call has_role_in() once per row. Same rule as has_role_in(), answered as a set.
create function public.orgs_with_role(wanted text) returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select distinct c.descendant
  from public.org_roles r
  join public.organisation_closure c on c.ancestor = r.org_id
  where r.user_id = (select auth.uid()) and r.role = wanted
$$;
revoke all on function public.orgs_with_role(text) from public, anon;
grant execute on function public.orgs_with_role(text) to authenticated, service_role;

-- Programme-wide staff: a role held at the root organisation.
create function public.has_programme_role(wanted text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.org_roles r join public.organisations o on o.id = r.org_id
    where r.user_id = (select auth.uid()) and r.role = wanted and o.parent_id is null
  )
$$;
revoke all on function public.has_programme_role(text) from public, anon;
grant execute on function public.has_programme_role(text) to authenticated, service_role;

-- ---------------------------------------------------------------- audit log (append-only)
create table public.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor uuid,                 -- null: the system or the operator's service key
  org_id uuid,                -- deliberately no foreign key: the log outlives what it describes
  action text not null check (action ~ '^[a-z][a-z_.]{2,63}$'),
  target_type text check (char_length(target_type) <= 40),
  target_id text check (char_length(target_id) <= 200),
  before jsonb,
  after jsonb
);
create index audit_log_org_at on public.audit_log (org_id, at desc);
create index audit_log_at on public.audit_log (at desc);

-- Nobody edits history, not even the service role or the table owner via the API.
create function private.audit_log_is_append_only() returns trigger
language plpgsql
set search_path = ''
as $$ begin raise exception 'the audit log is append-only' using errcode = '42501'; end $$;
create trigger audit_log_no_update before update or delete on public.audit_log
  for each row execute function private.audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.audit_log_is_append_only();

-- The one way to write to it: called by the security-definer functions that change things.
create function private.audit(action text, org uuid, target_type text, target_id text,
                              before jsonb default null, after jsonb default null) returns void
language sql volatile security definer
set search_path = ''
as $$
  insert into public.audit_log (actor, org_id, action, target_type, target_id, before, after)
  values ((select auth.uid()), org, action, target_type, target_id, before, after)
$$;

-- ---------------------------------------------------------------- RLS
alter table public.organisations enable row level security;
alter table public.organisation_closure enable row level security;
alter table public.organisation_members enable row level security;
alter table public.org_roles enable row level security;
alter table public.audit_log enable row level security;

-- The tree itself is not secret (names and codes of public bodies and centres): every signed-in
-- person may read it, e.g. to pick their unit. Writes go through the functions below only.
create policy "signed-in people read organisations" on public.organisations for select to authenticated using (true);
create policy "signed-in people read the tree" on public.organisation_closure for select to authenticated using (true);
revoke all on public.organisations, public.organisation_closure from anon;
revoke insert, update, delete, truncate on public.organisations, public.organisation_closure from authenticated;

create policy "member or unit staff read memberships" on public.organisation_members for select to authenticated
  using (user_id = (select auth.uid())
         or org_id in (select public.orgs_with_role('org_admin'))
         or org_id in (select public.orgs_with_role('auditor'))
         or org_id in (select public.orgs_with_role('coe_admin')));
revoke all on public.organisation_members from anon;
revoke insert, update, delete, truncate on public.organisation_members from authenticated;

create policy "own roles or unit admins read roles" on public.org_roles for select to authenticated
  using (user_id = (select auth.uid())
         or org_id in (select public.orgs_with_role('org_admin'))
         or org_id in (select public.orgs_with_role('auditor'))
         or org_id in (select public.orgs_with_role('coe_admin')));
revoke all on public.org_roles from anon;
revoke insert, update, delete, truncate on public.org_roles from authenticated;

create policy "admins and auditors of the unit read its log" on public.audit_log for select to authenticated
  using (org_id in (select public.orgs_with_role('org_admin'))
         or org_id in (select public.orgs_with_role('auditor'))
         or org_id in (select public.orgs_with_role('coe_admin'))
         or (org_id is null and (select public.has_programme_role('coe_admin')))
         or (org_id is null and (select public.has_programme_role('auditor'))));
revoke all on public.audit_log from anon;
revoke insert, update, delete, truncate on public.audit_log from authenticated;

-- ---------------------------------------------------------------- staff writes (audited)
-- Grant a role in `org` (covering its subtree). Only an org_admin or coe_admin of that unit may;
-- coe_admin and auditor can be granted only by a coe_admin (an org_admin cannot mint overseers).
create function public.grant_org_role(target_user uuid, org uuid, role text) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  granted boolean;
begin
  if (select auth.uid()) is null then raise exception 'sign in first' using errcode = '42501'; end if;
  if not (public.has_role_in(org, 'org_admin') or public.has_role_in(org, 'coe_admin')) then
    raise exception 'you are not an administrator of this organisation' using errcode = '42501';
  end if;
  if role in ('coe_admin', 'auditor') and not public.has_role_in(org, 'coe_admin') then
    raise exception 'only a CoE-AI administrator can grant %', role using errcode = '42501';
  end if;
  if not exists (select 1 from auth.users u where u.id = target_user) then
    raise exception 'no such person' using errcode = '23503';
  end if;
  insert into public.org_roles (user_id, org_id, role, granted_by)
    values (target_user, org, grant_org_role.role, (select auth.uid()))
    on conflict do nothing
    returning true into granted;
  if granted then
    perform private.audit('role.granted', org, 'person', target_user::text, null, jsonb_build_object('role', role));
  end if;
end
$$;
revoke all on function public.grant_org_role(uuid, uuid, text) from public, anon;
grant execute on function public.grant_org_role(uuid, uuid, text) to authenticated;

create function public.revoke_org_role(target_user uuid, org uuid, role text) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  removed boolean;
begin
  if (select auth.uid()) is null then raise exception 'sign in first' using errcode = '42501'; end if;
  if not (public.has_role_in(org, 'org_admin') or public.has_role_in(org, 'coe_admin')) then
    raise exception 'you are not an administrator of this organisation' using errcode = '42501';
  end if;
  if role in ('coe_admin', 'auditor') and not public.has_role_in(org, 'coe_admin') then
    raise exception 'only a CoE-AI administrator can revoke %', role using errcode = '42501';
  end if;
  delete from public.org_roles r
    where r.user_id = target_user and r.org_id = org and r.role = revoke_org_role.role
    returning true into removed;
  if removed then
    perform private.audit('role.revoked', org, 'person', target_user::text, jsonb_build_object('role', role), null);
  end if;
end
$$;
revoke all on function public.revoke_org_role(uuid, uuid, text) from public, anon;
grant execute on function public.revoke_org_role(uuid, uuid, text) to authenticated;

-- Add a unit under `parent` (an org_admin or coe_admin of the parent may).
create function public.create_organisation(parent uuid, kind text, code text, names jsonb,
                                           province text default null, district text default null) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  created uuid;
begin
  if not (public.has_role_in(parent, 'org_admin') or public.has_role_in(parent, 'coe_admin')) then
    raise exception 'you are not an administrator of the parent organisation' using errcode = '42501';
  end if;
  insert into public.organisations (parent_id, kind, code, names, province, district)
    values (parent, kind, upper(btrim(code)), names, province, nullif(btrim(district), ''))
    returning id into created;
  perform private.audit('organisation.created', created, 'organisation', created::text, null,
    jsonb_build_object('code', upper(btrim(code)), 'kind', kind, 'parent', parent, 'names', names));
  return created;
end
$$;
revoke all on function public.create_organisation(uuid, text, text, jsonb, text, text) from public, anon;
grant execute on function public.create_organisation(uuid, text, text, jsonb, text, text) to authenticated;

-- Move a unit: the caller must administer both the unit and its new parent.
create function public.move_organisation(org uuid, new_parent uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  old_parent uuid;
begin
  select o.parent_id into old_parent from public.organisations o where o.id = org;
  if not found then raise exception 'no such organisation' using errcode = '23503'; end if;
  if not ((public.has_role_in(org, 'org_admin') or public.has_role_in(org, 'coe_admin'))
          and (public.has_role_in(new_parent, 'org_admin') or public.has_role_in(new_parent, 'coe_admin'))) then
    raise exception 'you must administer both the unit and its new parent' using errcode = '42501';
  end if;
  update public.organisations set parent_id = new_parent where id = org;
  perform private.audit('organisation.moved', org, 'organisation', org::text,
    jsonb_build_object('parent', old_parent), jsonb_build_object('parent', new_parent));
end
$$;
revoke all on function public.move_organisation(uuid, uuid) from public, anon;
grant execute on function public.move_organisation(uuid, uuid) to authenticated;

-- Add or remove a member of a unit (its org_admin, or a coe_admin above it).
create function public.add_organisation_member(org uuid, person uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  added boolean;
begin
  if not (public.has_role_in(org, 'org_admin') or public.has_role_in(org, 'coe_admin')) then
    raise exception 'you are not an administrator of this organisation' using errcode = '42501';
  end if;
  insert into public.organisation_members (org_id, user_id, added_by) values (org, person, (select auth.uid()))
    on conflict do nothing returning true into added;
  if added then perform private.audit('member.added', org, 'person', person::text, null, null); end if;
end
$$;
revoke all on function public.add_organisation_member(uuid, uuid) from public, anon;
grant execute on function public.add_organisation_member(uuid, uuid) to authenticated;

create function public.remove_organisation_member(org uuid, person uuid) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  removed boolean;
begin
  if not (public.has_role_in(org, 'org_admin') or public.has_role_in(org, 'coe_admin')) then
    raise exception 'you are not an administrator of this organisation' using errcode = '42501';
  end if;
  delete from public.organisation_members m where m.org_id = org and m.user_id = person returning true into removed;
  if removed then perform private.audit('member.removed', org, 'person', person::text, null, null); end if;
end
$$;
revoke all on function public.remove_organisation_member(uuid, uuid) from public, anon;
grant execute on function public.remove_organisation_member(uuid, uuid) to authenticated;

-- Operations and local development (service role only; scripts/grant-role.js): grant a role in
-- an organisation by its code to the account with this email.
create function public.grant_org_role_by_email(email text, org_code text, role text) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  target uuid;
  org uuid;
begin
  select u.id into target from auth.users u where lower(u.email) = lower(btrim(grant_org_role_by_email.email));
  if target is null then raise exception 'no account with email %', email using errcode = 'P0002'; end if;
  select o.id into org from public.organisations o where o.code = upper(btrim(org_code));
  if org is null then raise exception 'no organisation with code %', org_code using errcode = 'P0002'; end if;
  insert into public.org_roles (user_id, org_id, role) values (target, org, grant_org_role_by_email.role)
    on conflict do nothing;
  insert into public.audit_log (actor, org_id, action, target_type, target_id, after)
    values (null, org, 'role.granted', 'person', target::text, jsonb_build_object('role', role, 'by', 'operator'));
  return target;
end
$$;
revoke all on function public.grant_org_role_by_email(text, text, text) from public, anon, authenticated;
grant execute on function public.grant_org_role_by_email(text, text, text) to service_role;

revoke all on all functions in schema private from public, anon;
