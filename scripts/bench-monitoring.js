// `npm run bench:monitoring`: programme monitoring at national scale on a real PostgreSQL.
// Builds its own database next to BENCH_DATABASE_URL / TEST_DATABASE_URL (or DATABASE_URL),
// applies the real migrations and generates the national data set with the shared bulk seed
// (scripts/bench-seed.js: people, profiles, learner events, progress, results, certificates,
// compliance statuses), then prints the refresh time (full, and incremental after a busy day
// of new events), p50/p95 of each dashboard query as a CoE-AI administrator under RLS (as
// PostgREST runs them), and the database size.
// `--reuse`: measure the database BENCH_DATABASE_URL names as it is (made by `npm run
// bench:seed`, shared with bench:compliance); nothing is generated or dropped.
// Scale: BENCH_PEOPLE (default 500000) and BENCH_EVENTS (default 10000000); BENCH_DAY_EVENTS
// (default 100000, five times the seeded daily average) for the incremental refresh.
// `--rebuild` (with --reuse): also time a full rebuild of the cubes from the per-learner facts.
import os from 'node:os';
import pg from 'pg';
import { applyAll } from './stack/sql-files.js';
import { seedNational } from './bench-seed.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 500_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const DAY_EVENTS = Number(process.env.BENCH_DAY_EVENTS ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 30);
const REUSE = process.argv.includes('--reuse');
const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!base) {
	console.error(
		'Set TEST_DATABASE_URL (eval "$(bash scripts/ci-services.sh)") or DATABASE_URL to a PostgreSQL server.'
	);
	process.exit(2);
}

const dbName = 'seekh_bench_monitoring';
const url = new URL(base);
if (!REUSE) {
	const server = new URL(base);
	server.pathname = '/postgres';
	const admin = new pg.Client({ connectionString: server.toString() });
	await admin.connect();
	await admin.query(`drop database if exists ${dbName} with (force)`);
	await admin.query(`create database ${dbName}`);
	await admin.end();
	url.pathname = `/${dbName}`;
}
const db = new pg.Client({ connectionString: url.toString() });
await db.connect();

const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);
async function step(label, sql) {
	const t0 = performance.now();
	await db.query(sql);
	console.log(`  ${label}: ${seconds(t0)} s`);
}

const counted = await db
	.query(
		`select (select count(*) from auth.users)::int as people,
	(select count(*) from public.learner_events)::bigint as events`
	)
	.catch(() => null);
console.log(
	REUSE
		? `bench:monitoring (reusing ${url.pathname.slice(1)}) — ${JSON.stringify(counted?.rows[0])}`
		: `bench:monitoring — ${PEOPLE.toLocaleString('en')} people, ${EVENTS.toLocaleString('en')} events`
);
if (!REUSE) {
	await applyAll({ exec: (sql) => db.query(sql), query: (sql, params) => db.query(sql, params) });
	await seedNational(db, { people: PEOPLE, events: EVENTS });
}

const refresh = async (label) => {
	const t0 = performance.now();
	const { rows } = await db.query('select public.refresh_programme_summaries() as r');
	console.log(`  refresh (${label}): ${seconds(t0)} s — ${JSON.stringify(rows[0].r)}`);
};
// The seed ran the first, full refresh (every event read). With --reuse, a rebuild of the cubes
// from the per-learner facts is timed as well (what the first refresh after a schema change does).
if (REUSE && process.argv.includes('--rebuild')) {
	const t0 = performance.now();
	const { rows } = await db.query('select public.refresh_programme_summaries(true) as r');
	console.log(`  refresh (full rebuild from the facts): ${seconds(t0)} s — ${JSON.stringify(rows[0].r)}`);
}
// Whatever came since (nothing, or what an earlier run appended), then with nothing new at all.
await refresh('catch-up');
await refresh('nothing new');
// A busy day: new events from people already learning, in the order syncs would store them
// (triggers on, as sync_push writes them).
await step(
	`a day of new events (${DAY_EVENTS.toLocaleString('en')}, triggers on)`,
	`
	insert into public.learner_events (id, owner, device_id, type, course_id, lesson_id)
	select gen_random_uuid(), e.owner, e.device_id, 'lesson_opened', e.course_id, e.lesson_id
	from public.learner_events e tablesample system (2)
	where e.type = 'lesson_opened'
	limit ${DAY_EVENTS}`
);
await refresh('incremental');

// A CoE-AI administrator at the programme root, asking as PostgREST does (role + JWT claims).
const { rows: admins } = await db
	.query(
		`
	insert into public.org_roles (user_id, org_id, role)
	select (select id from auth.users limit 1), id, 'coe_admin' from public.organisations where parent_id is null
	on conflict do nothing
	returning user_id`
	)
	.then(async (r) =>
		r.rows.length ? r : db.query(`select user_id from public.org_roles where role = 'coe_admin' limit 1`)
	);
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
	(select count(*) from private.programme_summary) as cube_rows,
	(select count(*) from private.programme_rollup) as rollup_rows`);
console.log(
	`database size: ${size[0].size}; summary rows: ${size[0].cube_rows}; month × course × province roll-up rows: ${size[0].rollup_rows}`
);
console.log(
	`load average (1, 5, 15 min) at the end: ${os
		.loadavg()
		.map((n) => n.toFixed(1))
		.join(', ')} on ${os.cpus().length} cores`
);
await db.end();
if (!process.env.BENCH_KEEP && !REUSE) {
	const cleanup = new pg.Client({ connectionString: base });
	await cleanup.connect();
	await cleanup.query(`drop database if exists ${dbName} with (force)`);
	await cleanup.end();
}
