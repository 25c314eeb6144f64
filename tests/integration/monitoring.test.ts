import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '$lib/events/uuidv7';
import { createAdminClient } from '$lib/server/supabase-admin';
import { buildPublicProgress } from '$lib/server/monitoring/public-progress';
import type { ComplianceFigure, ComplianceFigures, FigureRow } from '$lib/monitoring/types';
import { client, newLearner, otpFor, serviceSelect, stacks, TEST_COURSE, type Learner } from './helpers';

/**
 * Programme monitoring against the real backends: the dashboard's figures must equal a plain
 * recount from the raw rows (done here in TypeScript, independently of the SQL summaries), only
 * CoE-AI administrators and auditors may read them, and nothing published is under 10.
 */
describe.each(stacks())('programme monitoring on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	// This file's learners take a course of their own, so other test files' data never mixes
	// into the figures compared here.
	const course = `mon-${randomUUID().slice(0, 8)}`;
	const lessonIds = ['m1', 'm2', 'm3', 'm4', 'm5'];
	const district = 'Test District';
	let courseReady: Promise<void> | null = null;
	const ensureCourse = () =>
		(courseReady ??= (async () => {
			const c = await service
				.from('courses')
				.insert({ id: course, programme: 'skills', assessment: 'practice', lesson_count: 5 });
			if (c.error) throw new Error(c.error.message);
			const l = await service
				.from('lessons')
				.insert(lessonIds.map((id, i) => ({ course_id: course, id, position: i + 1 })));
			if (l.error) throw new Error(l.error.message);
		})());

	async function learnerIn(
		province: string,
		gender: string | null,
		lessons: number,
		ageBand: string | null = '25-34'
	): Promise<Learner> {
		await ensureCourse();
		const learner = await newLearner(stack);
		const profile = await learner.client
			.from('profiles')
			.upsert({ id: learner.id, province, district, gender, preferred_language: 'ur', age_band: ageBand });
		if (profile.error) throw new Error(profile.error.message);
		const events = lessonIds.slice(0, lessons).flatMap((lesson) => [
			{
				id: uuidv7(),
				v: 1,
				owner: learner.id,
				device_id: randomUUID(),
				type: 'lesson_opened',
				course_id: course,
				lesson_id: lesson,
				payload: {},
				client_ts: new Date().toISOString()
			},
			{
				id: uuidv7(),
				v: 1,
				owner: learner.id,
				device_id: randomUUID(),
				type: 'lesson_completed',
				course_id: course,
				lesson_id: lesson,
				payload: {},
				client_ts: new Date().toISOString()
			}
		]);
		const pushed = await learner.client.rpc('sync_push', { events });
		if (pushed.error) throw new Error(pushed.error.message);
		return learner;
	}

	async function staffAt(code: string, role: string): Promise<Learner> {
		const person = await newLearner(stack);
		const { error } = await service.rpc('grant_org_role_by_email', {
			email: person.email,
			org_code: code,
			role
		});
		if (error) throw new Error(error.message);
		return person;
	}

	it('equals a straightforward recount from the raw rows, and follows profile changes', async () => {
		const people = [
			await learnerIn('punjab', 'female', 5),
			await learnerIn('punjab', 'Female', 2, '18-24'),
			await learnerIn('sindh', 'male', 5, null),
			await learnerIn('sindh', null, 1),
			await learnerIn('balochistan', 'خاتون', 3, '55-64')
		];
		const refreshed = await service.rpc('refresh_programme_summaries');
		expect(refreshed.error).toBeNull();

		const coe = await staffAt('PK', 'coe_admin');
		const ask = async (by: string, extra: Record<string, string> = {}) => {
			const { data, error } = await coe.client.rpc('programme_figures', {
				filters: { course, ...extra },
				by
			});
			if (error) throw new Error(error.message);
			return Object.fromEntries((data as FigureRow[]).map((r) => [r.key, r]));
		};

		// The recount: raw events and profiles, nothing from the summaries.
		const ids = people.map((p) => p.id);
		const events = await serviceSelect<{ owner: string; type: string; lesson_id: string }>(
			stack,
			`learner_events?select=owner,type,lesson_id&owner=in.(${ids.join(',')})&course_id=eq.${course}`
		);
		const profiles = await serviceSelect<{ id: string; province: string; age_band: string | null }>(
			stack,
			`profiles?select=id,province,age_band&id=in.(${ids.join(',')})`
		);
		const provinceOf = new Map(profiles.map((p) => [p.id, p.province]));
		const ageOf = new Map(profiles.map((p) => [p.id, p.age_band ?? 'not-stated']));
		const completedAll = (owner: string) =>
			new Set(
				events.filter((e) => e.owner === owner && e.type === 'lesson_completed').map((e) => e.lesson_id)
			).size === lessonIds.length;
		const recount = (province: string, groupOf = provinceOf) => {
			const owners = [...new Set(events.map((e) => e.owner))].filter((o) => groupOf.get(o) === province);
			return {
				enrolled: owners.length,
				active: owners.length,
				completed: owners.filter(completedAll).length
			};
		};

		const byProvince = await ask('province');
		for (const province of ['punjab', 'sindh', 'balochistan'])
			expect(byProvince[province], province).toMatchObject(recount(province));
		expect(Object.keys(byProvince).sort()).toEqual(['balochistan', 'punjab', 'sindh']);

		// Self-described gender is grouped; "not stated" is its own group.
		const byGender = await ask('gender');
		expect(byGender['female']?.enrolled).toBe(3);
		expect(byGender['male']?.enrolled).toBe(1);
		expect(byGender['not-stated']?.enrolled).toBe(1);
		// Age band likewise, with "not stated" (no answer) its own category.
		const byAge = await ask('age_band');
		const bands = ['18-24', '25-34', '55-64', 'not-stated'];
		for (const band of bands) expect(byAge[band], band).toMatchObject(recount(band, ageOf));
		expect(Object.keys(byAge).sort()).toEqual(bands);
		expect(byAge['not-stated']?.enrolled).toBe(1);

		// A learner who moves province moves in the figures at the next refresh.
		await people[3]!.client.from('profiles').update({ province: 'punjab' }).eq('id', people[3]!.id);
		await service.rpc('refresh_programme_summaries');
		const moved = await ask('province');
		expect(moved['punjab']?.enrolled).toBe(3);
		expect(moved['sindh']?.enrolled).toBe(1);

		// The refresh is incremental (only the people something happened to are recounted): a
		// further day of learning and a change of age band, then every breakdown must equal a
		// rebuild of the cubes from scratch.
		await people[1]!.client.from('profiles').update({ age_band: '35-44' }).eq('id', people[1]!.id);
		const more = await people[1]!.client.rpc('sync_push', {
			events: ['m3', 'm4', 'm5'].map((lesson) => ({
				id: uuidv7(),
				v: 1,
				owner: people[1]!.id,
				device_id: randomUUID(),
				type: 'lesson_completed',
				course_id: course,
				lesson_id: lesson,
				payload: {},
				client_ts: new Date().toISOString()
			}))
		});
		expect(more.error).toBeNull();
		const incremental = await service.rpc('refresh_programme_summaries');
		expect(incremental.error).toBeNull();
		const breakdowns = ['all', 'month', 'province', 'gender', 'age_band', 'language', 'disability'];
		const before = await Promise.all(breakdowns.map((by) => ask(by)));
		expect(before[4]!['35-44']?.enrolled).toBe(1);
		expect(before[0]!['all']?.completed).toBe(3);
		const rebuilt = await service.rpc('refresh_programme_summaries', { full_rebuild: true });
		expect(rebuilt.error).toBeNull();
		expect((rebuilt.data as { rebuilt: boolean }).rebuilt).toBe(true);
		const after = await Promise.all(breakdowns.map((by) => ask(by)));
		expect(before).toEqual(after);
		// With nothing new, a refresh reads nothing and recounts nobody.
		const idle = await service.rpc('refresh_programme_summaries');
		expect(idle.error).toBeNull();

		// Drill-down: a province's districts, from the district cube; never crossed with groups.
		const districts = await ask('district', { province: 'punjab' });
		expect(districts[district]?.enrolled).toBe(3);
		const crossed = await coe.client.rpc('programme_figures', {
			filters: { course, district },
			by: 'gender'
		});
		expect(crossed.error?.code).toBe('22023');
	});

	it('rolls civil-service compliance up nationally and per top-level unit, equal to a recount of every status', async () => {
		// Some compliance of our own: a wing under the Establishment Division with three people,
		// one exempt, one who completes the assigned course, one not started.
		const coe = await staffAt('PK', 'coe_admin');
		const code = `MW${Date.now().toString(36).toUpperCase()}`;
		const { data: estab } = await service.from('organisations').select('id').eq('code', 'FED-ESTAB').single();
		const wing = await coe.client.rpc('create_organisation', {
			parent: (estab as { id: string }).id,
			kind: 'wing',
			code,
			names: { en: `Unit ${code}`, ur: `یونٹ ${code}` }
		});
		expect(wing.error).toBeNull();
		const admin = await staffAt(code, 'org_admin');
		const email = `done.${code}@example.test`.toLowerCase();
		const person = (id: string, line: number, mail = '') => ({
			line,
			employee_id: id,
			full_name: `Person ${id}`,
			email: mail,
			mobile: '',
			org_unit_code: code,
			bps: '17',
			designation: '',
			program_code: '',
			due_date: '',
			supervisor_employee_id: ''
		});
		const applied = await admin.client.rpc('apply_employee_file', {
			employer: wing.data,
			rows: [person('A1', 2, email), person('A2', 3), person('A3', 4)]
		});
		expect(applied.error).toBeNull();
		const assignment = await admin.client.rpc('create_compliance_assignment', {
			org: wing.data,
			code: 'AIM',
			title: { en: 'AI for officers' },
			course_ids: [TEST_COURSE.id],
			due_date: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
		});
		expect(assignment.error).toBeNull();
		const [a3] = await serviceSelect<{ id: string }>(
			stack,
			`employees?employee_id=eq.A3&org_id=eq.${wing.data}&select=id`
		);
		expect(
			(
				await admin.client.rpc('set_compliance_exemption', {
					assignment: assignment.data,
					person: a3!.id,
					reason: 'on leave'
				})
			).error
		).toBeNull();
		const officer = client(stack);
		await officer.auth.signInWithOtp({ email });
		await officer.auth.verifyOtp({ email, token: otpFor(stack, email), type: 'email' });
		await officer.rpc('record_verified_contact', { kind: 'email' });
		expect((await officer.rpc('claim_employee_records')).data).toBe(1);
		const me = (await officer.auth.getUser()).data.user!.id;
		const done = await officer.rpc('sync_push', {
			events: TEST_COURSE.lessons.map((lesson) => ({
				id: uuidv7(),
				v: 1,
				owner: me,
				device_id: randomUUID(),
				type: 'lesson_completed',
				course_id: TEST_COURSE.id,
				lesson_id: lesson,
				payload: {},
				client_ts: new Date().toISOString()
			}))
		});
		expect(done.error).toBeNull();

		const auditor = await staffAt('PK', 'auditor');
		const got = await auditor.client.rpc('programme_compliance', {});
		expect(got.error).toBeNull();
		const figures = got.data as ComplianceFigures;

		// The recount: every status row and the organisation tree, nothing from the counters.
		const orgs = await serviceSelect<{ id: string; code: string; parent_id: string | null }>(
			stack,
			'organisations?select=id,code,parent_id'
		);
		const byId = new Map(orgs.map((o) => [o.id, o]));
		const topLevel = (id: string) => {
			let o = byId.get(id)!;
			while (o.parent_id && byId.get(o.parent_id)!.parent_id) o = byId.get(o.parent_id)!;
			return o.parent_id ? o.code : null; // a root itself counts nationally only
		};
		const statuses = await serviceSelect<{ org_id: string; status: string }>(
			stack,
			'compliance_status?select=org_id,status'
		);
		const tally = new Map<string, ComplianceFigure>();
		const add = (k: string, status: string) => {
			const t = tally.get(k) ?? { assigned: 0, exempt: 0, valid: 0, percent: null };
			t.assigned++;
			if (status === 'exempted') t.exempt++;
			if (['completed', 'completed_late', 'recert_due'].includes(status)) t.valid++;
			tally.set(k, t);
		};
		for (const s of statuses) {
			add('national', s.status);
			const top = topLevel(s.org_id);
			if (top) add(top, s.status);
		}
		const percent = (t: ComplianceFigure) =>
			t.assigned - t.exempt > 0 ? Math.round((1000 * t.valid) / (t.assigned - t.exempt)) / 10 : null;
		for (const t of tally.values()) t.percent = percent(t);
		expect(figures.national).toEqual(tally.get('national'));
		const units = Object.fromEntries(
			figures.units.map(({ code: c, assigned, exempt, valid, percent: p }) => [
				c,
				{ assigned, exempt, valid, percent: p }
			])
		);
		tally.delete('national');
		expect(units).toEqual(Object.fromEntries(tally));
		// Our wing is inside the federal government's line: one valid, one exempt, three assigned.
		expect(figures.units.find((u) => u.code === 'FED')!.valid).toBeGreaterThanOrEqual(1);

		// Only CoE-AI administrators and auditors at the programme root may read it.
		expect((await admin.client.rpc('programme_compliance', {})).error?.code).toBe('42501');
		expect((await (await newLearner(stack)).client.rpc('programme_compliance', {})).error?.code).toBe(
			'42501'
		);
	});

	it('shows the unsuppressed figures only to CoE-AI administrators and auditors', async () => {
		const call = (c: SupabaseClient) => c.rpc('programme_figures', { filters: {}, by: 'province' });
		const learner = await newLearner(stack);
		expect((await call(learner.client)).error?.code).toBe('42501');
		const ministryAdmin = await staffAt('FED-ESTAB', 'org_admin');
		expect((await call(ministryAdmin.client)).error?.code).toBe('42501');
		const centreAdmin = await staffAt('COE-LHR', 'coe_admin'); // a centre, not the programme
		expect((await call(centreAdmin.client)).error?.code).toBe('42501');
		const auditor = await staffAt('PK', 'auditor');
		expect((await call(auditor.client)).error).toBeNull();
		const anon = createAdminClient(stack.url, stack.anonKey);
		expect((await call(anon)).error).not.toBeNull();
		expect((await anon.rpc('programme_targets', {})).error).not.toBeNull();
		// The summaries themselves are not reachable through the API at all.
		expect(
			(
				await anon
					.schema('private' as never)
					.from('programme_summary')
					.select('*')
			).error
		).not.toBeNull();
	});

	it('counts anonymous awareness reach without identifiers, and refuses junk', async () => {
		const anon = createAdminClient(stack.url, stack.anonKey);
		const day = new Date().toISOString().slice(0, 10);
		const entry = { day, course: TEST_COURSE.id, lesson: 'l1', language: 'sd', province: 'sindh', n: 2 };
		const counted = await anon.rpc('record_reach', {
			entries: [
				entry,
				{ ...entry, lesson: 'no-such-lesson' },
				{ ...entry, n: 500 },
				{ ...entry, day: '2001-01-01' }
			]
		});
		expect(counted.error).toBeNull();
		expect(counted.data).toBe(2);
		const tooMany = await anon.rpc('record_reach', { entries: Array.from({ length: 61 }, () => entry) });
		expect(tooMany.error).not.toBeNull();
		const rows = await serviceSelect<Record<string, unknown>>(
			stack,
			`awareness_reach?day=eq.${day}&language=eq.sd`
		);
		expect(Object.keys(rows[0] ?? {}).sort()).toEqual([
			'completions',
			'course_id',
			'day',
			'language',
			'lesson_id',
			'province'
		]);
		// Not readable back through the API by anyone but the operator.
		expect((await anon.from('awareness_reach').select('*')).data ?? []).toEqual([]);
	});

	it('publishes nothing under 10 on /progress and in its download', async () => {
		await service.rpc('refresh_programme_summaries');
		const published = await buildPublicProgress(service);
		const figures = [
			...Object.values(published.totals),
			...published.tables.flatMap((t) => t.cells.map((c) => c.shown))
		];
		expect(figures.length).toBeGreaterThan(0);
		for (const shown of figures) {
			if (shown.kind !== 'rounded') continue;
			expect(shown.value).toBeGreaterThanOrEqual(10);
			expect(shown.value % 5).toBe(0);
		}
		// Nothing in the JSON is a raw count: every number is a rounded figure or a year/target.
		const numbers = JSON.stringify(published).match(/"value":\d+/g) ?? [];
		for (const n of numbers) expect(Number(n.split(':')[1]) % 5).toBe(0);
	});
});
