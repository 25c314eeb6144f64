/**
 * `npm run bench:compliance`: the compliance dashboard at government scale on real PostgreSQL
 * (TEST_DATABASE_URL or BENCH_DATABASE_URL; a fresh database, dropped afterwards). Generates, in
 * SQL with generate_series, civil servants in units under one "Establishment Division" root, two
 * assignments each and ~20 learner events per person, then prints p50/p95 of the roll-up of the
 * root, a leaf unit's list, a filtered drill-down, the time of a 100,000-row CSV export through
 * PostgREST and the app's streaming exporter, and the database size.
 *
 * BENCH_SCALE (default 1) scales people and events: 1 = 500,000 people, 5,120 units, 1,000,000
 * assignment rows, ~10,000,000 events. The figures printed say what ran.
 * Runs as a vitest project so it uses the app's real TypeScript modules (the exporter).
 */
import pg from 'pg';
import { expect, it } from 'vitest';
import { createAdminClient } from '$lib/server/supabase-admin';
import { csvStream, exportRows } from '$lib/server/staff/compliance';
import { startStack, type Stack } from './stack/stack.js';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const PEOPLE = Math.round(500_000 * SCALE);
const EVENTS_PER_PERSON = 20;
const MINISTRIES = 20;
const WINGS = 16;
const SECTIONS = 16;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const EXPORT_ROWS = Math.min(100_000, PEOPLE * 2);

const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function timed(db: pg.Client, sql: string, params: unknown[]) {
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		await db.query(sql, params);
		times.push(performance.now() - t0);
	}
	return { p50: pct(times, 50), p95: pct(times, 95) };
}

async function step<T>(label: string, run: () => Promise<T>): Promise<T> {
	const t0 = performance.now();
	const out = await run();
	console.log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	return out;
}

