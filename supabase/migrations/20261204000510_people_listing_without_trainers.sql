-- The People listing follows the narrowed trainer rule (20261204000500_trainers_see_their_cohorts):
-- `trainer` no longer reaches a unit's people, so org_people and its per-person rule drop it
-- from every role list. Bodies otherwise as in 20261203000400_fast_lists.sql (read the comments
-- there); people-listing.test.ts holds the listing equal to RLS for every role.

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
  listed uuid[];         -- units of `org`'s subtree whose members the caller may see (the
                         -- organisation_members policy: org_admin, auditor, coe_admin, partner_admin)
begin
  if me is null then
    return;
  end if;
  select
    coalesce(bool_or(o.parent_id is null and r.role in ('org_admin', 'auditor', 'coe_admin', 'assessor')), false),
    coalesce(bool_or(o.parent_id is null and r.role = 'partner_admin'), false),
    coalesce(bool_or(o.parent_id is null and r.role in ('org_admin', 'coe_admin', 'assessor')), false),
    coalesce(bool_or(r.role in ('org_admin', 'auditor', 'coe_admin')
                     and exists (select 1 from public.organisation_closure c
                                 where c.ancestor = r.org_id and c.descendant = org)), false)
  into name_root, partner_root, contact_root, roles_here
  from public.org_roles r
  join public.organisations o on o.id = r.org_id
  where r.user_id = me;

  select coalesce(array_agg(distinct c.descendant), '{}') into listed
  from public.organisation_closure c
  join public.organisation_closure g on g.descendant = c.descendant
  join public.org_roles r on r.org_id = g.ancestor
  where c.ancestor = org and r.user_id = me
    and r.role in ('org_admin', 'auditor', 'coe_admin', 'partner_admin');

  -- Planned with the values above as constants (force_custom_plan): the planner knows the page
  -- size, the keyset bound and how many units are listed. The members' branch has its own
  -- LIMIT, so it is planned for one page: for a big subtree it walks the (user_id, org_id)
  -- index in order, keeps members of listed units (a hashed set) and stops when the page is
  -- full; a small unit's few members are gathered and sorted instead. The rules are asked per
  -- listed person, never as the caller's whole reach; names and contact for the page only.
  return query
  with page as materialized (
    select * from (
      (select m.user_id, m.org_id, f.reachable
       from public.organisation_members m
       cross join lateral private.staff_view_of(m.user_id, m.org_id, me, org, name_root, partner_root, contact_root) f
       where (m.org_id = any (listed)
              or (m.user_id = me and exists (select 1 from public.organisation_closure c
                                             where c.ancestor = org and c.descendant = m.org_id)))
         and (after_user is null or m.user_id > after_user)
         and f.first and f.named
         and (needle is null or m.user_id::text = needle
              or exists (select 1 from auth.users u left join public.profiles p on p.id = u.id
                         where u.id = m.user_id
                           and ((f.reachable and strpos(lower(coalesce(u.email, u.phone, '')), needle) > 0)
                                or strpos(lower(coalesce(p.display_name, '')), needle) > 0)))
       order by m.user_id
       limit page)
      union all
      -- Staff holding a role in the unit itself without being a member below it.
      (select h.user_id, null::uuid, f.reachable
       from (select distinct r.user_id from public.org_roles r
             where r.org_id = org and (roles_here or r.user_id = me)
               and (after_user is null or r.user_id > after_user)
               and not exists (select 1 from public.organisation_members m
                               join public.organisation_closure c on c.descendant = m.org_id and c.ancestor = org
                               where m.user_id = r.user_id)) h
       cross join lateral private.staff_view_of(h.user_id, null, me, org, name_root, partner_root, contact_root) f
       where f.named
         and (needle is null or h.user_id::text = needle
              or exists (select 1 from auth.users u left join public.profiles p on p.id = u.id
                         where u.id = h.user_id
                           and ((f.reachable and strpos(lower(coalesce(u.email, u.phone, '')), needle) > 0)
                                or strpos(lower(coalesce(p.display_name, '')), needle) > 0))))
    ) x
    order by x.user_id
    limit page
  )
  select pg.user_id, p.display_name, case when pg.reachable then coalesce(u.email, u.phone) end, pg.org_id, o.code,
    coalesce((select array_agg(r.role order by r.role) from public.org_roles r
              where r.user_id = pg.user_id and r.org_id = org and (roles_here or r.user_id = me)), '{}')
  from page pg
  join auth.users u on u.id = pg.user_id
  left join public.profiles p on p.id = pg.user_id
  left join public.organisations o on o.id = pg.org_id
  order by pg.user_id;
end
$$;
revoke all on function public.org_people(uuid, text, uuid, int) from public, anon;
grant execute on function public.org_people(uuid, text, uuid, int) to authenticated;
