-- The People listing, faster, and search within a ministry (issue 11; `npm run bench:orgs`).
--
-- Listing. EXPLAIN (ANALYZE, BUFFERS) of org_people's page query as an org_admin of a 50,400-
-- member ministry: the walk of the (user_id, org_id) index is cheap (≈11,800 entries for 1,000
-- rows), but every listed person then ran private.staff_view_of — a probe of their memberships
-- joined to the caller's grants and the closure, 7 buffers a row — to find out what is the same
-- for everyone in the page: an org_admin/auditor/coe_admin/trainer grant at the unit or above
-- lists and names every member of the subtree, and an org_admin/coe_admin/assessor grant there
-- shows every member's contact. Those two answers are now worked out once per call; the per-row
-- rules run only for callers whose reach is patchy (grants below the unit, partner_admin with
-- consent). A person in several units of the subtree is listed at the first (DISTINCT ON over
-- the same index order). Unit codes and roles are looked up per page row by index.
--
-- Search. The old search tested every member of the ministry with strpos over auth.users and
-- profiles (2.3 s p50): nothing narrowed it. What a needle matches: a name containing it, an
-- email or phone starting with it (only where the caller may see the contact), an employee id
-- the caller may read (whole, any case), or the person's id. private.people_search keeps each
-- person's name and contact lower-cased, kept by triggers: a pg_trgm GIN index on names
-- (PGlite ships pg_trgm too; trigrams index Urdu as well as Latin letters) and a prefix btree
-- on contacts. A search first takes the candidates from those (and employees whose id
-- matches), then applies exactly the listing's rules to them: the candidates only narrow, they
-- never decide. Needles under three characters, or ones matching more than 20,000 people,
-- walk the listing instead and test each row (cheap filters first: the planner orders them by
-- cost, hence person_matches' declared cost).

create schema if not exists extensions;
create extension if not exists pg_trgm with schema extensions;

create table private.people_search (
  user_id uuid primary key references auth.users (id) on delete cascade,
  name text not null default '',    -- lower(profiles.display_name)
  contact text not null default ''  -- lower(coalesce(auth.users.email, auth.users.phone))
);
alter table private.people_search enable row level security;  -- no policies: functions only
revoke all on private.people_search from public, anon, authenticated;
-- A needle is found anywhere in a name (trigrams), and at the start of an email or phone
-- (a prefix of the btree): every email shares its domain's trigrams, which would make each
-- email search read the posting lists of half a million people.
create index people_search_name on private.people_search using gin (name extensions.gin_trgm_ops);
create index people_search_contact on private.people_search (contact text_pattern_ops);

insert into private.people_search (user_id, name, contact)
  select u.id, lower(coalesce(p.display_name, '')), lower(coalesce(u.email, u.phone, ''))
  from auth.users u left join public.profiles p on p.id = u.id;
analyze private.people_search;  -- the planner's estimates decide between candidates and a walk

create function private.people_search_contact() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.people_search (user_id, contact)
    values (new.id, lower(coalesce(new.email, new.phone, '')))
  on conflict (user_id) do update set contact = excluded.contact;
  return null;
end
$$;
create trigger seekh_people_search after insert or update of email, phone on auth.users
  for each row execute function private.people_search_contact();

create function private.people_search_name() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.people_search (user_id, name)
    values (new.id, lower(coalesce(new.display_name, '')))
  on conflict (user_id) do update set name = excluded.name;
  return null;
end
$$;
create trigger people_search_name after insert or update of display_name on public.profiles
  for each row execute function private.people_search_name();
revoke all on function private.people_search_contact(), private.people_search_name()
  from public, anon, authenticated;

-- Employee ids are typed as printed on an HR file; matched whole, case-insensitively.
create index employees_employee_id_lower on public.employees (lower(employee_id)) where user_id is not null;

-- Who may read an employee record (the employees policy "unit staff, the person and their
-- supervisor read the record"), for the search by employee id.
create function private.may_read_employee(e public.employees, me uuid) returns boolean
language sql stable as $$
  select e.user_id = me
      or e.org_id in (select public.compliance_viewer_orgs())
      or e.id in (select public.my_direct_reports())
$$;
revoke all on function private.may_read_employee(public.employees, uuid) from public, anon, authenticated;

-- Does the person match the needle as the caller may search them: a name containing it; an
-- email or phone starting with it, only if the caller may see the contact; an employee id the
-- caller may read, whole; their exact id.
create function private.person_matches(person uuid, needle text, reachable boolean, me uuid)
returns boolean
language sql stable as $$
  select person::text = needle
    or exists (select 1 from auth.users u left join public.profiles p on p.id = u.id
               where u.id = person
                 and ((reachable and starts_with(lower(coalesce(u.email, u.phone, '')), needle))
                      or strpos(lower(coalesce(p.display_name, '')), needle) > 0))
    or exists (select 1 from public.employees e
               where e.user_id = person and lower(e.employee_id) = needle
                 and private.may_read_employee(e, me))
$$;
-- Dear to run (a call of its own per row, probing users, profiles and employees): the planner
-- orders filters by cost, so this makes it come after the cheap ones (units, people_search).
alter function private.person_matches(uuid, text, boolean, uuid) cost 10000;
revoke all on function private.person_matches(uuid, text, boolean, uuid) from public, anon, authenticated;

drop function public.org_people(uuid, text, uuid, int);
create function public.org_people(org uuid, search text default null, after_user uuid default null,
                                  lim int default 50)
returns table (user_id uuid, display_name text, contact text, unit_id uuid, unit_code text, roles text[])
language plpgsql stable security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
declare
  me uuid := auth.uid();
  needle text := lower(nullif(btrim(search), ''));
  page int := least(greatest(coalesce(lim, 50), 1), 1000);
  -- Roles held at the root also cover people in no unit.
  name_root boolean;     -- staff_learner_profiles rows: org_admin, auditor, coe_admin, trainer, assessor
  partner_root boolean;  -- … and partner_admin, for learners who share their progress
  contact_root boolean;  -- staff_learner_profiles.contact: org_admin, coe_admin, assessor
  roles_here boolean;    -- org_roles policy: org_admin, auditor, coe_admin over `org`
  -- Held at `org` or above, so true of every member of the subtree (the organisation_members
  -- policy lists them and staff_learner_profiles names them / shows their contact).
  whole boolean;         -- org_admin, auditor, coe_admin, trainer
  contact_all boolean;   -- org_admin, coe_admin, assessor
  listed uuid[];         -- units of `org`'s subtree whose members the caller may see (the
                         -- organisation_members policy: org_admin, auditor, coe_admin, trainer, partner_admin)
  hits uuid[];           -- search candidates by name or contact; null = too many to narrow by
  extra uuid[] := '{}';  -- … and by employee id or the person's own id
  pattern text;          -- LIKE patterns: the needle anywhere, the needle first
  prefix text;
  page_ids uuid[];       -- the page's members, in order, and the unit each is listed at
  page_units uuid[];
begin
  if me is null then
    return;
  end if;
  select
    coalesce(bool_or(o.parent_id is null and r.role in ('org_admin', 'auditor', 'coe_admin', 'trainer', 'assessor')), false),
    coalesce(bool_or(o.parent_id is null and r.role = 'partner_admin'), false),
    coalesce(bool_or(o.parent_id is null and r.role in ('org_admin', 'coe_admin', 'assessor')), false),
    coalesce(bool_or(r.role in ('org_admin', 'auditor', 'coe_admin') and a.above), false),
    coalesce(bool_or(r.role in ('org_admin', 'auditor', 'coe_admin', 'trainer') and a.above), false),
    coalesce(bool_or(r.role in ('org_admin', 'coe_admin', 'assessor') and a.above), false)
  into name_root, partner_root, contact_root, roles_here, whole, contact_all
  from public.org_roles r
  join public.organisations o on o.id = r.org_id
  cross join lateral (select exists (select 1 from public.organisation_closure c
                                     where c.ancestor = r.org_id and c.descendant = org) as above) a
  where r.user_id = me;

  if whole then
    select coalesce(array_agg(c.descendant), '{}') into listed
    from public.organisation_closure c where c.ancestor = org;
  else
    select coalesce(array_agg(distinct c.descendant), '{}') into listed
    from public.organisation_closure c
    join public.organisation_closure g on g.descendant = c.descendant
    join public.org_roles r on r.org_id = g.ancestor
    where c.ancestor = org and r.user_id = me
      and r.role in ('org_admin', 'auditor', 'coe_admin', 'trainer', 'partner_admin');
  end if;

  if needle is not null then
    extra := coalesce((select array_agg(e.user_id) from public.employees e
                       where lower(e.employee_id) = needle and e.user_id is not null), '{}')
      || case when needle ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              then array[needle::uuid] else '{}' end;
    prefix := replace(replace(replace(needle, '\', '\\'), '%', '\%'), '_', '\_') || '%';
    pattern := '%' || prefix;
    if char_length(needle) >= 3 then
      select array_agg(distinct s.user_id) into hits
      from ((select s.user_id from private.people_search s where s.name like pattern limit 20001)
            union all
            (select s.user_id from private.people_search s where s.contact like prefix limit 20001)) s;
      hits := case when coalesce(cardinality(hits), 0) > 20000 then null
                   else coalesce(hits, '{}') || extra end;
    end if;
  end if;

  -- Each statement below is planned with the values above as constants (force_custom_plan).
  -- Without candidates, a big subtree's page walks the (user_id, org_id) index in order and
  -- stops when full; with candidates, their memberships are gathered first (a materialized
  -- CTE, so the planner cannot trade them for a walk of every member) and sorted.
  if whole and hits is null then
    select array_agg(x.user_id order by x.user_id), array_agg(x.org_id order by x.user_id)
    into page_ids, page_units
    from (select distinct on (m.user_id) m.user_id, m.org_id
          from public.organisation_members m
          where m.org_id = any (listed)
            and (after_user is null or m.user_id > after_user)
            and (needle is null or m.user_id = any (extra)
                 or exists (select 1 from private.people_search s
                            where s.user_id = m.user_id and (s.name like pattern or s.contact like prefix)))
            and (needle is null
                 or private.person_matches(m.user_id, needle,
                      contact_all or (select f.reachable from private.staff_view_of(m.user_id, null, me, org,
                                        name_root, partner_root, contact_root) f), me))
          order by m.user_id, m.org_id
          limit page) x;
  elsif whole then
    with candidate as materialized (
      select m.user_id, m.org_id
      from unnest(hits) h (id)
      cross join lateral (select m.user_id, m.org_id from public.organisation_members m
                          where m.user_id = h.id and m.org_id = any (listed)
                          offset 0) m  -- kept a probe per candidate, not flattened into a hash join
      where after_user is null or m.user_id > after_user
    )
    select array_agg(x.user_id order by x.user_id), array_agg(x.org_id order by x.user_id)
    into page_ids, page_units
    from (select distinct on (c.user_id) c.user_id, c.org_id
          from candidate c
          where private.person_matches(c.user_id, needle,
                  contact_all or (select f.reachable from private.staff_view_of(c.user_id, null, me, org,
                                    name_root, partner_root, contact_root) f), me)
          order by c.user_id, c.org_id
          limit page) x;
  else
    -- A patchy reach (grants below the unit, partner_admin with consent): the rules per person.
    with candidate as materialized (
      select m.user_id, m.org_id
      from unnest(hits) h (id)
      cross join lateral (select m.user_id, m.org_id from public.organisation_members m
                          where m.user_id = h.id offset 0) m
      where hits is not null and (after_user is null or m.user_id > after_user)
    )
    select array_agg(x.user_id order by x.user_id), array_agg(x.org_id order by x.user_id)
    into page_ids, page_units
    from (select m.user_id, m.org_id
          from (select w.user_id, w.org_id from public.organisation_members w where hits is null
                union all
                select c.user_id, c.org_id from candidate c) m
          cross join lateral private.staff_view_of(m.user_id, m.org_id, me, org, name_root, partner_root, contact_root) f
          where (m.org_id = any (listed)
                 or (m.user_id = me and exists (select 1 from public.organisation_closure c
                                                where c.ancestor = org and c.descendant = m.org_id)))
            and (after_user is null or m.user_id > after_user)
            and (needle is null or hits is not null or m.user_id = any (extra)
                 or exists (select 1 from private.people_search s
                            where s.user_id = m.user_id and (s.name like pattern or s.contact like prefix)))
            and f.first and f.named
            and (needle is null or private.person_matches(m.user_id, needle, f.reachable, me))
          order by m.user_id
          limit page) x;
  end if;

  return query
  with page as materialized (
    select x.user_id, x.org_id from (
      select p.user_id, p.org_id from unnest(page_ids, page_units) p (user_id, org_id)
      union all
      -- Staff holding a role in the unit itself without being a member below it.
      select h.user_id, null::uuid
      from (select distinct r.user_id from public.org_roles r
            where r.org_id = org and (roles_here or r.user_id = me)
              and (after_user is null or r.user_id > after_user)
              and not exists (select 1 from public.organisation_members m
                              join public.organisation_closure c on c.descendant = m.org_id and c.ancestor = org
                              where m.user_id = r.user_id)) h
      cross join lateral private.staff_view_of(h.user_id, null, me, org, name_root, partner_root, contact_root) f
      where f.named
        and (needle is null or private.person_matches(h.user_id, needle, f.reachable, me))
    ) x
    order by x.user_id
    limit page
  )
  select pg.user_id, p.display_name,
    case when contact_all or pg.user_id = me
              or (select f.reachable from private.staff_view_of(pg.user_id, null, me, org,
                    name_root, partner_root, contact_root) f)
         then coalesce(u.email, u.phone) end,
    pg.org_id, (select o.code from public.organisations o where o.id = pg.org_id),
    coalesce((select array_agg(r.role order by r.role) from public.org_roles r
              where r.user_id = pg.user_id and r.org_id = org and (roles_here or r.user_id = me)), '{}')
  from page pg
  join auth.users u on u.id = pg.user_id
  left join public.profiles p on p.id = pg.user_id
  order by pg.user_id;
end
$$;
revoke all on function public.org_people(uuid, text, uuid, int) from public, anon;
grant execute on function public.org_people(uuid, text, uuid, int) to authenticated;
