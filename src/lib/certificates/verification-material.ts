import type { JSONWebKeySet } from 'jose';
import { getDb } from '$lib/db/db';
import type { ErrorCode } from '$lib/result';

/**
 * What the verifier needs, fetched when online and kept on the device (Dexie `meta`) so a
 * certificate seen once verifies again with no network. Only public material is cached: the
 * issuer's public keys, the signed status list and signed credentials.
 */
export interface Cached<T> {
	value: T;
	fetchedAt: string;
}

/** Why nothing live came back, in the codes of `src/lib/result.ts`. */
export type FetchError = Extract<ErrorCode, 'offline' | 'not_found' | 'rate_limited' | 'server'>;

export interface Fetched<T> {
	value: T | null;
	/** True when the value came from the network just now. */
	live: boolean;
	fetchedAt?: string;
	/** Set when the network did not answer with the material (a stored copy may still be in `value`). */
	error?: FetchError;
	retryAfter?: number;
}

const TIMEOUT_MS = 8000;

async function getJson(
	url: string,
	parse: (r: Response) => Promise<unknown>
): Promise<{ ok: true; value: unknown } | { ok: false; error: FetchError; retryAfter?: number }> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
	try {
		// no-store: "live" must mean the server answered now, not the HTTP cache; our own offline
		// copies (with their dates) live in Dexie.
		const response = await fetch(url, {
			signal: controller.signal,
			cache: 'no-store',
			headers: { accept: 'application/json, application/vc+jwt' }
		});
		if (response.status === 404 || response.status === 400) return { ok: false, error: 'not_found' };
		if (response.status === 429)
			return {
				ok: false,
				error: 'rate_limited',
				retryAfter: Number(response.headers.get('retry-after')) || 60
			};
		if (!response.ok) return { ok: false, error: 'server' };
		return { ok: true, value: await parse(response) };
	} catch {
		return { ok: false, error: 'offline' };
	} finally {
		clearTimeout(timer);
	}
}

async function cachedFetch<T>(
	key: string,
	url: string,
	parse: (r: Response) => Promise<unknown>,
	check: (v: unknown) => v is T
): Promise<Fetched<T>> {
	const got = await getJson(url, parse);
	const db = getDb();
	if (got.ok && check(got.value)) {
		const fetchedAt = new Date().toISOString();
		await db.meta.put({ key, value: { value: got.value, fetchedAt } satisfies Cached<T> }).catch(() => {});
		return { value: got.value, live: true, fetchedAt };
	}
	const error = got.ok ? 'server' : got.error;
	const retryAfter = got.ok ? undefined : got.retryAfter;
	// A definite "no such certificate" is not papered over with an old copy.
	if (error === 'not_found') return { value: null, live: false, error };
	const stored = (await db.meta.get(key).catch(() => undefined))?.value as Cached<unknown> | undefined;
	if (stored && check(stored.value))
		return { value: stored.value, live: false, fetchedAt: stored.fetchedAt, error, retryAfter };
	return { value: null, live: false, error, retryAfter };
}

const isJwks = (v: unknown): v is JSONWebKeySet =>
	!!v && typeof v === 'object' && Array.isArray((v as JSONWebKeySet).keys);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 64_000;

export function loadKeys(): Promise<Fetched<JSONWebKeySet>> {
	return cachedFetch('cert:jwks', '/.well-known/jwks.json', (r) => r.json(), isJwks);
}

export function loadStatusList(): Promise<Fetched<string>> {
	return cachedFetch('cert:status-list', '/api/certificates/status-list', (r) => r.text(), isText);
}

export function loadCredential(code: string): Promise<Fetched<string>> {
	return cachedFetch(
		`cert:credential:${code}`,
		`/api/certificates/${encodeURIComponent(code)}`,
		async (r) => ((await r.json()) as { credential?: unknown }).credential,
		isText
	);
}
