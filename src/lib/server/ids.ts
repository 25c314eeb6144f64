/**
 * Shapes of the ids routes accept, checked before any query: a 17,000-character course id
 * once reached PostgREST and came back as a 500. Course ids are kebab-case like the folders
 * under courses/ (scripts/assessment-seed.js uses the same rule).
 */
const COURSE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const MAX_COURSE_ID = 64;
/** Longer than any token Supabase Auth issues; longer ones are refused without a look-up. */
export const MAX_TOKEN = 8192;

export function isCourseId(value: unknown): value is string {
	return typeof value === 'string' && value.length <= MAX_COURSE_ID && COURSE_ID.test(value);
}

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && value.length === 36 && UUID.test(value);
}

/** The bearer token of a request, or null when missing or implausibly long. */
export function bearerToken(request: Request): string | null {
	const header = request.headers.get('authorization') ?? '';
	if (header.length > MAX_TOKEN + 7) return null;
	return /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header)?.[1] ?? null;
}
