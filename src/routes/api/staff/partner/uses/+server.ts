import type { RequestHandler } from '@sveltejs/kit';
import { staffEndpoint } from '$lib/server/staff/endpoint';
import { keyUses } from '$lib/server/staff/partner';

export const prerender = false;

/** `?key=<id>&before=<cursor>`: the key's recent uses, newest first (the SQL checks the reader). */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, ['partner_admin', 'org_admin', 'auditor', 'coe_admin'], (s) =>
		keyUses(s.client, event.url.searchParams.get('key'), event.url.searchParams.get('before'))
	);
