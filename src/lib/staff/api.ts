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
	const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
	try {
		return await answerOf<T>(
			fetch(path, {
				...init,
				cache: 'no-store',
				signal: controller.signal,
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
			})
		);
	} finally {
		clearTimeout(timer);
	}
}

const TIMEOUT_MS = 15_000;

/**
 * The one result shape from a request already on its way: the cohort page's questions leave
 * from static/cohort-early.js (which app.html loads on that page) before the app has loaded
 * (issue 13), and are read here like any other call.
 * A request with no answer after the usual 15 s counts as offline.
 */
export async function answerOf<T>(response: Promise<Response>): Promise<Result<T>> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>(
		(_, reject) => (timer = setTimeout(() => reject(new Error('late')), TIMEOUT_MS))
	);
	try {
		const got = await Promise.race([response, late]);
		const body = (await Promise.race([got.json().catch(() => null), late])) as unknown;
		if (got.ok) return ok(body as T);
		const code = (body as { error?: unknown } | null)?.error;
		return failure(isErrorCode(code) ? code : got.status === 401 ? 'sign_in' : 'server');
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
