import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { createAdminClient } from '$lib/server/supabase-admin';
import { uuidv7 } from '$lib/events/uuidv7';
import * as cohorts from '$lib/server/staff/cohorts';
import { newLearner, stacks, TEST_COURSE, type Learner } from './helpers';

const DEVICE = '0192f0c4-6b1e-7a2b-9c3d-4e5f60718294';

const quiz = (owner: string, lesson: string, score: unknown) => ({
	id: uuidv7(),
	v: 1,
	owner,
	device_id: DEVICE,
	type: 'quiz_completed',
	course_id: TEST_COURSE.id,
	lesson_id: lesson,
	payload: { score, total: 5 },
	client_ts: new Date().toISOString()
});

/**
 * "Failed the same quiz twice and never passed since" comes from per-quiz tallies kept as results
 * arrive (20261206000100_cohort_quiz_tallies.sql), not from re-reading every result: the roster
 * must flag exactly whom the results say, across pushes, with scores written as numbers or text,
 * and follow the events when they are deleted (a learner's erasure) or corrected.
 */
describe.each(stacks())('the roster’s failed quizzes, on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	const push = async (person: Learner, events: unknown[]) =>
		person.client.rpc('sync_push', { events }).throwOnError();

	it('flags whom the quiz results say, and follows deleted and corrected results', async () => {
		const hub = (
			(await service.from('organisations').select('id').eq('code', 'COE-LHR-TC1').single().throwOnError())
				.data as { id: string }
		).id;
		const trainer = await newLearner(stack);
		await service
			.rpc('grant_org_role_by_email', { email: trainer.email, org_code: 'COE-LHR-TC1', role: 'trainer' })
			.throwOnError();
		const [sana, omar] = [await newLearner(stack), await newLearner(stack)];
		for (const [p, name] of [
			[sana, 'Sana'],
			[omar, 'Omar']
		] as const)
			await p.client
				.from('profiles')
				.upsert({ id: p.id, display_name: name, consent_terms: true, consent_progress_sharing: true })
				.throwOnError();
		const made = await cohorts.createCohort(trainer.client, {
			org: hub,
			title: 'Quiz tallies',
			course_ids: [TEST_COURSE.id],
			language: 'ur',
			capacity: 10
		});
		if (!made.ok) throw new Error(made.error);
		for (const p of [sana, omar])
			expect((await p.client.rpc('join_cohort', { code: made.value.join_code })).error).toBeNull();

		// Sana: l2 failed twice (one score sent as text); l3 failed then passed; l1 failed once.
		const sanaFirstFail = quiz(sana.id, 'l2', 20);
		await push(sana, [sanaFirstFail, quiz(sana.id, 'l3', 10), quiz(sana.id, 'l1', 5)]);
		await push(sana, [quiz(sana.id, 'l2', '30'), quiz(sana.id, 'l3', 80), quiz(sana.id, 'l4', 'n/a')]);
		// Omar: l2 failed twice in one push, passed in the next.
		const omarPass = quiz(omar.id, 'l2', 60);
		await push(omar, [quiz(omar.id, 'l2', 10), quiz(omar.id, 'l2', 20)]);
		await push(omar, [omarPass]);
		// A push sent again (a retry) is stored once and counted once.
		await push(omar, [omarPass]);

		const failed = async () => {
			const got = await cohorts.roster(trainer.client, made.value.id);
			if (!got.ok) throw new Error(got.error);
			return Object.fromEntries(
				got.value.map((r) => [r.display_name, { quizzes: r.failed_quizzes, help: r.needs_help }])
			);
		};
		const first = await failed();
		expect(first.Sana?.quizzes).toEqual([`${TEST_COURSE.id}/l2`]);
		expect(first.Sana?.help).toContain('failed_quiz_twice');
		expect(first.Omar?.quizzes).toEqual([]);
		expect(first.Omar?.help).not.toContain('failed_quiz_twice');

		// One of Sana's two failures deleted: once is not twice.
		await service.from('learner_events').delete().eq('id', sanaFirstFail.id).throwOnError();
		// Omar's pass corrected to a failure: three failures, never passed.
		await service
			.from('learner_events')
			.update({ payload: { score: 5, total: 5 } })
			.eq('id', omarPass.id)
			.throwOnError();
		const after = await failed();
		expect(after.Sana?.quizzes).toEqual([]);
		expect(after.Omar?.quizzes).toEqual([`${TEST_COURSE.id}/l2`]);
		expect(after.Omar?.help).toContain('failed_quiz_twice');

		// Sana fails l2 again and l5 twice: both, in order.
		await push(sana, [quiz(sana.id, 'l5', 0), quiz(sana.id, 'l5', 1), quiz(sana.id, 'l2', 0)]);
		expect((await failed()).Sana?.quizzes).toEqual([`${TEST_COURSE.id}/l2`, `${TEST_COURSE.id}/l5`]);
	});
});
