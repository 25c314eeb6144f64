/**
 * Per-IP fixed-window rate limit for public verification endpoints. In memory: one Node
 * process serves the app (adapter-node); behind several, put the same rule in the proxy.
 * A verification code has 80 bits, so this is about load and scraping, not guessing.
 */
export interface RateLimiter {
	/** null = allowed; otherwise seconds until the window resets. */
	hit(key: string, now?: number): number | null;
}

export function createRateLimiter(limit: number, windowMs: number, maxKeys = 50_000): RateLimiter {
	const windows = new Map<string, { start: number; count: number }>();
	return {
		hit(key, now = Date.now()) {
			let w = windows.get(key);
			if (!w || now - w.start >= windowMs) {
				if (windows.size >= maxKeys) {
					for (const [k, v] of windows) if (now - v.start >= windowMs) windows.delete(k);
					if (windows.size >= maxKeys) windows.clear(); // under attack: forget rather than grow
				}
				w = { start: now, count: 0 };
				windows.set(key, w);
			}
			w.count++;
			return w.count > limit ? Math.ceil((w.start + windowMs - now) / 1000) : null;
		}
	};
}

/** A 429 that says plainly what happened and when to try again. */
export function tooManyRequests(retryAfter: number): Response {
	return new Response(
		JSON.stringify({
			error: 'rate_limited',
			retry_after: retryAfter,
			message: `Too many verification requests. Try again in ${retryAfter} seconds.`
		}),
		{
			status: 429,
			headers: { 'content-type': 'application/json', 'retry-after': String(retryAfter) }
		}
	);
}
