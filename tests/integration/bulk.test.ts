import { describe, expect, it } from 'vitest';
import { recordEvents } from '$lib/db/learner-events';
import { startFaultProxy } from '../fault-proxy';
import { engine, newDevice, newLearner, serviceSelect, stacks, TEST_COURSE } from './helpers';

describe.each(stacks())('a long time offline on $name', (stack) => {
	it('sends 10,000 events made offline in one sync, each exactly once', async () => {
		const proxy = await startFaultProxy(stack.url);
		try {
			const learner = await newLearner(stack, proxy.url);
			const device = await newDevice(learner.id);
			const lessons = TEST_COURSE.lessons;
			const inputs = Array.from({ length: 10_000 }, (_, i) => ({
				type: i % 10 === 0 ? ('quiz_completed' as const) : ('quiz_answered' as const),
				course_id: TEST_COURSE.id,
				lesson_id: lessons[i % lessons.length],
				payload: { question: `q${i % 7}`, chosen: ['a'], correct: i % 3 === 0, score: i % 100 },
				lessonIds: lessons
			}));
			// Written in chunks, as a learner would over weeks; nothing is online meanwhile.
			for (let i = 0; i < inputs.length; i += 1000) await recordEvents(inputs.slice(i, i + 1000), device.db);
			expect(await device.db.events.where('sync').equals(0).count()).toBe(10_000);
			// One lost response midway: the retry must not duplicate that batch.
			proxy.fail('/rpc/sync_push', { kind: 'cut-after-commit' });
			const sync = engine(device.db, learner.client);
			await expect(sync.syncOnce()).rejects.toThrow();
			const result = await sync.syncOnce();
			expect(result.quarantined).toBe(0);
			expect(await device.db.events.where('sync').equals(0).count()).toBe(0);
			const rows = await serviceSelect<{ id: string }>(
				stack,
				`learner_events?owner=eq.${learner.id}&select=id`
			);
			expect(rows).toHaveLength(10_000);
			expect(new Set(rows.map((r) => r.id)).size).toBe(10_000);
		} finally {
			await proxy.stop();
		}
	}, 180_000);
});
