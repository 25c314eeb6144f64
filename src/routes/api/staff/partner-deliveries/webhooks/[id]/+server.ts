import type { RequestHandler } from '@sveltejs/kit';
import { failure } from '$lib/result';
import { body, staffEndpoint } from '$lib/server/staff/endpoint';
import { enableWebhook, removeWebhook, rotateSecret } from '$lib/server/staff/partner-deliveries';

export const prerender = false;

/** `{ action: 'rotate' }` → a new secret (shown once); `{ action: 'remove' }` stops deliveries;
 * `{ action: 'enable' }` lets an endpoint disabled by a 410 Gone receive again. */
export const POST: RequestHandler = (event) =>
	staffEndpoint<unknown>(event, ['partner_admin'], async (s) => {
		const input = await body(event);
		if (input?.action === 'rotate') return rotateSecret(s.client, event.params.id);
		if (input?.action === 'enable') return enableWebhook(s.client, event.params.id);
		if (input?.action === 'remove') return removeWebhook(s.client, event.params.id);
		return failure('invalid');
	});
