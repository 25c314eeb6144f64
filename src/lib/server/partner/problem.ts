/**
 * Errors of the partner API as RFC 9457 problem details (`application/problem+json`). The SQL
 * gate answers with `{status, code, …}`; this turns that into the document partners read.
 * Messages are English: the readers are partners' programs and their developers.
 */
export interface SqlProblem {
	status: number;
	code: string;
	retry_after?: number;
	scope?: string;
	problems?: RosterProblem[];
}

export interface RosterProblem {
	file: string;
	line: number;
	code: string;
	value?: string;
	first?: number;
	message?: string;
}

const TITLES: Record<string, string> = {
	missing_key: 'Send your API key as "Authorization: Bearer seekh_pk_…"',
	unknown_key: 'This API key is not known',
	key_revoked: 'This API key was revoked',
	key_expired: 'This API key has expired',
	scope_missing: 'This API key does not have the scope this call needs',
	rate_limited: 'Too many requests for this API key; retry after the time given',
	bad_idempotency_key: 'The Idempotency-Key header is longer than 200 characters',
	idempotency_key_reused: 'This Idempotency-Key was used for a different request',
	roster_invalid: 'The roster has problems; nothing was changed',
	roster_too_large: 'A roster has at most 100,000 rows',
	bad_roster: 'Send the roster as multipart/form-data (users, orgs, enrollments CSV files) or as JSON',
	bad_cursor: 'The cursor is not one this API gave out',
	bad_query: 'A query parameter is not valid',
	not_found: 'There is no such resource',
	bad_request: 'The request body is not valid',
	too_many_endpoints: 'An organisation has at most 10 webhook endpoints',
	destination_removed: 'The destination of this delivery was removed',
	lrs_credentials_required: 'The LRS needs a username and a password the first time',
	invalid_request: 'The request was refused as invalid',
	server: 'The server could not answer; try again later',
	not_configured: 'The server is not set up for the partner API yet'
};

/** English for each roster problem code, after "<file> line N: ". */
const ROSTER_MESSAGES: Record<string, string> = {
	missing_sourced_id: 'sourcedId is empty',
	bad_sourced_id: 'sourcedId may hold letters, digits and . _ : @ / - (at most 100)',
	duplicate_sourced_id: 'this sourcedId appears earlier in the file',
	cnic_refused: 'this row carries a CNIC; Seekh never stores CNICs — leave it out',
	bad_status: 'status must be active or tobedeleted',
	not_a_learner: 'role must be student',
	missing_name: 'givenName is empty',
	name_too_long: 'givenName and familyName are at most 80 characters',
	bad_email: 'email is not an email address',
	bad_phone: 'phone is not a Pakistani mobile number (03001234567 or +923001234567)',
	missing_contact: 'give an email or a mobile number, so the learner can be matched when they sign in',
	unknown_org: 'orgSourcedIds names an org that is not in orgs.csv nor a Seekh unit of yours',
	unknown_unit: 'identifier is not the code of a Seekh unit',
	unit_outside: 'identifier names a Seekh unit outside your organisation',
	missing_user: 'userSourcedId is empty',
	unknown_user: 'userSourcedId is not in users.csv nor enrolled before',
	missing_class: 'classSourcedId is empty',
	unknown_course: 'classSourcedId is not a Seekh course id',
	missing_column: 'a required column is missing',
	bad_csv_row: 'this row could not be read as CSV'
};

export function rosterMessage(p: RosterProblem): string {
	const text = ROSTER_MESSAGES[p.code] ?? p.code;
	return `${p.file} line ${p.line}: ${text}${p.value ? ` (${p.value})` : ''}`;
}

export function problemResponse(p: SqlProblem, instance: string, detail?: string): Response {
	const body: Record<string, unknown> = {
		type: `urn:seekh:partner-api:${p.code}`,
		title: TITLES[p.code] ?? p.code,
		status: p.status,
		code: p.code,
		instance
	};
	if (detail) body.detail = detail;
	if (p.scope) body.detail = `This call needs the scope ${p.scope}.`;
	if (p.problems) body.problems = p.problems.map((x) => ({ ...x, message: rosterMessage(x) }));
	const headers: Record<string, string> = {
		'content-type': 'application/problem+json',
		'cache-control': 'no-store'
	};
	if (p.retry_after !== undefined) {
		headers['retry-after'] = String(p.retry_after);
		body.retry_after = p.retry_after;
	}
	if (p.status === 401) headers['www-authenticate'] = 'Bearer realm="seekh-partner-api"';
	return new Response(JSON.stringify(body), { status: p.status, headers });
}

export const problem = (status: number, code: string, instance: string, detail?: string) =>
	problemResponse({ status, code }, instance, detail);
