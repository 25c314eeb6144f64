/**
 * Exponential backoff with full jitter: the wait is random in [base, min(max, base·2^attempt)],
 * so many phones coming back online at once do not retry in step.
 */
export interface BackoffOptions {
	baseMs: number;
	maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 5 * 60_000 };

export function backoffDelay(
	attempt: number,
	options: BackoffOptions = DEFAULT_BACKOFF,
	random = Math.random
): number {
	const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(options.baseMs + random() * Math.max(0, ceiling - options.baseMs));
}
