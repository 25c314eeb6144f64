-- Compliance roll-ups kept per ancestor (issue 12). bench:compliance showed that summing the
-- per-unit counters over a whole government (every unit under the Establishment Division) costs
-- seconds; so the counters are also kept for every unit's whole subtree, by the same statement
-- triggers (each change touches its unit's few ancestors). An unfiltered roll-up then reads a
-- few hundred rows. Filtered roll-ups (BPS, due dates) still sum the fine counters.

create table private.compliance_subtree_counts (
  ancestor uuid not null,
  assignment_id uuid not null,
  status text not null,
  n int not null,
  primary key (ancestor, assignment_id, status)
);
alter table private.compliance_subtree_counts enable row level security;

create function private.compliance_subtree_apply(deltas jsonb) returns void
language sql volatile security definer
set search_path = ''
as $$
  insert into private.compliance_subtree_counts as s (ancestor, assignment_id, status, n)
  select c.ancestor, (d ->> 'a')::uuid, d ->> 's', sum((d ->> 'n')::int)::int
  from jsonb_array_elements(deltas) d
  join public.organisation_closure c on c.descendant = (d ->> 'o')::uuid
  group by 1, 2, 3
  on conflict (ancestor, assignment_id, status) do update set n = s.n + excluded.n
$$;

create or replace function private.compliance_count_insert() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into private.compliance_counts as c (org_id, assignment_id, status, bps, due_date, n)
    select org_id, assignment_id, status, coalesce(bps, 0), due_date, count(*) from new_rows
    group by 1, 2, 3, 4, 5
    on conflict (org_id, assignment_id, status, bps, due_date) do update set n = c.n + excluded.n;
  perform private.compliance_subtree_apply(coalesce((
    select jsonb_agg(jsonb_build_object('o', org_id, 'a', assignment_id, 's', status, 'n', n))
    from (select org_id, assignment_id, status, count(*) as n from new_rows group by 1, 2, 3) g), '[]'));
  return null;
end
$$;

create or replace function private.compliance_count_delete() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update private.compliance_counts c set n = c.n - d.n
    from (select org_id, assignment_id, status, coalesce(bps, 0) as bps, due_date, count(*)::int as n
          from old_rows group by 1, 2, 3, 4, 5) d
    where c.org_id = d.org_id and c.assignment_id = d.assignment_id and c.status = d.status
      and c.bps = d.bps and c.due_date = d.due_date;
  perform private.compliance_subtree_apply(coalesce((
    select jsonb_agg(jsonb_build_object('o', org_id, 'a', assignment_id, 's', status, 'n', -n))
    from (select org_id, assignment_id, status, count(*) as n from old_rows group by 1, 2, 3) g), '[]'));
  return null;
end
$$;

create or replace function private.compliance_count_update() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  -- Old rows count -1 and new rows +1 under their keys; rows whose key did not change cancel
  -- out. Grouped, not joined: transition tables have no indexes, and a tick updates 1M rows.
  with delta as (
    select o.org_id, o.assignment_id, o.status, coalesce(o.bps, 0) as bps, o.due_date, -count(*) as n
    from old_rows o group by 1, 2, 3, 4, 5
    union all
    select n.org_id, n.assignment_id, n.status, coalesce(n.bps, 0), n.due_date, count(*)
    from new_rows n group by 1, 2, 3, 4, 5
  ), summed as (
    select org_id, assignment_id, status, bps, due_date, sum(n)::int as n from delta
    group by 1, 2, 3, 4, 5 having sum(n) <> 0
  )
  insert into private.compliance_counts as c (org_id, assignment_id, status, bps, due_date, n)
    select * from summed
    on conflict (org_id, assignment_id, status, bps, due_date) do update set n = c.n + excluded.n;
  perform private.compliance_subtree_apply(coalesce((
    select jsonb_agg(jsonb_build_object('o', org_id, 'a', assignment_id, 's', status, 'n', n))
    from (select org_id, assignment_id, status, sum(n)::int as n from (
            select o.org_id, o.assignment_id, o.status, -count(*) as n from old_rows o group by 1, 2, 3
            union all
            select w.org_id, w.assignment_id, w.status, count(*) from new_rows w group by 1, 2, 3) x
          group by 1, 2, 3 having sum(n) <> 0) g), '[]'));
  return null;
end
$$;

-- Recomputes the subtree counters from the unit counters (after a unit moves, and at install).
create function private.compliance_rebuild_subtrees() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  delete from private.compliance_subtree_counts;
  insert into private.compliance_subtree_counts (ancestor, assignment_id, status, n)
    select t.ancestor, c.assignment_id, c.status, sum(c.n)::int
    from private.compliance_counts c join public.organisation_closure t on t.descendant = c.org_id
    group by 1, 2, 3;
  return null;
end
$$;
create trigger organisations_compliance_subtrees after update of parent_id on public.organisations
  for each statement execute function private.compliance_rebuild_subtrees();

insert into private.compliance_subtree_counts (ancestor, assignment_id, status, n)
  select t.ancestor, c.assignment_id, c.status, sum(c.n)::int
  from private.compliance_counts c join public.organisation_closure t on t.descendant = c.org_id
  group by 1, 2, 3;

-- The roll-up reads subtree counters when no BPS or due-date filter asks for the fine ones.
create or replace function public.compliance_rollup(unit uuid, assignment uuid default null, bps_min int default null,
    bps_max int default null, due_from date default null, due_to date default null)
returns table (org_id uuid, code text, names jsonb, depth int, has_children boolean,
               not_started bigint, in_progress bigint, completed bigint, completed_late bigint,
               overdue bigint, expired bigint, exempted bigint)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  coarse boolean := bps_min is null and bps_max is null and due_from is null and due_to is null;
begin
  if not private.may_view_compliance(unit) then
    raise exception 'you do not oversee this unit' using errcode = '42501';
  end if;
  return query
  with heads as (
    select o.id, o.code, o.names, 0 as depth from public.organisations o where o.id = unit
    union all
    select o.id, o.code, o.names, 1 from public.organisations o where o.parent_id = unit
  ), counted as (
    select h.id, s.status, sum(s.n)::bigint as n
    from heads h join private.compliance_subtree_counts s on s.ancestor = h.id
    where coarse and (assignment is null or s.assignment_id = assignment)
    group by h.id, s.status
    union all
    select h.id, c.status, sum(c.n)::bigint
    from heads h
    join public.organisation_closure t on t.ancestor = h.id
    join private.compliance_counts c on c.org_id = t.descendant
    where not coarse and (assignment is null or c.assignment_id = assignment)
      and (bps_min is null or c.bps >= bps_min) and (bps_max is null or c.bps <= bps_max)
      and (due_from is null or c.due_date >= due_from) and (due_to is null or c.due_date <= due_to)
    group by h.id, c.status
  )
  select h.id, h.code, h.names, h.depth,
    exists (select 1 from public.organisations k where k.parent_id = h.id),
    coalesce(sum(x.n) filter (where x.status = 'not_started'), 0)::bigint,
    coalesce(sum(x.n) filter (where x.status = 'in_progress'), 0)::bigint,
    coalesce(sum(x.n) filter (where x.status = 'completed'), 0)::bigint,
    coalesce(sum(x.n) filter (where x.status = 'completed_late'), 0)::bigint,
    coalesce(sum(x.n) filter (where x.status = 'overdue'), 0)::bigint,
    coalesce(sum(x.n) filter (where x.status = 'expired'), 0)::bigint,
    coalesce(sum(x.n) filter (where x.status = 'exempted'), 0)::bigint
  from heads h left join counted x on x.id = h.id
  group by h.id, h.code, h.names, h.depth
  order by h.depth, h.code;
end
$$;
