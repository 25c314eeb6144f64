// `npm run bench:orgs`: the institutions' figures on real PostgreSQL (TEST_DATABASE_URL's
// server; a fresh database of its own, dropped afterwards). 10,000 organisations, 500,000
// people with memberships, profiles and course progress, generated in SQL. Prints p50/p95 of
// a subtree check (has_role_in) and of staff listings of 1,000 learners made exactly as
// PostgREST makes them: role `authenticated`, request.jwt.claims set, so RLS applies.
// A benchmark, not a test: it prints figures and exits 0 unless something breaks.
import pg from 'pg';
import { startPostgres } from './stack/postgres.js';

const url = process.env.TEST_DATABASE_URL;
if (!url) {
	console.error('Set TEST_DATABASE_URL to a PostgreSQL 15 server (a fresh database is made next to it).');
	process.exit(2);
}
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 500_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const ONLY_DATA = process.env.BENCH_ONLY_DATA === '1';

const database = await startPostgres({ databaseUrl: url, fresh: true });
const db = new pg.Client({ connectionString: database.url });
await db.connect();
const started = Date.now();
const step = async (label, sql) => {
	const t = Date.now();
	await db.query(sql);
	console.log(`  ${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
};

try {
	console.log(`Generating 10,000 organisations and ${PEOPLE.toLocaleString('en')} people…`);
	// Four levels under the sample root: 10 → 100 → 1,000 → 9,000 units (plus the sample tree).
	await step(
		'organisations',
		`
		insert into public.organisations (parent_id, kind, code, names)
		  select (select id from public.organisations where parent_id is null), 'ministry', 'B' || i, jsonb_build_object('en', 'Bench ministry ' || i)
		  from generate_series(1, 10) i;
		insert into public.organisations (parent_id, kind, code, names)
		  select p.id, 'division', p.code || '-' || i, jsonb_build_object('en', 'Division ' || p.code || '-' || i)
		  from public.organisations p, generate_series(1, 10) i where p.code ~ '^B[0-9]+$';
		insert into public.organisations (parent_id, kind, code, names)
		  select p.id, 'wing', p.code || '-' || i, jsonb_build_object('en', 'Wing ' || p.code || '-' || i)
		  from public.organisations p, generate_series(1, 10) i where p.code ~ '^B[0-9]+-[0-9]+$';
		insert into public.organisations (parent_id, kind, code, names)
		  select p.id, 'section', p.code || '-' || i, jsonb_build_object('en', 'Section ' || p.code || '-' || i)
		  from public.organisations p, generate_series(1, 9) i where p.code ~ '^B[0-9]+-[0-9]+-[0-9]+$';`
	);
	await step(
		'people',
		`
		insert into auth.users (id, email)
		  select gen_random_uuid(), 'p' || i || '@bench.test' from generate_series(1, ${PEOPLE}) i;`
	);
	// Everyone in one section, spread evenly; profiles with consent for about half.
	await step(
		'memberships',
		`
		with sections as (select array_agg(id order by code) as ids from public.organisations where kind = 'section' and code like 'B%')
		insert into public.organisation_members (org_id, user_id)
		  select s.ids[1 + (p.n % cardinality(s.ids))], p.id
		  from sections s, (select id, row_number() over (order by id) as n from auth.users where email like '%@bench.test') p;`
	);
	await step(
		'profiles',
		`
		insert into public.profiles (id, display_name, consent_progress_sharing)
		  select id, 'Person ' || left(id::text, 8), random() < 0.5 from auth.users where email like '%@bench.test';`
	);
	await step(
		'course progress',
		`
		insert into public.courses (id, programme, assessment, lesson_count) values ('bench-course', 'awareness', 'practice', 5)
		  on conflict do nothing;
		insert into public.course_progress (owner, course_id, completed_count)
		  select id, 'bench-course', floor(random() * 6)::int from auth.users where email like '%@bench.test';`
	);
	await step('vacuum analyze', 'vacuum analyze');

	const [admin] = (await db.query(`select id from auth.users where email = 'p1@bench.test'`)).rows;
	const ministry = (await db.query(`select id from public.organisations where code = 'B3'`)).rows[0].id;
	await db.query(`insert into public.org_roles (user_id, org_id, role) values ($1, $2, 'org_admin')`, [
		admin.id,
		ministry
	]);
	const sections = (
		await db.query(
			`select id from public.organisations where code like 'B%' and kind = 'section' order by random() limit $1`,
			[RUNS]
		)
	).rows.map((r) => r.id);
	const size = (
		await db.query(
			`select count(*)::int as n from public.organisation_members m join public.organisation_closure c on c.descendant = m.org_id where c.ancestor = $1`,
			[ministry]
		)
	).rows[0].n;
	const orgs = (await db.query('select count(*)::int as n from public.organisations')).rows[0].n;
	console.log(
		`Data ready in ${((Date.now() - started) / 1000).toFixed(0)} s: ${orgs.toLocaleString('en')} organisations; the admin's ministry has ${size.toLocaleString('en')} members.`
	);

	if (ONLY_DATA) {
		console.log(`admin ${admin.id}, ministry ${ministry}`);
		throw new Error('BENCH_ONLY_DATA: stopping before the measurements');
	}
	/** Runs `sql` as the admin, the way PostgREST does, and returns milliseconds. */
	async function asAdmin(sql, params) {
		await db.query('begin');
		await db.query(`set local role authenticated`);
		await db.query(`select set_config('request.jwt.claims', $1, true)`, [
			JSON.stringify({ sub: admin.id, role: 'authenticated' })
		]);
		const t = process.hrtime.bigint();
		const result = await db.query(sql, params);
		const ms = Number(process.hrtime.bigint() - t) / 1e6;
		await db.query('commit');
		return { ms, rows: result.rowCount };
	}

	const percentile = (xs, p) =>
		[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
	async function measure(label, sql, paramsFor, expectRows) {
		const times = [];
		for (let i = 0; i < RUNS; i++) {
			const { ms, rows } = await asAdmin(sql, paramsFor(i));
			if (expectRows !== undefined && rows !== expectRows)
				throw new Error(`${label}: ${rows} rows, expected ${expectRows}`);
			times.push(ms);
		}
		console.log(
			`${label.padEnd(62)} p50 ${percentile(times, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(2).padStart(7)} ms   (n=${RUNS})`
		);
		return times;
	}

	console.log('\nAs an org_admin of one ministry (RLS on, role authenticated):');
	await measure(
		'subtree check has_role_in(random section, org_admin)',
		`select public.has_role_in($1, 'org_admin')`,
		(i) => [sections[i % sections.length]]
	);
	// The People tool's query: members of the subtree, names and contact via the staff view.
	await measure(
		'people listing: org_people(ministry) 1,000 rows',
		`select * from public.org_people($1, null, null, 1000)`,
		() => [ministry],
		1000
	);
	// Mandatory-training status of 1,000 members, through memberships (RLS) and the view.
	await measure(
		'completion listing: members ⋈ staff_course_status, 1,000 rows',
		`select s.owner, s.completed from public.organisation_members m
		   join public.organisation_closure c on c.descendant = m.org_id and c.ancestor = $1
		   join public.staff_course_status s on s.owner = m.user_id
		 order by m.user_id limit 1000`,
		() => [ministry],
		1000
	);
	// Straight at a learner-data table the admin may not read: the cost of RLS refusing row by row.
	await measure(
		'course_progress?limit=1000 as org_admin (not entitled: 0 rows)',
		`select owner, course_id, completed_count from public.course_progress limit 1000`,
		() => [],
		undefined
	);
	const load = (await import('node:os')).loadavg()[0].toFixed(1);
	console.log(
		`\nTarget: listing p95 under 100 ms. Total run ${((Date.now() - started) / 1000).toFixed(0)} s; load average ${load} on ${(await import('node:os')).cpus().length} cores.`
	);
} finally {
	await db.end();
	if (process.env.BENCH_KEEP) console.log(`Kept ${database.url}`);
	else await database.stop();
}
