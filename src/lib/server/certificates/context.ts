import type { RequestEvent } from '@sveltejs/kit';
import { fail } from '../http';
import { env } from '$env/dynamic/private';
import { createRateLimiter, tooManyRequests, type RateLimiter } from '../rate-limit';
import { NotConfigured } from './config';

/**
 * Shared plumbing for the certificate endpoints: per-IP limits for public verification, and
 * failures that never leak a stack trace. The origin in credentials comes from config.ts only.
 */

/** Public verification: 30 credential look-ups and 120 key/status fetches per IP per minute. */
export const lookupLimiter = createRateLimiter(Number(env.CERT_LOOKUPS_PER_MINUTE ?? 30), 60_000);
export const publicFileLimiter = createRateLimiter(120, 60_000);

export function limited(limiter: RateLimiter, event: RequestEvent): Response | null {
	let ip = 'unknown';
	try {
		ip = event.getClientAddress();
	} catch {
		// Some adapters cannot tell; everyone unknown then shares one budget.
	}
	const retry = limiter.hit(ip);
	return retry === null ? null : tooManyRequests(retry);
}

/** Runs an endpoint body; anything unexpected becomes a plain JSON 500/503, logged server-side. */
export async function guarded(run: () => Promise<Response>): Promise<Response> {
	try {
		return await run();
	} catch (failure) {
		if (failure && typeof failure === 'object' && 'status' in failure) throw failure; // SvelteKit error()/redirect()
		console.error('[certificates]', failure);
		const notConfigured =
			failure instanceof NotConfigured ||
			(failure instanceof Error && /must be set|CERT_SIGNING_KEYS/.test(failure.message));
		return fail(notConfigured ? 'not_configured' : 'server');
	}
}
