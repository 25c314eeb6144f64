// `npm run bench:monitoring`: programme monitoring at national scale on a real PostgreSQL.
// Builds its own database next to TEST_DATABASE_URL (or DATABASE_URL), applies the real
// migrations, generates people, profiles, learner events, progress, results and certificates in
// SQL, then prints the refresh time (full and incremental), p50/p95 of each dashboard query as a
// CoE-AI administrator under RLS (as PostgREST runs them), and the database size.
// Scale: BENCH_PEOPLE (default 500000) and BENCH_EVENTS (default 10000000).
import pg from 'pg';
import { applyAll } from './stack/sql-files.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 500_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 30);
const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!base) {
	console.error(
		'Set TEST_DATABASE_URL (eval "$(bash scripts/ci-services.sh)") or DATABASE_URL to a PostgreSQL server.'
	);
	process.exit(2);
}

const dbName = 'seekh_bench_monitoring';
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`drop database if exists ${dbName} with (force)`);
await admin.query(`create database ${dbName}`);
await admin.end();
const url = new URL(base);
url.pathname = `/${dbName}`;
const db = new pg.Client({ connectionString: url.toString() });
await db.connect();

const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);
async function step(label, sql) {
	const t0 = performance.now();
	await db.query(sql);
	console.log(`  ${label}: ${seconds(t0)} s`);
}

console.log(
	`bench:monitoring — ${PEOPLE.toLocaleString('en')} people, ${EVENTS.toLocaleString('en')} events`
);
await applyAll({ exec: (sql) => db.query(sql), query: (sql, params) => db.query(sql, params) });

// Bulk generation only: skip foreign-key and trigger work while loading made-up rows (the
// refresh and the dashboard queries below run with everything on).
await db.query('set session_replication_role = replica');
await step(
	'people',
	`
	insert into auth.users (id, email)
	select gen_random_uuid(), 'bench-' || g || '@example.test' from generate_series(1, ${PEOPLE}) g`
);
await step(
	'profiles',
	`
	insert into public.profiles (id, preferred_language, province, district, gender, disability, age_band)
	select u.id,
		(array['ur','en','pa-Arab','sd','ps','bal','skr'])[1 + (h % 7)],
		(array['punjab','punjab','punjab','sindh','sindh','khyber-pakhtunkhwa','balochistan','islamabad'])[1 + (h / 7 % 8)],
		'District ' || (h / 56 % 36),
		case h / 2016 % 5 when 0 then null when 1 then 'female' when 2 then 'male' when 3 then 'female' else 'woman' end,
		case h / 10080 % 10 when 0 then 'visual' when 1 then null else 'no' end,
		(array['18-24','25-34','35-44','45-54','55-64','under-18','65-plus'])[1 + (h / 100800 % 7)]
	from (select id, abs(hashtext(id::text)) as h from auth.users) u
	where random() < 0.9`
);
// Each person takes 1-2 courses; events are spread over the last 18 months.
await step(
	'learner events',
	`
	with lessons as (select course_id, id, row_number() over (order by course_id, position) - 1 as n from public.lessons),
	counted as (select count(*) as total from lessons),
	users as (select id, row_number() over () - 1 as n from auth.users)
	insert into public.learner_events (id, owner, device_id, type, course_id, lesson_id, server_ts)
	select gen_random_uuid(), u.id, '0192f0c4-6b1e-7a2b-9c3d-4e5f60718293',
		case when g % 3 = 0 then 'lesson_completed' else 'lesson_opened' end,
		l.course_id, l.id,
		now() - ((g % 540) || ' days')::interval
	from generate_series(0::bigint, ${EVENTS} - 1) g
	join users u on u.n = (g * 7919) % ${PEOPLE}
	join lessons l on l.n = ((g / ${PEOPLE}) + (u.n % 3) * 5) % (select total from counted)`
);
await step(
	'progress',
	`
	insert into public.course_progress (owner, course_id, completed_count)
	select e.owner, e.course_id, count(distinct e.lesson_id) filter (where e.type = 'lesson_completed')
	from public.learner_events e group by e.owner, e.course_id`
);
await step(
	'results and certificates',
	`
	with finals as (
		select p.owner, p.course_id, (select e.id from public.learner_events e where e.owner = p.owner and e.course_id = p.course_id limit 1) as event_id,
			row_number() over () as n
		from public.course_progress p join public.courses c on c.id = p.course_id
		where c.assessment = 'final' and abs(hashtext(p.owner::text)) % 4 = 0)
	insert into public.assessment_results (event_id, owner, course_id, status, score, graded_at)
	select event_id, owner, course_id, case when n % 5 = 0 then 'failed' else 'passed' end, 80,
		now() - ((n % 500) || ' days')::interval
	from finals;
	insert into public.certificates (id, owner, course_id, centre, learner_name, code, status_index, kid, jwt, issued_at)
	select gen_random_uuid(), r.owner, r.course_id, 'bench', 'Bench Learner',
		lpad(upper(to_hex(row_number() over ())), 16, '0'), row_number() over () - 1, 'bench', 'x',
		r.graded_at
	from (select distinct on (owner, course_id) owner, course_id, graded_at from public.assessment_results where status = 'passed') r
	limit 131000`
);
await db.query('set session_replication_role = origin');
await step('analyze', 'analyze');

