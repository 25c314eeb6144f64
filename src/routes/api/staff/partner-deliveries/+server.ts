import type { RequestHandler } from '@sveltejs/kit';
import { staffEndpoint } from '$lib/server/staff/endpoint';
import { deliveryConfig } from '$lib/server/staff/partner-deliveries';

export const prerender = false;

/** `?org=<partner unit>`: its webhook endpoints and LRS (never secrets or credentials). */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, ['partner_admin'], (s) => deliveryConfig(s.client, event.url.searchParams.get('org')));
