import { createHash } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import { callPartner, jsonResponse } from './gate';
import { problem, rosterMessage, type RosterProblem } from './problem';
import { rosterFromForm, rosterFromJson, type Roster } from './roster';

const MAX_BYTES = 20 * 1024 * 1024;

/**
 * POST /rosters and /rosters/check: read the roster (multipart CSV files or JSON), then one SQL
 * call checks (and with `apply`, writes) it in one transaction. The Idempotency-Key and a hash
 * of the roster go with it; the database keeps the first answer and returns it for a repeat.
 */
export async function rosterRequest(
	event: Pick<RequestEvent, 'request' | 'url'>,
	apply: boolean
): Promise<Response> {
	const instance = event.url.pathname;
	const length = Number(event.request.headers.get('content-length') ?? 0);
	if (length > MAX_BYTES) return problem(413, 'roster_too_large', instance);
	const type = event.request.headers.get('content-type') ?? '';
	let roster: Roster | null = null;
	try {
		if (type.startsWith('multipart/form-data')) roster = await rosterFromForm(await event.request.formData());
		else if (type.startsWith('application/json')) roster = rosterFromJson(await event.request.json());
	} catch {
		roster = null;
	}
	if (!roster) return problem(400, 'bad_roster', instance);
	const idem = event.request.headers.get('idempotency-key');
	// What "the same request" means for Idempotency-Key: the same call with the same rows.
	const requestHash = createHash('sha256')
		.update(`${instance}\n${JSON.stringify(roster)}`)
		.digest('hex');
	const answer = await callPartner(event, 'partner_roster', {
		roster: roster as never,
		apply,
		idem_key: idem ?? undefined,
		request_hash: requestHash
	});
	if (!answer.ok) return answer.response;
	const body = answer.body as { problems?: RosterProblem[] };
	const problems = (body.problems ?? []).map((p) => ({ ...p, message: rosterMessage(p) }));
	return jsonResponse({ ...body, problems }, answer.replayed ? { 'idempotency-replayed': 'true' } : {});
}
