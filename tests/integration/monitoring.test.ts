import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '$lib/events/uuidv7';
import { createAdminClient } from '$lib/server/supabase-admin';
import { buildPublicProgress } from '$lib/server/monitoring/public-progress';
import type { FigureRow } from '$lib/monitoring/types';
import { newLearner, serviceSelect, stacks, TEST_COURSE, type Learner } from './helpers';

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

	async function learnerIn(province: string, gender: string | null, lessons: number): Promise<Learner> {
		await ensureCourse();
		const learner = await newLearner(stack);
		const profile = await learner.client
			.from('profiles')
			.upsert({ id: learner.id, province, district, gender, preferred_language: 'ur', age_band: '25-34' });
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
			await learnerIn('punjab', 'Female', 2),
			await learnerIn('sindh', 'male', 5),
			await learnerIn('sindh', null, 1),
			await learnerIn('balochistan', 'خاتون', 3)
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
		const profiles = await serviceSelect<{ id: string; province: string; gender: string | null }>(
			stack,
			`profiles?select=id,province,gender&id=in.(${ids.join(',')})`
		);
		const provinceOf = new Map(profiles.map((p) => [p.id, p.province]));
		const completedAll = (owner: string) =>
			new Set(
				events.filter((e) => e.owner === owner && e.type === 'lesson_completed').map((e) => e.lesson_id)
			).size === lessonIds.length;
		const recount = (province: string) => {
			const owners = [...new Set(events.map((e) => e.owner))].filter((o) => provinceOf.get(o) === province);
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
		expect((await ask('age_band'))['25-34']?.enrolled).toBe(5);

		// A learner who moves province moves in the figures at the next refresh.
		await people[3]!.client.from('profiles').update({ province: 'punjab' }).eq('id', people[3]!.id);
		await service.rpc('refresh_programme_summaries');
		const moved = await ask('province');
		expect(moved['punjab']?.enrolled).toBe(3);
		expect(moved['sindh']?.enrolled).toBe(1);

		// Drill-down: a province's districts, from the district cube; never crossed with groups.
		const districts = await ask('district', { province: 'punjab' });
		expect(districts[district]?.enrolled).toBe(3);
		const crossed = await coe.client.rpc('programme_figures', {
			filters: { course, district },
			by: 'gender'
		});
		expect(crossed.error?.code).toBe('22023');
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
