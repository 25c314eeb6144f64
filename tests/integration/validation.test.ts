import { describe, expect, it } from 'vitest';
import { createEvent, type LearnerEvent } from '$lib/events/learner-event';
import { uuidv7 } from '$lib/events/uuidv7';
import { newLearner, stacks, TEST_COURSE } from './helpers';

const device_id = '01900000-0000-7000-8000-0000000000dd';

describe.each(stacks())('server-side validation in sync_push on $name', (stack) => {
	it('rejects each bad event with a reason and accepts the good ones of the same batch', async () => {
		const learner = await newLearner(stack);
		const ok = (over: Partial<LearnerEvent> = {}): LearnerEvent => ({
			...createEvent(
				{ type: 'lesson_opened', course_id: TEST_COURSE.id, lesson_id: 'l1' },
				{ owner: learner.id, device_id }
			),
			...over
		});
		const cases: [LearnerEvent, string | null][] = [
			[ok(), null],
			[ok({ type: 'teleported' as never }), 'unknown_type'],
			[ok({ course_id: 'no-such-course' }), 'unknown_course'],
			[ok({ lesson_id: 'l99' }), 'unknown_lesson'],
			[ok({ lesson_id: undefined }), 'missing_lesson'],
			[ok({ payload: { text: 'x'.repeat(5000) } }), 'payload_too_large'],
			[ok({ owner: '01900000-0000-7000-8000-0000000000ee' }), 'owner_mismatch'],
			[ok({ id: 'not-a-uuid' }), 'invalid_id'],
			[ok({ id: '0190f0f0-0000-4000-8000-000000000001' }), 'invalid_id'],
			[ok({ v: 9 as never }), 'unsupported_version'],
			[
				ok({
					type: 'setting_changed',
					course_id: undefined,
					lesson_id: undefined,
					payload: { key: 'language' }
				}),
				null
			]
		];
		const { data, error } = await learner.client.rpc('sync_push', { events: cases.map(([e]) => e) });
		expect(error).toBeNull();
		const reasons = new Map((data.rejected as { id: string; reason: string }[]).map((r) => [r.id, r.reason]));
		for (const [event, reason] of cases) expect(reasons.get(event.id) ?? null, event.id).toBe(reason);
		expect(data.accepted).toHaveLength(2);
	});

	it('keeps client_ts as given but orders by server seq, and caps a call at 1000 events', async () => {
		const learner = await newLearner(stack);
		const wrongClock = {
			...createEvent({ type: 'exercise_completed' }, { owner: learner.id, device_id }),
			client_ts: '1999-01-01T00:00:00.000Z'
		};
		await learner.client.rpc('sync_push', { events: [wrongClock] });
		const pulled = await learner.client.rpc('sync_pull', { since: 0 });
		expect(Date.parse(pulled.data.events[0].client_ts)).toBe(Date.parse('1999-01-01T00:00:00.000Z'));
		expect(Date.parse(pulled.data.events[0].server_ts)).toBeGreaterThan(Date.parse('2025-01-01'));
		const tooMany = Array.from({ length: 1001 }, () => ({ ...wrongClock, id: uuidv7() }));
		const res = await learner.client.rpc('sync_push', { events: tooMany });
		expect(res.status).toBe(413);
	});

	it('pages sync_pull by seq and leaves out the asking device’s own events', async () => {
		const learner = await newLearner(stack);
		const mine = Array.from({ length: 5 }, (_, i) =>
			createEvent({ type: 'exercise_completed', payload: { i } }, { owner: learner.id, device_id })
		);
		const other = Array.from({ length: 5 }, (_, i) =>
			createEvent({ type: 'exercise_completed', payload: { i } }, { owner: learner.id, device_id: uuidv7() })
		);
		await learner.client.rpc('sync_push', { events: [...mine, ...other] });
		const seen: string[] = [];
		let since = 0;
		let pages = 0;
		for (;;) {
			const { data } = await learner.client.rpc('sync_pull', { since, device_id, page_size: 3 });
			seen.push(...data.events.map((e: LearnerEvent) => e.id));
			pages++;
			expect(data.cursor).toBeGreaterThanOrEqual(since);
			since = data.cursor;
			if (!data.more) break;
		}
		expect(seen).toEqual(other.map((e) => e.id));
		expect(pages).toBe(4);
	});
});
