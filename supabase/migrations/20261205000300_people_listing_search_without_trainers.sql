-- Why a new migration: 20261204000510 (trainers out of the People listing) landed before
-- 20261204000100 (search) was merged, and both redefine org_people. A database that already ran
-- 0510 runs 0100 later and would get trainers back; a fresh one runs 0510's older body after
-- 0100 and would lose search. This one comes after both, on every database.
-- The People listing follows the narrowed trainer rule (20261204000500_trainers_see_their_cohorts):
-- `trainer` no longer reaches a unit's people, so org_people and its per-person rule drop it
-- from every role list. Bodies otherwise as in 20261203000400_fast_lists.sql (staff_view_of) and
-- 20261204000100_people_listing_search.sql (org_people; read the comments there);
-- people-listing.test.ts holds the listing equal to RLS for every role.

create or replace function private.staff_view_of(person uuid, unit uuid, me uuid, org uuid,
    name_root boolean, partner_root boolean, contact_root boolean)
returns table (named boolean, reachable boolean, first boolean)
language sql stable
as $$
  select
    -- staff_learner_profiles' row rule (partner_admin: only learners who share their progress)
    person = me or name_root
      or coalesce(bool_or(g.role in ('org_admin', 'auditor', 'coe_admin', 'assessor')), false)
      or ((partner_root or coalesce(bool_or(g.role = 'partner_admin'), false))
          and coalesce((select s.consent_progress_sharing from public.profiles s where s.id = person), false)),
    -- staff_learner_profiles.contact's rule
    person = me or contact_root or coalesce(bool_or(g.role in ('org_admin', 'coe_admin', 'assessor')), false),
    unit is null or coalesce(bool_and(x.org_id >= unit
      or not ((person = me or g.role in ('org_admin', 'auditor', 'coe_admin', 'partner_admin'))
              and exists (select 1 from public.organisation_closure t where t.ancestor = org and t.descendant = x.org_id))), true)
  from public.organisation_members x
  left join lateral (
    select r.role from public.org_roles r
    where r.user_id = me
      and exists (select 1 from public.organisation_closure c where c.ancestor = r.org_id and c.descendant = x.org_id)
  ) g on true
  where x.user_id = person
$$;
revoke all on function private.staff_view_of(uuid, uuid, uuid, uuid, boolean, boolean, boolean)
  from public, anon, authenticated;

create or replace function public.org_people(org uuid, search text default null, after_user uuid default null,
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
  name_root boolean;     -- staff_learner_profiles rows: org_admin, auditor, coe_admin, assessor
  partner_root boolean;  -- … and partner_admin, for learners who share their progress
  contact_root boolean;  -- staff_learner_profiles.contact: org_admin, coe_admin, assessor
  roles_here boolean;    -- org_roles policy: org_admin, auditor, coe_admin over `org`
  -- Held at `org` or above, so true of every member of the subtree (the organisation_members
  -- policy lists them and staff_learner_profiles names them / shows their contact).
  whole boolean;         -- org_admin, auditor, coe_admin
  contact_all boolean;   -- org_admin, coe_admin, assessor
  listed uuid[];         -- units of `org`'s subtree whose members the caller may see (the
                         -- organisation_members policy: org_admin, auditor, coe_admin, partner_admin)
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
    coalesce(bool_or(o.parent_id is null and r.role in ('org_admin', 'auditor', 'coe_admin', 'assessor')), false),
    coalesce(bool_or(o.parent_id is null and r.role = 'partner_admin'), false),
    coalesce(bool_or(o.parent_id is null and r.role in ('org_admin', 'coe_admin', 'assessor')), false),
    coalesce(bool_or(r.role in ('org_admin', 'auditor', 'coe_admin') and a.above), false),
    coalesce(bool_or(r.role in ('org_admin', 'auditor', 'coe_admin') and a.above), false),
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
      and r.role in ('org_admin', 'auditor', 'coe_admin', 'partner_admin');
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
