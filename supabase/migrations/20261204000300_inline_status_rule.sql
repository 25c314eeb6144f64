-- The compliance status rule, inlinable (issue 12, found by `npm run bench:seed` at 500,000 people).
--
-- private.compliance_status_of() runs once or twice per status row in compliance_tick(),
-- compliance_refresh() and compliance_match(). With `set search_path = ''` PostgreSQL cannot
-- inline a SQL function: every call went through the SET wrapper and parsed and planned the body
-- again. Measured on PostgreSQL 15: 34 µs a call, against 1 µs inlined; for the daily tick over
-- 1,000,000 statuses that is more than a minute of CPU spent on a CASE expression.
--
-- Without the SET clause the planner folds the CASE into the caller's query. That is safe here:
-- the body uses only built-in operators and casts (pg_catalog is always searched first),
-- reads no table, and the function is not SECURITY DEFINER.
--
-- Since 20261204000220 (recertification) the rule has a seventh argument, the renewal window;
-- the six-argument form (still used by compliance_match for new statuses) is the same rule with
-- the default window, and both are inlinable.
create or replace function private.compliance_status_of(today date, due date, started boolean,
                                                        completed timestamptz, valid date, exempt text,
                                                        window_days int)
returns text
language sql immutable
as $$
  select case
    when exempt is not null then 'exempted'
    when completed is not null and valid is not null and today > valid then 'expired'
    when completed is not null and valid is not null and today >= valid - coalesce(window_days, 30) then 'recert_due'
    when completed is not null and (completed at time zone 'Asia/Karachi')::date <= due then 'completed'
    when completed is not null then 'completed_late'
    when today > due then 'overdue'
    when started then 'in_progress'
    else 'not_started'
  end
$$;

create or replace function private.compliance_status_of(today date, due date, started boolean,
                                                        completed timestamptz, valid date, exempt text)
returns text
language sql immutable
as $$
  select private.compliance_status_of(today, due, started, completed, valid, exempt, null::int)
$$;
