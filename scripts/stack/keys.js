// The stack's JWT secret and the two API keys made from it — the same claims Supabase puts in
// its anon and service_role keys, so PostgREST and supabase-js treat them alike.
import { SignJWT } from 'jose';

/** Fixed for `npm run dev` so keys survive restarts; tests pass a random one. Dev only. */
export const DEV_JWT_SECRET = 'seekh-local-stack-jwt-secret-not-for-production-use';

/** @param {string} secret */
export function secretKey(secret) {
	return new TextEncoder().encode(secret);
}

/**
 * @param {string} secret
 * @param {Record<string, unknown>} claims
 * @param {number} ttlSeconds
 */
export async function signJwt(secret, claims, ttlSeconds) {
	const now = Math.floor(Date.now() / 1000);
	return new SignJWT({ ...claims })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setIssuedAt(now)
		.setExpirationTime(now + ttlSeconds)
		.sign(secretKey(secret));
}

/** @param {string} secret */
export async function apiKeys(secret) {
	const tenYears = 10 * 365 * 24 * 3600;
	return {
		anonKey: await signJwt(secret, { iss: 'supabase-local', role: 'anon' }, tenYears),
		serviceKey: await signJwt(secret, { iss: 'supabase-local', role: 'service_role' }, tenYears)
	};
}
