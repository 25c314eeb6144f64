import type { RequestHandler } from '@sveltejs/kit';
import { body, staffEndpoint } from '$lib/server/staff/endpoint';
import { checkIn, joinCohort, leaveCohort, myCohorts, previewCohort } from '$lib/server/staff/cohorts';
import { failure } from '$lib/result';

export const prerender = false;

/** Any signed-in learner. `?code=`: what the code opens (before joining); otherwise my cohorts. */
export const GET: RequestHandler = (event) =>
	staffEndpoint<unknown>(event, 'any', (s) => {
		const code = event.url.searchParams.get('code');
		return code ? previewCohort(s.client, code) : myCohorts(s.client);
	});

/** `{action: 'join', code}`, `{action: 'leave', cohort}`, `{action: 'check_in', session, code}`. */
export const POST: RequestHandler = (event) =>
	staffEndpoint<unknown>(event, 'any', async (s) => {
		const input = (await body(event)) ?? {};
		if (input.action === 'join') return joinCohort(s.client, input.code);
		if (input.action === 'leave') return leaveCohort(s.client, input.cohort);
		if (input.action === 'check_in') return checkIn(s.client, input);
		return failure('invalid');
	});
