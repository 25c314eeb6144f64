// The national data set both scale rehearsals measure (issues 12 and 15), generated the way a
// real backfill is loaded: set-based INSERT … SELECT generate_series, with triggers and
// foreign-key checks off for the made-up rows (session_replication_role = replica), secondary
// indexes dropped before the bulk load and built once afterwards, then the product's own
// set-based paths (assigning a course to the whole division, the daily tick, the first summary
// refresh) run with everything on, each timed on its own.
//
//   npm run bench:seed                     a database `seekh_bench` next to BENCH_DATABASE_URL /
//                                          TEST_DATABASE_URL (kept; `--drop` removes it)
//   BENCH_DATABASE_URL=…/seekh_bench BENCH_REUSE=1 npm run bench:compliance
//   BENCH_DATABASE_URL=…/seekh_bench npm run bench:monitoring -- --reuse
//
// Scale: BENCH_PEOPLE (default 500,000) and BENCH_EVENTS (default 10,000,000). People sit in
// 5,441 units (an "Establishment Division" root, 20 ministries, 16 wings each, 16 sections
// each); everyone has an account, 90% a profile, two mandatory assignments each.
import pg from 'pg';
import { applyAll } from './stack/sql-files.js';

const MINISTRIES = 20;
const WINGS = 16;
const SECTIONS = 16;

/** @param {number} since */
const secs = (since) => ((performance.now() - since) / 1000).toFixed(1);

/**
 * @param {pg.Client} db a database with every migration applied
 * @param {{ people: number, events: number, log?: (line: string) => void }} scale
 */
