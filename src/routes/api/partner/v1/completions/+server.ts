import type { RequestHandler } from '@sveltejs/kit';
import { partnerGuarded } from '$lib/server/partner/gate';
import { COMPLETIONS, listResponse } from '$lib/server/partner/lists';

export const prerender = false;

/** Course completions of the partner's consenting learners (scope progress:read), JSON or CSV. */
export const GET: RequestHandler = (event) => partnerGuarded(event, () => listResponse(event, COMPLETIONS));
