import { accessToken } from '$lib/certificates/session-token';
import { failure, isErrorCode, ok, type Result } from '$lib/result';

/**
 * Every staff tool's calls to the app server go through here, with the signed-in person's
 * token, and come back in the one result shape (src/lib/result.ts): a value, or an error code
 * the page translates as `staff:problems.<code>`. Nothing throws; the server and the database
 * decide who may do what.
 */
export async function call<T>(path: string, init: RequestInit = {}): Promise<Result<T>> {
	const token = accessToken();
	if (!token) return failure('sign_in');
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), 15_000);
	try {
		const response = await fetch(path, {
			...init,
			cache: 'no-store',
			signal: controller.signal,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
		});
		const body = (await response.json().catch(() => null)) as unknown;
		if (response.ok) return ok(body as T);
		const code = (body as { error?: unknown } | null)?.error;
		return failure(isErrorCode(code) ? code : response.status === 401 ? 'sign_in' : 'server');
	} catch {
		return failure('offline');
	} finally {
		clearTimeout(timer);
	}
}

/** A query string from the given values, leaving out empty ones. */
export function query(values: Record<string, string | null | undefined>): string {
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
	const s = params.toString();
	return s ? `?${s}` : '';
}

export const post = <T>(path: string, body: unknown) =>
	call<T>(path, { method: 'POST', body: JSON.stringify(body) });
