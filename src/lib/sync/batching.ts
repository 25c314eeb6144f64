import type { LearnerEvent } from '$lib/events/learner-event';
import { estimateEventBytes } from './wire';

/** Limits for one sync_push call: the server takes at most 1000 events per call. */
export interface BatchLimits {
	maxEvents: number;
	maxBytes: number;
}

export const DEFAULT_LIMITS: BatchLimits = { maxEvents: 500, maxBytes: 256 * 1024 };

/**
 * Splits pending events, oldest first, into batches bounded by count and estimated bytes.
 * An event larger than maxBytes on its own still gets a batch (the server judges it).
 */
export function toBatches<E extends LearnerEvent>(
	events: readonly E[],
	limits: BatchLimits = DEFAULT_LIMITS
): E[][] {
	const batches: E[][] = [];
	let current: E[] = [];
	let bytes = 0;
	for (const event of events) {
		const size = estimateEventBytes(event);
		if (current.length > 0 && (current.length >= limits.maxEvents || bytes + size > limits.maxBytes)) {
			batches.push(current);
			current = [];
			bytes = 0;
		}
		current.push(event);
		bytes += size;
	}
	if (current.length > 0) batches.push(current);
	return batches;
}

/** Halves a batch the server found too large (HTTP 413). */
export function splitBatch<E>(batch: readonly E[]): [E[], E[]] {
	const middle = Math.ceil(batch.length / 2);
	return [batch.slice(0, middle), batch.slice(middle)];
}