it('compliance at scale', async () => {
	const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
	if (!url) throw new Error('set TEST_DATABASE_URL (or BENCH_DATABASE_URL) to a PostgreSQL 15 server');
	const stack: Stack = await startStack({ databaseUrl: url, log: () => {} });
	const db = new pg.Client({ connectionString: stack.dbUrl });
	await db.connect();
	try {
		const version = (await db.query('show server_version')).rows[0].server_version;
		console.log(
			`\nbench:compliance on PostgreSQL ${version}, scale ${SCALE}: ${PEOPLE} people, ` +
				`${MINISTRIES * (1 + WINGS * (1 + SECTIONS)) + 1} units, ${PEOPLE * 2} assignment rows, ~${PEOPLE * EVENTS_PER_PERSON} events`
		);
		console.log('generating:');
		await step('units', () =>
			db.query(`
			with root as (
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
			from public.organisations w, generate_series(1, ${SECTIONS}) k where w.code ~ '^BM[0-9]+-W[0-9]+$';`)
		);
		await step('accounts', () =>
			db.query(`
			insert into auth.users (email, email_confirmed_at)
			select 'b' || i || '@bench.test', now() from generate_series(1, ${PEOPLE}) i`)
		);
		await step('employee records', () =>
			db.query(`
			create table bench_sec as select row_number() over (order by code) - 1 as n, id from public.organisations
			  where code ~ '^BM[0-9]+-W[0-9]+-S[0-9]+$';
			create table bench_people as select substring(email from 2 for position('@' in email) - 2)::int as n, id
			  from auth.users where email like '%@bench.test';
			create unique index on bench_people (n);
			insert into public.employees (employer_id, employee_id, org_id, full_name, email, bps, designation,
			  supervisor_employee_id, user_id, claimed_at)
			select (select id from public.organisations where code = 'BENCH-ESTAB'), 'E' || p.n, s.id,
			  'Officer ' || p.n, 'b' || p.n || '@bench.test', 1 + (p.n % 22), 'Officer',
			  case when p.n % 10 <> 0 then 'E' || (p.n - p.n % 10) end, p.id, now()
			from bench_people p join bench_sec s on s.n = p.n % (select count(*) from bench_sec);`)
		);
		await step('learner events', () =>
			db.query(`
			alter table public.course_progress disable trigger compliance_follow_progress;
			alter table public.assessment_results disable trigger compliance_follow_results;
			alter table public.learner_events disable trigger user;
			create table bench_lessons as select row_number() over (order by course_id, position) - 1 as n, course_id, id
			  from public.lessons where course_id in ('ai-public-servants', 'ai-awareness');
			insert into public.learner_events (id, owner, device_id, type, course_id, lesson_id, payload, client_ts, server_ts)
			select gen_random_uuid(), p.id, p.id, case when k % 2 = 0 then 'lesson_opened' else 'lesson_completed' end,
			  l.course_id, l.id, '{}', now() - make_interval(days => k), now() - make_interval(days => k)
			from bench_people p cross join generate_series(1, ${EVENTS_PER_PERSON}) k
			join bench_lessons l on l.n = ((k - 1) / 2 + p.n * (p.n % 3)) % (select count(*) from bench_lessons);`)
		);
		await step('progress and results', () =>
			db.query(`
			insert into public.course_progress (owner, course_id, lessons, completed_count, updated_at)
			select e.owner, e.course_id,
			  jsonb_object_agg(e.lesson_id, jsonb_build_object('opened', true, 'completed', e.done)),
			  count(*) filter (where e.done), max(e.at)
			from (select owner, course_id, lesson_id, bool_or(type = 'lesson_completed') as done, max(server_ts) as at
			      from public.learner_events group by 1, 2, 3) e
			group by e.owner, e.course_id;
			with sub as (
			  insert into public.learner_events (id, owner, device_id, type, course_id, payload, server_ts)
			  select gen_random_uuid(), p.id, p.id, 'assessment_submitted', 'ai-public-servants', '{}', now() - interval '3 days'
			  from bench_people p where p.n % 4 = 0
			  returning id, owner, server_ts)
			insert into public.assessment_results (event_id, owner, course_id, status, score, correct, total, pass_mark, graded_at)
			select id, owner, 'ai-public-servants', 'passed', 80, 8, 10, 70, server_ts from sub;
			alter table public.learner_events enable trigger user;
			alter table public.course_progress enable trigger compliance_follow_progress;
			alter table public.assessment_results enable trigger compliance_follow_results;`)
		);
		await step('assignments and statuses (set-based match + refresh)', () =>
			db.query(`
			insert into public.compliance_assignments (org_id, code, title, course_ids, due_date, recert_months)
			select id, 'AIPS', '{"en": "AI for Public Servants"}', '{ai-public-servants}', current_date + 30, 24
			from public.organisations where code = 'BENCH-ESTAB';
			insert into public.compliance_assignments (org_id, code, title, course_ids, due_date, bps_min)
			select id, 'AWARE', '{"en": "AI awareness"}', '{ai-awareness}', current_date + 60, 1
			from public.organisations where code = 'BENCH-ESTAB';
			select private.compliance_match(a.id) from public.compliance_assignments a
			  join public.organisations o on o.id = a.org_id where o.code = 'BENCH-ESTAB';`)
		);
		await step('daily tick (statuses, reminders, snapshot)', () =>
			db.query('select public.compliance_tick()')
		);
		await step('analyze', () => db.query('analyze'));

		const counts = (
			await db.query(`select (select count(*) from public.organisations) as units,
			(select count(*) from public.employees) as people, (select count(*) from public.compliance_status) as statuses,
			(select count(*) from public.learner_events) as events,
			(select count(*) from private.compliance_counts) as counters`)
		).rows[0];
		console.log(`generated: ${JSON.stringify(counts)}`);

		// An org_admin at the root, signed in through the auth stand-in like a real person.
		const admin = createClient(stack.url, stack.anonKey, {
			auth: { persistSession: false, autoRefreshToken: false },
			realtime: { transport: WebSocket as never }
		});
		const signed = await admin.auth.signUp({
			email: 'estab-admin@bench.test',
			password: 'correct horse battery'
		});
		if (signed.error || !signed.data.user) throw new Error(signed.error?.message ?? 'no admin');
		const service = createAdminClient(stack.url, stack.serviceKey);
		await service.rpc('grant_org_role_by_email', {
			email: 'estab-admin@bench.test',
			org_code: 'BENCH-ESTAB',
			role: 'org_admin'
		});

		// Dashboard calls as the admin (role authenticated, the admin's claims), as PostgREST runs them.
		await db.query('set role authenticated');
		await db.query(`select set_config('request.jwt.claims', $1, false)`, [
			JSON.stringify({ sub: signed.data.user.id, role: 'authenticated' })
		]);
		const ids = (
			await db.query(`select (select id from public.organisations where code = 'BENCH-ESTAB') as root,
			(select id from public.organisations where code = 'BM7') as ministry,
			(select id from public.organisations where code = 'BM7-W3-S5') as leaf,
			(select id from public.compliance_assignments where code = 'AIPS') as aips`)
		).rows[0];
		const rollupRoot = await timed(db, 'select * from public.compliance_rollup($1)', [ids.root]);
		const leafList = await timed(db, 'select * from public.compliance_people($1, page_size => 500)', [
			ids.leaf
		]);
		const drill = await timed(
			db,
			`select * from public.compliance_rollup($1, $2, 17, 22, current_date, current_date + 90)`,
			[ids.ministry, ids.aips]
		);
		const peopleFiltered = await timed(
			db,
			`select * from public.compliance_people($1, $2, '{overdue,not_started}', 17, 22, page_size => 200)`,
			[ids.ministry, ids.aips]
		);
		await db.query('reset role');

		// Export: the app's streaming exporter, as the admin, through PostgREST.
		const token = (await admin.auth.getSession()).data.session!.access_token;
		const asAdmin = createClient(stack.url, stack.anonKey, {
			auth: { persistSession: false, autoRefreshToken: false },
			global: { headers: { Authorization: `Bearer ${token}` } },
			realtime: { transport: WebSocket as never }
		});
		async function* firstRows() {
			let n = 0;
			for await (const row of exportRows(asAdmin, {
				unit: ids.root,
				assignment: null,
				statuses: null,
				bps_min: null,
				bps_max: null,
				due_from: null,
				due_to: null
			})) {
				yield row;
				if (++n >= EXPORT_ROWS) return;
			}
		}
		const rssBefore = process.memoryUsage().rss;
		let peakRss = rssBefore;
		const t0 = performance.now();
		const reader = csvStream(firstRows()).getReader();
		let bytes = 0;
		let lines = 0;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			bytes += value.byteLength;
			for (const b of value) if (b === 10) lines++;
			peakRss = Math.max(peakRss, process.memoryUsage().rss);
		}
		const exportSeconds = (performance.now() - t0) / 1000;
		expect(lines).toBe(EXPORT_ROWS + 1);

		const size = (await db.query('select pg_size_pretty(pg_database_size(current_database())) as s')).rows[0]
			.s;
		console.log('\nresults (' + RUNS + ' runs each):');
		console.log(
			`  roll-up of the Establishment Division (root, all units): p50 ${ms(rollupRoot.p50)}, p95 ${ms(rollupRoot.p95)}`
		);
		console.log(
			`  leaf unit's list (500 people page):                    p50 ${ms(leafList.p50)}, p95 ${ms(leafList.p95)}`
		);
		console.log(
			`  filtered drill-down (ministry, one assignment, BPS 17-22, due range): p50 ${ms(drill.p50)}, p95 ${ms(drill.p95)}`
		);
		console.log(
			`  filtered people list (ministry, overdue/not started, BPS 17-22):    p50 ${ms(peopleFiltered.p50)}, p95 ${ms(peopleFiltered.p95)}`
		);
		console.log(
			`  CSV export of ${EXPORT_ROWS} rows: ${exportSeconds.toFixed(2)} s, ${(bytes / 1e6).toFixed(1)} MB, ` +
				`RSS growth ${((peakRss - rssBefore) / 1e6).toFixed(0)} MB`
		);
		console.log(`  database size: ${size}\n`);
	} finally {
		await db.end().catch(() => {});
		await stack.stop();
	}
});
