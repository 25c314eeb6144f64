import type { RequestHandler } from '@sveltejs/kit';
import { partnerGuarded } from '$lib/server/partner/gate';
import { enableWebhook } from '$lib/server/partner/deliveries-api';

export const prerender = false;

/** Enables an endpoint disabled after it answered 410 Gone; held deliveries then go (webhooks:manage). */
export const POST: RequestHandler = (event) => partnerGuarded(event, () => enableWebhook(event));
