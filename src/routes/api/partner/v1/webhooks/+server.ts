import type { RequestHandler } from '@sveltejs/kit';
import { partnerGuarded } from '$lib/server/partner/gate';
import { addWebhook, listWebhooks } from '$lib/server/partner/deliveries-api';

export const prerender = false;

/** Your webhook endpoints (scope webhooks:manage). */
export const GET: RequestHandler = (event) => partnerGuarded(event, () => listWebhooks(event));

/** A new endpoint; the answer carries its signing secret, shown this once (Idempotency-Key honoured). */
export const POST: RequestHandler = (event) => partnerGuarded(event, () => addWebhook(event));
