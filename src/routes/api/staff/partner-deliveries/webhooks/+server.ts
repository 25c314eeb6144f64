import type { RequestHandler } from '@sveltejs/kit';
import { failure } from '$lib/result';
import { body, staffEndpoint } from '$lib/server/staff/endpoint';
import { addWebhook } from '$lib/server/staff/partner-deliveries';

export const prerender = false;

/** `{ org, url, event_types, description }` → `{ id, secret }`: the secret is shown this once. */
export const POST: RequestHandler = (event) =>
	staffEndpoint(event, ['partner_admin'], async (s) => {
		const input = await body(event);
		if (!input) return failure('invalid');
		return addWebhook(s.client, {
			org: input.org,
			url: input.url,
			event_types: input.event_types,
			description: input.description
		});
	});
