import type { RequestHandler } from '@sveltejs/kit';
import { partnerGuarded } from '$lib/server/partner/gate';
import { removeWebhook } from '$lib/server/partner/deliveries-api';

export const prerender = false;

/** Removes one of your endpoints; its pending deliveries are cancelled (scope webhooks:manage). */
export const DELETE: RequestHandler = (event) => partnerGuarded(event, () => removeWebhook(event));
