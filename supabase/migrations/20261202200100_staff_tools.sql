-- Institutions, part 3 (issue 11): what the staff tools ask (src/lib/server/staff/*). Listings
-- run as the caller (security invoker), so the policies and views of the previous migration
-- decide what each row shows; they page by keyset (a ministry has tens of thousands of people).

-- ---------------------------------------------------------------- organisations tool
-- A unit's subtree, ordered by code, `lim` rows after `after_code`; `search` matches part of a
-- code or of a name in any language.
create function public.organisation_subtree(root uuid, search text default null, after_code text default null,
                                            lim int default 50)
returns table (id uuid, parent_id uuid, parent_code text, code text, kind text, names jsonb, province text,
               district text, is_sample boolean, depth int, children bigint)
language sql stable
set search_path = ''
as $$
  select o.id, o.parent_id, p.code, o.code, o.kind, o.names, o.province, o.district, o.is_sample, c.depth,
    (select count(*) from public.organisations k where k.parent_id = o.id)
  from public.organisation_closure c
  join public.organisations o on o.id = c.descendant
  left join public.organisations p on p.id = o.parent_id
  where c.ancestor = root
    and (after_code is null or o.code > after_code)
    and (nullif(btrim(search), '') is null
         or strpos(o.code, upper(btrim(search))) > 0
         or exists (select 1 from jsonb_each_text(o.names) n where strpos(lower(n.value), lower(btrim(search))) > 0))
  order by o.code
  limit least(greatest(coalesce(lim, 50), 1), 200)
$$;
revoke all on function public.organisation_subtree(uuid, text, text, int) from public, anon;
grant execute on function public.organisation_subtree(uuid, text, text, int) to authenticated;

-- ---------------------------------------------------------------- people and roles tool
-- Members of a unit's subtree plus staff holding a role in the unit itself, by user id
-- (keyset). Names and contact come through staff_learner_profiles, so each row shows only
-- what the caller may see; `roles` are those held in `org` itself (what grant/revoke act on).
create function public.org_people(org uuid, search text default null, after_user uuid default null,
                                  lim int default 50)
returns table (user_id uuid, display_name text, contact text, unit_id uuid, unit_code text, roles text[])
language sql stable
set search_path = ''
as $$
  -- Members in user-id order, read along the (user_id) index and kept when their unit is in
  -- the subtree: a page stops after `lim` people instead of sorting a whole ministry.
  with members as (
    select distinct on (m.user_id) m.user_id, m.org_id
    from public.organisation_members m
    where m.org_id in (select c.descendant from public.organisation_closure c where c.ancestor = org)
      and (after_user is null or m.user_id > after_user)
    order by m.user_id, m.org_id
  ),
  holders as (
    select distinct r.user_id, null::uuid as org_id from public.org_roles r
    where r.org_id = org and (after_user is null or r.user_id > after_user)
      and not exists (select 1 from public.organisation_members m join public.organisation_closure c
                      on c.descendant = m.org_id and c.ancestor = org where m.user_id = r.user_id)
  ),
  people as (select * from members union all select * from holders)
  select pe.user_id, v.display_name, v.contact, pe.org_id, o.code,
    coalesce((select array_agg(r.role order by r.role) from public.org_roles r
              where r.user_id = pe.user_id and r.org_id = org), '{}')
  from people pe
  join public.staff_learner_profiles v on v.id = pe.user_id
  left join public.organisations o on o.id = pe.org_id
  where nullif(btrim(search), '') is null
     or strpos(lower(coalesce(v.contact, '')), lower(btrim(search))) > 0
     or strpos(lower(coalesce(v.display_name, '')), lower(btrim(search))) > 0
     or pe.user_id::text = lower(btrim(search))
  order by pe.user_id
  limit least(greatest(coalesce(lim, 50), 1), 1000)
$$;
revoke all on function public.org_people(uuid, text, uuid, int) from public, anon;
grant execute on function public.org_people(uuid, text, uuid, int) to authenticated;

-- Add a member by the email or phone of their account (what an administrator knows).
create function public.add_organisation_member_by_contact(org uuid, contact text) returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  person uuid;
  needle text := lower(btrim(coalesce(contact, '')));
begin
  if (select auth.uid()) is null then raise exception 'sign in first' using errcode = '42501'; end if;
  if not (public.has_role_in(org, 'org_admin') or public.has_role_in(org, 'coe_admin')) then
    raise exception 'you are not an administrator of this organisation' using errcode = '42501';
  end if;
  select u.id into person from auth.users u
    where lower(u.email) = needle or (u.phone is not null and u.phone = regexp_replace(needle, '[^0-9+]', '', 'g'))
    limit 1;
  if person is null then raise exception 'no account with that email or phone' using errcode = 'P0002'; end if;
  perform public.add_organisation_member(org, person);
  return person;
end
$$;
revoke all on function public.add_organisation_member_by_contact(uuid, text) from public, anon;
grant execute on function public.add_organisation_member_by_contact(uuid, text) to authenticated;

-- ---------------------------------------------------------------- audit log tool
-- Entries for a unit's subtree, newest first, `lim` rows before id `before_id`; optional action
-- prefix (e.g. 'role.') and time window. RLS on audit_log decides what the caller reads.
create function public.audit_entries(org uuid, action_prefix text default null, since timestamptz default null,
                                     until timestamptz default null, before_id bigint default null,
                                     lim int default 50)
returns table (id bigint, at timestamptz, actor uuid, actor_label text, org_id uuid, org_code text, action text,
               target_type text, target_id text, target_label text, before jsonb, after jsonb)
language sql stable
set search_path = ''
as $$
  select a.id, a.at, a.actor, va.contact, a.org_id, o.code, a.action, a.target_type, a.target_id,
    coalesce(vt.display_name, vt.contact), a.before, a.after
  from public.audit_log a
  left join public.organisations o on o.id = a.org_id
  left join public.staff_learner_profiles va on va.id = a.actor
  left join public.staff_learner_profiles vt on a.target_type = 'person' and vt.id::text = a.target_id
  where a.org_id in (select c.descendant from public.organisation_closure c where c.ancestor = org)
    and (before_id is null or a.id < before_id)
    and (nullif(btrim(action_prefix), '') is null or starts_with(a.action, btrim(action_prefix)))
    and (since is null or a.at >= since)
    and (until is null or a.at < until)
  order by a.id desc
  limit least(greatest(coalesce(lim, 50), 1), 200)
$$;
revoke all on function public.audit_entries(uuid, text, timestamptz, timestamptz, bigint, int) from public, anon;
grant execute on function public.audit_entries(uuid, text, timestamptz, timestamptz, bigint, int) to authenticated;
create index audit_log_org_id on public.audit_log (org_id, id desc);
