-- The civil-service compliance roll-up in the programme figures (issue 15 lists it among what
-- CoE-AI and the ministry see). Read from the compliance subtree counters that statement
-- triggers keep (20261202400400_compliance_rollups.sql), never from learner events or from
-- compliance_status: a few rows per top-level unit however many civil servants there are.
--
-- Definition (also in the download's definitions sheet): counted over assignments of mandatory
-- training to people ("person-assignments"; someone with two assigned courses counts twice).
--   assigned  = every person-assignment;
--   exempt    = those with an exemption (a reason is recorded and audited);
--   valid     = those whose completion is valid today: completed, completed late, or completed
--               and inside the recertification window (not yet expired);
--   compliant = valid / (assigned - exempt), as a percentage with one decimal; null when nobody
--               is assigned.
-- "Nationally" sums every organisation tree; a top-level unit is a direct child of a tree's
-- root (the federal government, each province ...), with everything beneath it.
create function private.compliance_valid(status text) returns boolean
language sql immutable
set search_path = ''
as $$ select status in ('completed', 'completed_late', 'recert_due') $$;

create function public.programme_compliance() returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not private.may_monitor() then
    raise exception 'programme figures are for CoE-AI administrators and auditors' using errcode = '42501';
  end if;
  return (
    with units as (
      select o.id, o.code, o.names, false as national
      from public.organisations o join public.organisations r on r.id = o.parent_id
      where r.parent_id is null
      union all
      select r.id, r.code, r.names, true from public.organisations r where r.parent_id is null
    ), counted as (
      select u.code, u.names, u.national,
        coalesce(sum(s.n), 0)::int as assigned,
        coalesce(sum(s.n) filter (where s.status = 'exempted'), 0)::int as exempt,
        coalesce(sum(s.n) filter (where private.compliance_valid(s.status)), 0)::int as valid
      from units u left join private.compliance_subtree_counts s on s.ancestor = u.id
      group by u.code, u.names, u.national
    ), shaped as (
      select c.*, case when c.assigned - c.exempt > 0
        then round(100.0 * c.valid / (c.assigned - c.exempt), 1) end as percent
      from counted c
    )
    select jsonb_build_object(
      'national', (select jsonb_build_object('assigned', coalesce(sum(assigned), 0)::int,
                     'exempt', coalesce(sum(exempt), 0)::int, 'valid', coalesce(sum(valid), 0)::int,
                     'percent', case when coalesce(sum(assigned - exempt), 0) > 0
                       then round(100.0 * sum(valid) / sum(assigned - exempt), 1) end)
                   from shaped where national),
      'units', coalesce((select jsonb_agg(jsonb_build_object('code', code, 'names', names, 'assigned', assigned,
                     'exempt', exempt, 'valid', valid, 'percent', percent) order by code)
                   from shaped where not national and assigned > 0), '[]'::jsonb))
  );
end
$$;
revoke all on function public.programme_compliance() from public, anon;
grant execute on function public.programme_compliance() to authenticated, service_role;
revoke all on function private.compliance_valid(text) from public, anon, authenticated;
