import type { RequestHandler } from '@sveltejs/kit';
import { staffEndpoint } from '$lib/server/staff/endpoint';
import { redeliver } from '$lib/server/staff/partner-deliveries';

export const prerender = false;

/** Sends a delivery again from the start of its schedule, with the same webhook-id. */
export const POST: RequestHandler = (event) =>
	staffEndpoint(event, ['partner_admin'], (s) => redeliver(s.client, event.params.id));
