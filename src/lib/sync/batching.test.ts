import { describe, expect, it } from 'vitest';
import { createEvent, type LearnerEvent } from '$lib/events/learner-event';
import { splitBatch, toBatches } from './batching';
import { backoffDelay } from './backoff';

const identity = {
	owner: '0190f0f0-0000-7000-8000-000000000001',
	device_id: '0190f0f0-0000-7000-8000-000000000002'
};

function events(n: number, payload: Record<string, unknown> = {}): LearnerEvent[] {
	return Array.from({ length: n }, (_, i) =>
		createEvent({ type: 'exercise_completed', payload: { ...payload, i } }, identity)
	);
}

describe('toBatches', () => {
	it('bounds batches by count, keeping order', () => {
		const list = events(1201);
		const batches = toBatches(list, { maxEvents: 500, maxBytes: 1e9 });
		expect(batches.map((b) => b.length)).toEqual([500, 500, 201]);
		expect(batches.flat().map((e) => e.id)).toEqual(list.map((e) => e.id));
	});

	it('bounds batches by bytes and never leaves a large event without a batch', () => {
		const big = events(3, { text: 'x'.repeat(3000) });
		expect(toBatches(big, { maxEvents: 500, maxBytes: 4000 }).map((b) => b.length)).toEqual([1, 1, 1]);
		expect(toBatches([], { maxEvents: 5, maxBytes: 10 })).toEqual([]);
	});

	it('splits a batch in halves for a 413', () => {
		expect(splitBatch([1, 2, 3])).toEqual([[1, 2], [3]]);
	});
});

describe('backoffDelay', () => {
	it('grows exponentially with jitter and stays within its ceiling', () => {
		const opts = { baseMs: 1000, maxMs: 60_000 };
		expect(backoffDelay(1, opts, () => 1)).toBe(1000);
		expect(backoffDelay(3, opts, () => 1)).toBe(4000);
		expect(backoffDelay(3, opts, () => 0)).toBe(1000);
		expect(backoffDelay(20, opts, () => 1)).toBe(60_000);
		const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(5, opts)));
		expect(spread.size).toBeGreaterThan(1);
	});
});
