import { describe, expect, it } from 'vitest';
import { createEvent } from '$lib/events/learner-event';
import { encodeBatch, uuidv7Millis } from './wire';

const identity = {
	owner: '0190f0f0-0000-7000-8000-000000000001',
	device_id: '0190f0f0-0000-7000-8000-000000000002'
};

describe('encodeBatch', () => {
	it('sends repeated strings once and client_ts as a delta from the id time', () => {
		const when = new Date('2026-01-02T03:04:05.678Z');
		const a = createEvent({ type: 'lesson_opened', course_id: 'c', lesson_id: 'l1' }, identity, when);
		const b = createEvent(
			{ type: 'quiz_completed', course_id: 'c', lesson_id: 'l2', payload: { score: 80 } },
			identity,
			when
		);
		const batch = encodeBatch(identity.owner, [a, b]);
		expect(uuidv7Millis(a.id)).toBe(when.getTime());
		expect(batch.courses).toEqual(['c']);
		expect(batch.lessons).toEqual(['l1', 'l2']);
		expect(batch.rows).toEqual([
			[a.id, 0, 0, 0, 0, 0, 0],
			[b.id, 1, 0, 1, { score: 80 }, 0, 0]
		]);
	});

	it('refuses an event of another owner', () => {
		const other = createEvent({ type: 'setting_changed' }, { ...identity, owner: 'someone-else' });
		expect(() => encodeBatch(identity.owner, [other])).toThrow(/another owner/);
	});
});
