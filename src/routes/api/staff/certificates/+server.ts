import type { RequestHandler } from '@sveltejs/kit';
import { centreCertificates } from '$lib/server/staff/certificates';
import { staffEndpoint } from '$lib/server/staff/endpoint';

export const prerender = false;

/** Certificates issued at one centre, newest first, a page at a time (RLS: the centre's staff). */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, ['coe_admin', 'assessor', 'auditor'], (s) =>
		centreCertificates(s.client, {
			centre: event.url.searchParams.get('centre'),
			after: event.url.searchParams.get('after')
		})
	);
