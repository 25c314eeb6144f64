import type { RequestHandler } from '@sveltejs/kit';
import { failure } from '$lib/result';
import { body, staffEndpoint } from '$lib/server/staff/endpoint';
import { removeLrs, saveLrs } from '$lib/server/staff/partner-deliveries';

export const prerender = false;

/** `{ org, endpoint, username, password }` saves (credentials write-only); `{ org, action: 'remove' }`. */
export const POST: RequestHandler = (event) =>
	staffEndpoint<unknown>(event, ['partner_admin'], async (s) => {
		const input = await body(event);
		if (!input) return failure('invalid');
		if (input.action === 'remove') return removeLrs(s.client, input.org);
		return saveLrs(s.client, {
			org: input.org,
			endpoint: input.endpoint,
			username: input.username,
			password: input.password
		});
	});