const refresh = async (label) => {
	const t0 = performance.now();
	const { rows } = await db.query('select public.refresh_programme_summaries() as r');
	console.log(`  refresh (${label}): ${seconds(t0)} s — ${JSON.stringify(rows[0].r)}`);
};
await refresh('first, everything');
await step(
	'10,000 new events',
	`
	insert into public.learner_events (id, owner, device_id, type, course_id, lesson_id)
	select gen_random_uuid(), e.owner, e.device_id, 'lesson_opened', e.course_id, e.lesson_id
	from public.learner_events e tablesample system (1) limit 10000`
);
await refresh('incremental');

// A CoE-AI administrator at the programme root, asking as PostgREST does (role + JWT claims).
const { rows: admins } = await db.query(`
	insert into public.org_roles (user_id, org_id, role)
	select (select id from auth.users limit 1), id, 'coe_admin' from public.organisations where parent_id is null
	returning user_id`);
const claims = JSON.stringify({ sub: admins[0].user_id, role: 'authenticated' });

const queries = {
	'national, by province': [{}, 'province'],
	'national, trend by month': [{}, 'month'],
	'one province, by district': [{ province: 'punjab' }, 'district'],
	'women with a disability, by age band': [{ gender: 'female', disability: 'yes' }, 'age_band'],
	'fiscal year, one programme, by course': [
		{ from: '2026-07-01', to: '2027-06-01', programme: 'public-sector' },
		'course'
	]
};
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
console.log('dashboard queries (ms, as coe_admin under RLS):');
for (const [label, [filters, by]] of Object.entries(queries)) {
	const times = [];
	for (let i = 0; i < REPEAT; i++) {
		await db.query('begin');
		await db.query('set local role authenticated');
		await db.query("select set_config('request.jwt.claims', $1, true)", [claims]);
		const t0 = performance.now();
		await db.query('select public.programme_figures($1::jsonb, $2)', [JSON.stringify(filters), by]);
		times.push(performance.now() - t0);
		await db.query('rollback');
	}
	times.sort((a, b) => a - b);
	console.log(
		`  ${label.padEnd(40)} p50 ${pct(times, 50).toFixed(1).padStart(7)}   p95 ${pct(times, 95).toFixed(1).padStart(7)}`
	);
}
const { rows: size } = await db.query(`select pg_size_pretty(pg_database_size(current_database())) as size,
	(select count(*) from private.programme_summary) as cube_rows`);
console.log(`database size: ${size[0].size}; summary rows: ${size[0].cube_rows}`);
await db.end();
if (!process.env.BENCH_KEEP) {
	const cleanup = new pg.Client({ connectionString: base });
	await cleanup.connect();
	await cleanup.query(`drop database if exists ${dbName} with (force)`);
	await cleanup.end();
}
