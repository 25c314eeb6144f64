import type { RequestHandler } from '@sveltejs/kit';
import { failure } from '$lib/result';
import { body, staffEndpoint } from '$lib/server/staff/endpoint';
import { createUnit, listSubtree, moveUnit } from '$lib/server/staff/organisations';

export const prerender = false;

/** `?root=<unit id>&q=&after=<code>`: a page of the unit's subtree. */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, ['org_admin', 'coe_admin', 'auditor'], (s) =>
		listSubtree(s.client, {
			root: event.url.searchParams.get('root'),
			search: event.url.searchParams.get('q'),
			after: event.url.searchParams.get('after')
		})
	);

/** `{action: 'create', parent_code, kind, code, name_en, name_ur?, province?, district?}` or `{action: 'move', org, new_parent_code}`. */
export const POST: RequestHandler = (event) =>
	staffEndpoint<unknown>(event, ['org_admin', 'coe_admin'], async (s) => {
		const input = (await body(event)) ?? {};
		if (input.action === 'create') return createUnit(s.client, input);
		if (input.action === 'move') return moveUnit(s.client, input);
		return failure('invalid');
	});
