import type { RequestHandler } from '@sveltejs/kit';
import { partnerGuarded } from '$lib/server/partner/gate';
import { rosterRequest } from '$lib/server/partner/roster-request';

export const prerender = false;

/** Applies a OneRoster roster, all or nothing (scope roster:write; Idempotency-Key honoured). */
export const POST: RequestHandler = (event) => partnerGuarded(event, () => rosterRequest(event, true));