export async function seedNational(db, { people, events, log = console.log }) {
	/** @param {string} label @param {string} sql */
	const step = async (label, sql) => {
		const t0 = performance.now();
		await db.query(sql);
		log(`  ${label}: ${secs(t0)} s`);
	};
	const perPerson = Math.max(1, Math.round(events / people));
	const started = performance.now();
	log(`seeding ${people} people, ${people * perPerson} learner events:`);

	// Units first, with triggers on: the closure table and subtree counters follow organisations.
	await step(
		'units',
		`with root as (
		   insert into public.organisations (parent_id, kind, code, names, is_sample)
		   select id, 'division', 'BENCH-ESTAB', '{"en": "Establishment Division (bench)"}', true
		   from public.organisations where parent_id is null returning id)
		 insert into public.organisations (parent_id, kind, code, names, is_sample)
		 select root.id, 'ministry', 'BM' || i, jsonb_build_object('en', 'Ministry ' || i), true
		 from root, generate_series(1, ${MINISTRIES}) i;
		 insert into public.organisations (parent_id, kind, code, names, is_sample)
		 select m.id, 'wing', m.code || '-W' || j, jsonb_build_object('en', 'Wing ' || j), true
		 from public.organisations m, generate_series(1, ${WINGS}) j where m.code ~ '^BM[0-9]+$';
		 insert into public.organisations (parent_id, kind, code, names, is_sample)
		 select w.id, 'section', w.code || '-S' || k, jsonb_build_object('en', 'Section ' || k), true
		 from public.organisations w, generate_series(1, ${SECTIONS}) k where w.code ~ '^BM[0-9]+-W[0-9]+$';`
	);

	// Bulk rows: no triggers, no FK checks (consistent by construction), no secondary indexes.
	const big = [
		'public.learner_events',
		'public.course_progress',
		'public.assessment_results',
		'public.employees',
		'public.profiles',
		'public.certificates'
	];
	const { rows: dropped } = await db.query(
		`select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
		 from pg_index i
		 where i.indrelid = any ($1::regclass[])
		   and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
		[big]
	);
	await db.query('set session_replication_role = replica');
	for (const d of dropped) await db.query(`drop index ${d.name}`);
	log(`  (${dropped.length} secondary indexes dropped for the load)`);

	await step(
		'accounts',
		`insert into auth.users (id, email, email_confirmed_at)
		 select gen_random_uuid(), 'b' || i || '@bench.test', now() from generate_series(1, ${people}) i;
		 create unlogged table bench_people as
		   select substring(email from 2 for position('@' in email) - 2)::int as n, id
		   from auth.users where email like 'b%@bench.test';
		 create unique index on bench_people (n);
		 create unlogged table bench_sec as
		   select row_number() over (order by code) - 1 as n, id from public.organisations
		   where code ~ '^BM[0-9]+-W[0-9]+-S[0-9]+$';
		 -- Compliance courses first, so a third of people (n % 3 = 0) learn them.
		 create unlogged table bench_lessons as
		   select row_number() over (order by l.course_id not in ('ai-public-servants', 'ai-awareness'),
		     l.course_id, l.position) - 1 as n, l.course_id, l.id
		   from public.lessons l;
		 analyze bench_people; analyze bench_sec; analyze bench_lessons;`
	);
	await step(
		'profiles (90%)',
		`insert into public.profiles (id, preferred_language, province, district, gender, disability, age_band)
		 select p.id,
		   (array['ur','en','pa-Arab','sd','ps','bal','skr'])[1 + (h % 7)],
		   (array['punjab','punjab','punjab','sindh','sindh','khyber-pakhtunkhwa','balochistan','islamabad'])[1 + (h / 7 % 8)],
		   'District ' || (h / 56 % 36),
		   case h / 2016 % 5 when 0 then null when 1 then 'female' when 2 then 'male' when 3 then 'female' else 'woman' end,
		   case h / 10080 % 10 when 0 then 'visual' when 1 then null else 'no' end,
		   (array['18-24','25-34','35-44','45-54','55-64','under-18','65-plus'])[1 + (h / 100800 % 7)]
		 from (select id, n, abs(hashtext(id::text)) as h from bench_people) p
		 where p.n % 10 <> 0`
	);
	await step(
		'employee records',
		`insert into public.employees (employer_id, employee_id, org_id, full_name, email, bps, designation,
		   supervisor_employee_id, user_id, claimed_at)
		 select (select id from public.organisations where code = 'BENCH-ESTAB'), 'E' || p.n, s.id,
		   'Officer ' || p.n, 'b' || p.n || '@bench.test', 1 + (p.n % 22), 'Officer',
		   case when p.n % 10 <> 0 then 'E' || (p.n - p.n % 10) end, p.id, now()
		 from bench_people p join bench_sec s on s.n = p.n % (select count(*) from bench_sec)`
	);
	// BENCH_EVENTS / BENCH_PEOPLE events each, in lesson order (open, complete), spread over 18
	// months. Ids are UUIDv7 as devices make them (event time, then unique bits):
	// gen_random_uuid() cost 8 µs a row on this machine. seq numbers them in insert order.
	await step(
		'learner events',
		`insert into public.learner_events (id, owner, device_id, type, course_id, lesson_id, payload, client_ts, server_ts)
		 select (lpad(to_hex((extract(epoch from t.at) * 1000)::bigint), 12, '0') || '7' || lpad(to_hex(k), 3, '0')
		     || '8' || lpad(to_hex(p.n), 15, '0'))::uuid, p.id, p.id,
		   case when k % 2 = 1 then 'lesson_opened' else 'lesson_completed' end,
		   l.course_id, l.id, '{}', t.at, t.at
		 from bench_people p
		 cross join generate_series(1, ${perPerson}) k
		 cross join lateral (select now() - make_interval(days => ((p.n * 7 + (${perPerson} - k) * 3) % 540)::int,
		   mins => k) as at) t
		 join bench_lessons l on l.n = ((k - 1) / 2 + (p.n % 3) * (p.n % 7)) % (select count(*) from bench_lessons)`
	);
	await step(
		'course progress',
		`insert into public.course_progress (owner, course_id, lessons, completed_count, updated_at)
		 select e.owner, e.course_id,
		   jsonb_object_agg(e.lesson_id, jsonb_build_object('opened', true, 'completed', e.done)),
		   count(*) filter (where e.done), max(e.at)
		 from (select owner, course_id, lesson_id, bool_or(type = 'lesson_completed') as done, max(server_ts) as at
		       from public.learner_events group by 1, 2, 3) e
		 group by e.owner, e.course_id`
	);
	// A quarter of people submitted the final of each final-assessed course they studied; 80%
	// passed; a certificate for each pass.
	await step(
		'assessments and certificates',
		`create unlogged table bench_finals as
		   select p.owner, p.course_id, p.updated_at + interval '1 day' as at,
		     row_number() over () as n
		   from public.course_progress p join public.courses c on c.id = p.course_id
		   where c.assessment = 'final' and abs(hashtext(p.owner::text)) % 4 = 0;
		 with sub as (
		   insert into public.learner_events (id, owner, device_id, type, course_id, payload, client_ts, server_ts)
		   select gen_random_uuid(), f.owner, f.owner, 'assessment_submitted', f.course_id,
		     jsonb_build_object('n', f.n), f.at, f.at
		   from bench_finals f
		   returning id, owner, course_id, server_ts, (payload->>'n')::bigint as n)
		 insert into public.assessment_results (event_id, owner, course_id, status, score, correct, total, pass_mark, graded_at)
		 select id, owner, course_id, case when n % 5 = 0 then 'failed' else 'passed' end,
		   case when n % 5 = 0 then 40 else 80 end, case when n % 5 = 0 then 4 else 8 end, 10, 70, server_ts
		 from sub;
		 insert into public.certificates (id, owner, course_id, centre, learner_name, code, status_index, kid, jwt, issued_at)
		 select gen_random_uuid(), r.owner, r.course_id, 'bench', 'Bench Learner',
		   lpad(upper(to_hex(row_number() over ())), 16, '0'), row_number() over () - 1, 'bench', 'x', r.graded_at
		 from public.assessment_results r where r.status = 'passed';
		 drop table bench_finals;`
	);
	await db.query('set session_replication_role = origin');

	const t0 = performance.now();
	for (const d of dropped) await db.query(d.def);
	log(`  secondary indexes built after the load: ${secs(t0)} s`);
	await step('analyze', 'analyze');
	await db.query('drop table bench_people, bench_sec, bench_lessons');

	await seedCompliance(db, log);
	log(`  seeded in ${secs(started)} s`);
}

/**
 * Two division-wide assignments and everyone's status, loaded as a backfill: one set-based
 * INSERT … SELECT computing each status with the product's own rules (private.compliance_status_of,
 * the completion rule of private.course_done_at), foreign-key checks and triggers off, then the
 * per-unit and subtree counters built set-based as the product's statement triggers would. The
 * product's per-person path (compliance_match → compliance_refresh, what a new assignment runs)
 * is timed on its own afterwards, on one ministry: for 500,000 people it ran over 13 minutes on
 * the loaded bench machine before it was stopped (docs/benchmarks.md).
 * @param {pg.Client} db @param {(line: string) => void} log
 */
export async function seedCompliance(db, log = console.log) {
	/** @param {string} label @param {string} sql */
	const step = async (label, sql) => {
		const t0 = performance.now();
		await db.query(sql);
		log(`  ${label}: ${secs(t0)} s`);
	};
	await step(
		"two assignments, everyone's statuses and their counters (set-based backfill)",
		`insert into public.compliance_assignments (org_id, code, title, course_ids, due_date, recert_months)
		 select id, 'AIPS', '{"en": "AI for Public Servants"}', '{ai-public-servants}', current_date + 30, 24
		 from public.organisations where code = 'BENCH-ESTAB';
		 insert into public.compliance_assignments (org_id, code, title, course_ids, due_date, bps_min)
		 select id, 'AWARE', '{"en": "AI awareness"}', '{ai-awareness}', current_date + 60, 1
		 from public.organisations where code = 'BENCH-ESTAB';
		 -- Per-row foreign-key checks cost more than the rows (1M SPI queries): off, as for the bulk
		 -- load above; the counters are then built set-based, as their triggers would.
		 set session_replication_role = replica;
		 insert into public.compliance_status (assignment_id, employee, org_id, bps, due_date, source, status,
		   started, completed_at, valid_until)
		 select x.assignment_id, x.employee, x.org_id, x.bps, x.due_date, 'unit',
		   private.compliance_status_of((select private.compliance_today()), x.due_date, x.started, x.done, x.valid, null),
		   x.started, x.done, x.valid
		 from (
		   select a.id as assignment_id, e.id as employee, e.org_id, e.bps, a.due_date,
		     (p.owner is not null or r.owner is not null) as started, d.done,
		     case when d.done is not null and a.recert_months is not null
		       then ((d.done at time zone 'Asia/Karachi') + make_interval(months => a.recert_months))::date end as valid
		   from public.compliance_assignments a
		   join public.organisations root on root.id = a.org_id and root.code = 'BENCH-ESTAB'
		   join public.organisation_closure c on c.ancestor = a.org_id
		   join public.employees e on e.org_id = c.descendant
		     and (a.bps_min is null or e.bps >= a.bps_min) and (a.bps_max is null or e.bps <= a.bps_max)
		   join public.courses k on k.id = a.course_ids[1]
		   left join public.course_progress p on p.owner = e.user_id and p.course_id = k.id
		   left join (select owner, course_id, max(graded_at) filter (where status = 'passed') as passed
		              from public.assessment_results group by 1, 2) r on r.owner = e.user_id and r.course_id = k.id
		   cross join lateral (select case k.assessment when 'final' then r.passed
		     else case when k.lesson_count > 0 and p.completed_count >= k.lesson_count then p.updated_at end
		     end as done) d) x;
		 set session_replication_role = origin;
		 insert into private.compliance_counts as c (org_id, assignment_id, status, bps, due_date, n)
		   select org_id, assignment_id, status, coalesce(bps, 0), due_date, count(*) from public.compliance_status
		   group by 1, 2, 3, 4, 5
		   on conflict (org_id, assignment_id, status, bps, due_date) do update set n = c.n + excluded.n;
		 delete from private.compliance_subtree_counts;
		 insert into private.compliance_subtree_counts (ancestor, assignment_id, status, n)
		   select t.ancestor, c.assignment_id, c.status, sum(c.n)::int
		   from private.compliance_counts c join public.organisation_closure t on t.descendant = c.org_id
		   group by 1, 2, 3;`
	);
	await step('daily compliance tick', 'select public.compliance_tick()');
	await step('first programme summary refresh (everything)', 'select public.refresh_programme_summaries()');
	await step('analyze', 'analyze');
	// The product's own path for a new assignment, on one ministry (~25,000 people).
	await step(
		"a new assignment for one ministry through the product's compliance_match",
		`insert into public.compliance_assignments (org_id, code, title, course_ids, due_date)
		 select id, 'BM7-ETHICS', '{"en": "Ethics (bench)"}', '{ai-awareness}', current_date + 45
		 from public.organisations where code = 'BM7';
		 select private.compliance_match(a.id) from public.compliance_assignments a where a.code = 'BM7-ETHICS';`
	);
	// The same for the whole government (500,000 people) in one go, then taken back (rolled back)
	// so the data set keeps its two assignments a person.
	await db.query('begin');
	await step(
		'a new assignment for the whole division through compliance_match (rolled back)',
		`insert into public.compliance_assignments (org_id, code, title, course_ids, due_date, recert_months)
		 select id, 'ALL-ETHICS', '{"en": "Ethics (bench)"}', '{ai-public-servants}', current_date + 45, 24
		 from public.organisations where code = 'BENCH-ESTAB';
		 select private.compliance_match(a.id) from public.compliance_assignments a where a.code = 'ALL-ETHICS';`
	);
	const { rows: matched } = await db.query(
		`select count(*)::int as n, count(*) filter (where s.completed_at is not null)::int as done
		 from public.compliance_status s join public.compliance_assignments a on a.id = s.assignment_id
		 where a.code = 'ALL-ETHICS'`
	);
	log(`    (${matched[0].n} statuses, ${matched[0].done} already completed)`);
	await db.query('rollback');
}

/** The bench database next to the server named by BENCH_DATABASE_URL or TEST_DATABASE_URL. */
export function benchUrl(name = 'seekh_bench') {
	const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
	if (!base) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL 15 server');
	const url = new URL(base);
	url.pathname = `/${name}`;
	return { base, url: url.toString(), name };
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--compliance-only')) {
	// Resume a seed whose bulk load finished: only the assignments, statuses and summaries.
	const db = new pg.Client({ connectionString: benchUrl(process.env.BENCH_DB_NAME ?? 'seekh_bench').url });
	await db.connect();
	await seedCompliance(db);
	await db.end();
} else if (import.meta.url === `file://${process.argv[1]}`) {
	const { base, url, name } = benchUrl(process.env.BENCH_DB_NAME ?? 'seekh_bench');
	const server = new URL(base);
	server.pathname = '/postgres';
	const admin = new pg.Client({ connectionString: server.toString() });
	await admin.connect();
	await admin.query(`drop database if exists ${name} with (force)`);
	if (!process.argv.includes('--drop')) await admin.query(`create database ${name}`);
	await admin.end();
	if (!process.argv.includes('--drop')) {
		const db = new pg.Client({ connectionString: url });
		await db.connect();
		const t0 = performance.now();
		await applyAll({ exec: (sql) => db.query(sql), query: (sql, params) => db.query(sql, params) });
		console.log(`migrations: ${secs(t0)} s`);
		await seedNational(db, {
			people: Number(process.env.BENCH_PEOPLE ?? 500_000),
			events: Number(process.env.BENCH_EVENTS ?? 10_000_000)
		});
		const { rows } = await db.query(`select pg_size_pretty(pg_database_size(current_database())) as size`);
		console.log(`database ${name}: ${rows[0].size}\n  ${url.replace(/:[^:@/]*@/, ':***@')}`);
		await db.end();
	} else console.log(`dropped ${name}`);
}
