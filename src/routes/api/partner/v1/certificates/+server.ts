import type { RequestHandler } from '@sveltejs/kit';
import { partnerGuarded } from '$lib/server/partner/gate';
import { CERTIFICATES, listResponse } from '$lib/server/partner/lists';

export const prerender = false;

/** Certificates of the partner's consenting learners (scope certificates:read), JSON or CSV. */
export const GET: RequestHandler = (event) => partnerGuarded(event, () => listResponse(event, CERTIFICATES));
