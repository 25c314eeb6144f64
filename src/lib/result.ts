/**
 * THE result shape of Seekh, on the client and the server alike (docs/architecture.md,
 * "Results and errors"). A call either has a value, or an error code the page translates;
 * nothing a person can cause throws. Over HTTP a failure is the body `{ "error": code }`
 * (plus `detail` for logs) with the matching status; a success is the value itself.
 * Codes are snake_case everywhere (`sign_in`, never `sign-in`).
 */
export type ErrorCode =
	| 'sign_in'
	| 'forbidden'
	| 'not_found'
	| 'invalid'
	| 'conflict'
	| 'rate_limited'
	| 'offline'
	| 'server'
	| 'not_configured'
	// What the organisation SQL refuses, each with its own translated message.
	| 'cycle'
	| 'second_root'
	| 'code_taken'
	| 'not_empty'
	| 'no_account'
	| 'overseer_only'
	// What the compliance SQL refuses (translated by the compliance screens).
	| 'past_due'
	// What the cohort SQL refuses (translated as cohorts:problems.<code>).
	| 'cohort_full'
	| 'removed'
	| 'check_in_closed'
	| 'code_expired'
	// Why a certificate is not issued (translated as cert:problems.<code>; docs/certification.md).
	| 'verify_account'
	| 'not_passed'
	| 'needs_demonstration'
	| 'no_final_assessment'
	| 'bad_name'
	| 'bad_centre'
	| 'awareness_not_completed'
	| 'foundations_not_passed'
	| 'ttt_not_passed'
	| 'no_trainer_cohort'
	| 'attendance_below_80';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorCode };

/**
 * A Result whose failure also says what exactly was wrong, for an operator or a log (a config
 * check, a file line); pages still translate only `error`.
 */
export type Explained<T> = { ok: true; value: T } | { ok: false; error: ErrorCode; detail: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const failure = (error: ErrorCode): { ok: false; error: ErrorCode } => ({ ok: false, error });

/** HTTP status for each code (the client maps back by the body, not the status). */
export const STATUS: Record<ErrorCode, number> = {
	sign_in: 401,
	forbidden: 403,
	not_found: 404,
	invalid: 400,
	conflict: 409,
	rate_limited: 429,
	offline: 503,
	server: 500,
	not_configured: 503,
	cycle: 409,
	second_root: 409,
	code_taken: 409,
	not_empty: 409,
	no_account: 404,
	overseer_only: 403,
	past_due: 400,
	cohort_full: 409,
	removed: 403,
	check_in_closed: 409,
	code_expired: 400,
	verify_account: 403,
	not_passed: 403,
	needs_demonstration: 403,
	no_final_assessment: 403,
	bad_name: 400,
	bad_centre: 400,
	awareness_not_completed: 403,
	foundations_not_passed: 403,
	ttt_not_passed: 403,
	no_trainer_cohort: 403,
	attendance_below_80: 403
};

export const isErrorCode = (value: unknown): value is ErrorCode =>
	typeof value === 'string' && Object.prototype.hasOwnProperty.call(STATUS, value);
