import { json } from '@sveltejs/kit';
import { STATUS, type ErrorCode, type Result } from '$lib/result';

/**
 * Shared HTTP plumbing for every endpoint: reading the bearer token (the one place the
 * pattern lives), answering in the one result shape, rate limits and the guard that turns
 * faults into a plain 500 (`{ error: 'server' }`). The guard and per-IP limits live with the
 * public certificate endpoints that first needed them and are re-exported here so new code
 * imports from one place.
 */
export { guarded, limited } from './certificates/context';
export { createRateLimiter, tooManyRequests, type RateLimiter } from './rate-limit';

/** The access token of an `Authorization: Bearer …` header, or null (the one pattern, in ids.ts). */
export { bearerToken } from './ids';

/** A failure in the one shape: `{ error }` with the code's status. */
export function fail(error: ErrorCode, status = STATUS[error]): Response {
	return json({ error }, { status, headers: { 'cache-control': 'no-store' } });
}

/** A result as HTTP: the value itself (never cached: staff data is personal), or the failure. */
export function respond<T>(result: Result<T>): Response {
	if (!result.ok) return fail(result.error);
	return json(result.value, { headers: { 'cache-control': 'no-store' } });
}
