/**
 * Maps what supabase-js reports (an AuthError with code and status, a PostgREST error, a
 * network failure) to one translated message key. Pure, so every branch is tested.
 */
export type AccountErrorKey =
	| 'sync:errors.wrongPassword'
	| 'sync:errors.accountExists'
	| 'sync:errors.weakPassword'
	| 'sync:errors.badCode'
	| 'sync:errors.sessionExpired'
	| 'sync:errors.offline'
	| 'sync:errors.server'
	| 'sync:errors.invalidInput'
	| 'sync:errors.unknown';

interface ErrorLike {
	code?: unknown;
	status?: unknown;
	name?: unknown;
	message?: unknown;
}

export function accountErrorKey(error: unknown): AccountErrorKey {
	const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
	const code = typeof e.code === 'string' ? e.code : '';
	const status = typeof e.status === 'number' ? e.status : 0;
	if (code === 'invalid_credentials') return 'sync:errors.wrongPassword';
	if (code === 'user_already_exists' || code === 'email_exists' || code === 'phone_exists')
		return 'sync:errors.accountExists';
	if (code === 'weak_password') return 'sync:errors.weakPassword';
	if (code === 'otp_expired') return 'sync:errors.badCode';
	if (
		status === 401 ||
		code === 'PGRST301' ||
		code === 'PGRST303' ||
		code === 'bad_jwt' ||
		code === 'session_not_found' ||
		code.startsWith('refresh_token') ||
		e.name === 'AuthSessionMissingError'
	)
		return 'sync:errors.sessionExpired';
	if (
		code === 'validation_failed' ||
		code === '23514' ||
		code === '22001' ||
		status === 422 ||
		status === 400
	)
		return 'sync:errors.invalidInput';
	if (status >= 500) return 'sync:errors.server';
	if (status === 0 || e.name === 'AuthRetryableFetchError' || e.name === 'TypeError')
		return 'sync:errors.offline';
	return 'sync:errors.unknown';
}
