import type { RequestHandler } from '@sveltejs/kit';
import { listAudit } from '$lib/server/staff/audit';
import { staffEndpoint } from '$lib/server/staff/endpoint';

export const prerender = false;

/** `?org=<unit id>&action=<prefix>&since=<YYYY-MM-DD>&until=<YYYY-MM-DD>&before=<id>`. */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, ['org_admin', 'coe_admin', 'auditor'], (s) => {
		const q = event.url.searchParams;
		return listAudit(s.client, {
			org: q.get('org'),
			action: q.get('action'),
			since: q.get('since'),
			until: q.get('until'),
			before: q.get('before')
		});
	});
