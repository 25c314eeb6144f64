import { describe, expect, it } from 'vitest';
import { newLearner, stacks, TEST_COURSE } from './helpers';
import { createEvent } from '$lib/events/learner-event';

/**
 * pglite-socket shares one Postgres session among connections and PostgREST runs with
 * db-pool = 1. This proves that requests of two learners racing each other never see each
 * other's rows or role (JWT claims are transaction-local in PostgREST).
 */
describe.each(stacks())('concurrent learners on $name', (stack) => {
	it('never leak rows or identity between simultaneous requests', async () => {
		const [a, b] = await Promise.all([newLearner(stack), newLearner(stack)]);
		if (!a || !b) throw new Error('no learners');
		const push = (l: typeof a, i: number) =>
			l.client.rpc('sync_push', {
				events: [
					createEvent(
						{ type: 'lesson_opened', course_id: TEST_COURSE.id, lesson_id: 'l1', payload: { i } },
						{ owner: l.id, device_id: '01900000-0000-7000-8000-00000000000a' }
					)
				]
			});
		const rounds = 12;
		const calls = [];
		for (let i = 0; i < rounds; i++) {
			calls.push(push(a, i), push(b, i));
			calls.push(
				a.client.from('learner_events').select('owner'),
				b.client.from('learner_events').select('owner')
			);
			calls.push(a.client.rpc('sync_pull', { since: 0 }), b.client.rpc('sync_pull', { since: 0 }));
		}
		const results = await Promise.all(calls);
		results.forEach((r, i) => {
			expect(r.error, `call ${i}`).toBeNull();
			const who = i % 2 === 0 ? a.id : b.id;
			const other = i % 2 === 0 ? b.id : a.id;
			expect(JSON.stringify(r.data)).not.toContain(other);
			if (i % 6 < 2) expect(r.data.rejected).toEqual([]);
			if (i % 6 >= 2 && i % 6 < 4)
				for (const row of r.data as { owner: string }[]) expect(row.owner).toBe(who);
		});
		const all = await a.client.from('learner_events').select('owner');
		expect(all.data).toHaveLength(rounds);
	});
});
