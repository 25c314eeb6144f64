import type { RequestHandler } from '@sveltejs/kit';
import { staffEndpoint } from '$lib/server/staff/endpoint';
import { listDeliveries } from '$lib/server/staff/partner-deliveries';

export const prerender = false;

/** `?org=<unit>&status=<pending|delivered|failed|cancelled>&after=<cursor>`: the delivery log. */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, ['partner_admin'], (s) => {
		const q = event.url.searchParams;
		return listDeliveries(s.client, { org: q.get('org'), status: q.get('status'), after: q.get('after') });
	});
