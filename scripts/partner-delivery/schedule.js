// When a failed delivery is tried again. Exponential from 30 seconds (×4 each time) up to 12
// hours between tries, 12 tries in all: the last one comes about 71 hours (≈ 3 days) after the
// first, so a partner's endpoint can be down over a long weekend and still receive everything.
// Standard Webhooks recommends retrying for days with growing gaps; this is that, in one place.

export const FIRST_DELAY_SECONDS = 30;
export const MAX_DELAY_SECONDS = 12 * 3600;
export const MAX_ATTEMPTS = 12;

/**
 * Seconds to wait after failed attempt number `attempt` (1 = the first try), or null when that
 * was the last one and the delivery is given up ('failed'; a partner admin can redeliver it).
 * @param {number} attempt
 * @returns {number | null}
 */
export function retryDelaySeconds(attempt) {
	if (!Number.isInteger(attempt) || attempt < 1) return FIRST_DELAY_SECONDS;
	if (attempt >= MAX_ATTEMPTS) return null;
	return Math.min(FIRST_DELAY_SECONDS * 4 ** (attempt - 1), MAX_DELAY_SECONDS);
}

/** Every gap of the schedule, in seconds (for the docs and the test). */
export function schedule() {
	const gaps = [];
	for (let attempt = 1; ; attempt++) {
		const gap = retryDelaySeconds(attempt);
		if (gap === null) return gaps;
		gaps.push(gap);
	}
}

/** The longest wait a receiver's Retry-After can impose on one delivery: a day. */
export const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

/**
 * The wait after a failed attempt, honouring the receiver: when it answered 429 or 503 with
 * Retry-After, at least that long (capped at a day, so a wild value cannot park a delivery for
 * ever), never sooner than the schedule. Null when the schedule gives up.
 * @param {number} attempt
 * @param {number | null | undefined} retryAfter seconds the receiver asked for
 * @returns {number | null}
 */
export function nextDelaySeconds(attempt, retryAfter) {
	const gap = retryDelaySeconds(attempt);
	if (gap === null) return null;
	if (typeof retryAfter !== 'number' || !Number.isFinite(retryAfter) || retryAfter <= 0) return gap;
	return Math.max(gap, Math.min(Math.ceil(retryAfter), MAX_RETRY_AFTER_SECONDS));
}
