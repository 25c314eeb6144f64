import type { RequestHandler } from '@sveltejs/kit';
import { partnerGuarded } from '$lib/server/partner/gate';
import { listDeliveries } from '$lib/server/partner/deliveries-api';

export const prerender = false;

/** The delivery log, newest first, filtered by status (scope webhooks:manage). */
export const GET: RequestHandler = (event) => partnerGuarded(event, () => listDeliveries(event));
