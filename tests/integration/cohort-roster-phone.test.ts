import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { createAdminClient } from '$lib/server/supabase-admin';
import { uuidv7 } from '$lib/events/uuidv7';
import { fromWire } from '$lib/cohorts/roster-wire';
import * as cohorts from '$lib/server/staff/cohorts';
import { newLearner, stacks, TEST_COURSE, type Learner } from './helpers';

const DEVICE = '0192f0c4-6b1e-7a2b-9c3d-4e5f60718294';

const ev = (owner: string, type: string, payload: Record<string, unknown>, lesson?: string) => ({
	id: uuidv7(),
	v: 1,
	owner,
	device_id: DEVICE,
	type,
	...(lesson ? { course_id: TEST_COURSE.id, lesson_id: lesson } : {}),
	payload,
	client_ts: new Date().toISOString()
});

/**
 * The roster as the trainer's phone gets it (issue 13, the cohort page in under a second):
 * written short, it must still say exactly what cohort_roster says — same learners, order,
 * counts, marks and flags — and one learner's lesson ticks, fetched when the trainer opens
 * them, follow the roster's rule: the caller runs the cohort, the person is a current member
 * and shares their progress.
 */
describe.each(stacks())('the roster on the phone, on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	async function staff(code: string, role: string): Promise<Learner> {
		const person = await newLearner(stack);
		await service
			.rpc('grant_org_role_by_email', { email: person.email, org_code: code, role })
			.throwOnError();
		return person;
	}
	async function profile(person: Learner, name: string, shares: boolean) {
		await person.client
			.from('profiles')
			.upsert({ id: person.id, display_name: name, consent_terms: true, consent_progress_sharing: shares })
			.throwOnError();
	}
	const push = async (person: Learner, events: unknown[]) =>
		(await person.client.rpc('sync_push', { events }).throwOnError()).data;

	it('says what cohort_roster says, and gives one learner’s lessons only to who may see them', async () => {
		const hub = (
			(await service.from('organisations').select('id').eq('code', 'COE-LHR-TC1').single().throwOnError())
				.data as { id: string }
		).id;
		const trainer = await staff('COE-LHR-TC1', 'trainer');
		const other = await staff('COE-KHI-TC1', 'trainer');
		const [sana, bilal, left] = [await newLearner(stack), await newLearner(stack), await newLearner(stack)];
		await profile(sana, 'Sana', true);
		await profile(bilal, 'Bilal', false);
		await profile(left, 'Left', true);
		const made = await cohorts.createCohort(trainer.client, {
			org: hub,
			title: 'Phone roster',
			course_ids: [TEST_COURSE.id],
			language: 'ur',
			capacity: 10
		});
		if (!made.ok) throw new Error(made.error);
		const cohort = made.value.id;
		const at = (ms: number) => new Date(Date.now() + ms).toISOString();
		const sessions: string[] = [];
		for (const hours of [-1, -0.5]) {
			const s = await cohorts.addSession(trainer.client, {
				cohort,
				starts_at: at(hours * 3600e3),
				ends_at: at(3600e3),
				venue: 'Hall'
			});
			if (!s.ok) throw new Error(s.error);
			sessions.push(s.value.id);
		}
		for (const p of [sana, bilal, left])
			expect((await p.client.rpc('join_cohort', { code: made.value.join_code })).error).toBeNull();
		await push(trainer, [
			ev(trainer.id, 'attendance_marked', { session_id: sessions[0], learner: sana.id, status: 'late' }),
			ev(trainer.id, 'attendance_marked', { session_id: sessions[1], learner: sana.id, status: 'excused' }),
			ev(trainer.id, 'attendance_marked', { session_id: sessions[0], learner: bilal.id, status: 'absent' })
		]);
		await push(sana, [ev(sana.id, 'lesson_completed', {}, 'l1')]);
		await push(bilal, [ev(bilal.id, 'lesson_completed', {}, 'l1')]);
		await push(left, [ev(left.id, 'lesson_completed', {}, 'l1')]);
		expect((await left.client.rpc('leave_cohort', { cohort })).error).toBeNull();

		// Short on the wire, the same roster once read back.
		const full = await cohorts.roster(trainer.client, cohort);
		const short = await cohorts.rosterForPhone(trainer.client, cohort);
		if (!full.ok || !short.ok) throw new Error('roster refused');
		expect(JSON.stringify(short.value).length).toBeLessThan(JSON.stringify(full.value).length);
		const back = fromWire(short.value);
		expect(back.map((r) => r.display_name)).toEqual(full.value.map((r) => r.display_name));
		expect(back).toEqual(
			full.value.map((r) => ({
				...r,
				progress: r.progress
					? Object.fromEntries(
							Object.entries(r.progress).map(([c, p]) => [c, { completed: p.completed, of: p.of }])
						)
					: null
			}))
		);
		const sanaRow = back.find((r) => r.user_id === sana.id)!;
		expect(sanaRow.attendance).toEqual({ [sessions[0]!]: 'late', [sessions[1]!]: 'excused' });
		expect(sanaRow.progress?.[TEST_COURSE.id]?.completed).toBe(1);
		expect(back.find((r) => r.user_id === bilal.id)!.progress).toBeNull();

		// One learner's ticks: the sharing member's, to the cohort's trainer only.
		const ticks = await cohorts.learnerLessons(trainer.client, cohort, sana.id);
		expect(ticks.ok && ticks.value[TEST_COURSE.id]?.l1?.completed).toBe(true);
		expect(await cohorts.learnerLessons(trainer.client, cohort, bilal.id)).toEqual({ ok: true, value: {} });
		expect(await cohorts.learnerLessons(trainer.client, cohort, left.id)).toEqual({ ok: true, value: {} });
		expect(await cohorts.learnerLessons(other.client, cohort, sana.id)).toEqual({
			ok: false,
			error: 'forbidden'
		});
		expect(await cohorts.learnerLessons(bilal.client, cohort, sana.id)).toEqual({
			ok: false,
			error: 'forbidden'
		});
		expect(await cohorts.learnerLessons(trainer.client, cohort, 'not-a-uuid')).toEqual({
			ok: false,
			error: 'invalid'
		});
	});
});
