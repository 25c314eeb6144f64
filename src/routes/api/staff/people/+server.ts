import type { RequestHandler } from '@sveltejs/kit';
import { body, staffEndpoint } from '$lib/server/staff/endpoint';
import { changePeople, listPeople } from '$lib/server/staff/people';

export const prerender = false;

/** `?org=<unit id>&q=&after=<user id>`: a page of the unit's people and their roles there. */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, ['org_admin', 'coe_admin', 'auditor'], (s) =>
		listPeople(s.client, {
			org: event.url.searchParams.get('org'),
			search: event.url.searchParams.get('q'),
			after: event.url.searchParams.get('after')
		})
	);

/** `{action: 'add', org, contact}`, `{action: 'remove', org, person}`, `{action: 'grant'|'revoke', org, person, role}`. */
export const POST: RequestHandler = (event) =>
	staffEndpoint(event, ['org_admin', 'coe_admin'], async (s) =>
		changePeople(s.client, (await body(event)) ?? {})
	);
