import type { RequestHandler } from '@sveltejs/kit';
import { partnerGuarded } from '$lib/server/partner/gate';
import { redeliver } from '$lib/server/partner/deliveries-api';

export const prerender = false;

/** Sends one delivery again from the start of its schedule, same webhook-id (webhooks:manage). */
export const POST: RequestHandler = (event) => partnerGuarded(event, () => redeliver(event));
