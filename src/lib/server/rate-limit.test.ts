import { describe, expect, it } from 'vitest';
import { createRateLimiter, tooManyRequests } from './rate-limit';

describe('rate limiter', () => {
	it('allows the limit per window per key, then says when to retry', () => {
		const limiter = createRateLimiter(3, 60_000);
		for (let i = 0; i < 3; i++) expect(limiter.hit('1.2.3.4', 1000)).toBeNull();
		expect(limiter.hit('1.2.3.4', 31_000)).toBe(30);
		expect(limiter.hit('5.6.7.8', 31_000)).toBeNull();
		expect(limiter.hit('1.2.3.4', 61_000)).toBeNull();
	});

	it('answers 429 with Retry-After and a readable message', async () => {
		const response = tooManyRequests(12);
		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toBe('12');
		expect(((await response.json()) as { error: string }).error).toBe('rate_limited');
	});

	it('does not grow without bound', () => {
		const limiter = createRateLimiter(1, 1000, 10);
		for (let i = 0; i < 100; i++) limiter.hit(`ip-${i}`, 0);
		expect(limiter.hit('ip-0', 0)).toBeNull();
	});
});
