import type { RequestHandler } from '@sveltejs/kit';
import { partnerGuarded } from '$lib/server/partner/gate';
import { rosterRequest } from '$lib/server/partner/roster-request';

export const prerender = false;

/** Dry run: what applying the roster would do, and every problem by file and line. */
export const POST: RequestHandler = (event) => partnerGuarded(event, () => rosterRequest(event, false));
