import type { RequestHandler } from '@sveltejs/kit';
import { body, staffEndpoint } from '$lib/server/staff/endpoint';
import { createKey, listKeys, revokeKey, rotateKey } from '$lib/server/staff/partner';
import { failure } from '$lib/result';

export const prerender = false;

const ROLES = ['partner_admin'] as const;

/** `?org=<unit>&after=<cursor>`: the unit's API keys, newest first (never a secret or hash). */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, ROLES, (s) =>
		listKeys(s.client, event.url.searchParams.get('org'), event.url.searchParams.get('after'))
	);

/** `{action: 'create', org, name, scopes, days}`, `{action: 'rotate', key, overlap_hours}`, `{action: 'revoke', key}`. */
export const POST: RequestHandler = (event) =>
	staffEndpoint<unknown>(event, ROLES, async (s) => {
		const input = (await body(event)) ?? {};
		if (input.action === 'create') return createKey(s.client, input);
		if (input.action === 'rotate') return rotateKey(s.client, input);
		if (input.action === 'revoke') return revokeKey(s.client, input);
		return failure('invalid');
	});
