// Signed webhooks per the Standard Webhooks spec, with the `standardwebhooks` package: the
// receiver verifies `webhook-signature` over `webhook-id`, `webhook-timestamp` and the body with
// the endpoint's `whsec_` secret, and drops repeats by `webhook-id` (stable per delivery: a
// retry or a redelivery by hand carries the same one).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { DeliveryError, retryAfterSeconds } from './xapi.js';

/** The webhook-id of a delivery. */
export const webhookId = (/** @type {string} */ deliveryId) => `msg_${deliveryId.replace(/-/g, '')}`;

/**
 * The JSON body: what happened, when it happened, and the facts (never CNIC, email or phone).
 * @param {{ event_type: string, occurred_at: string, data: Record<string, unknown> }} d
 */
export const webhookBody = (d) =>
	JSON.stringify({ type: d.event_type, timestamp: new Date(d.occurred_at).toISOString(), data: d.data });

/** Loopback, private, link-local and unique-local addresses: never a partner's endpoint. */
function isPrivateAddress(/** @type {string} */ address) {
	const a = address.toLowerCase();
	if (isIP(a) === 4) {
		const [p = -1, q = -1] = a.split('.').map(Number);
		return (
			p === 10 ||
			p === 127 ||
			p === 0 ||
			(p === 169 && q === 254) ||
			(p === 172 && q >= 16 && q <= 31) ||
			(p === 192 && q === 168) ||
			(p === 100 && q >= 64 && q <= 127)
		);
	}
	if (a.startsWith('::ffff:')) return isPrivateAddress(a.slice(7));
	return a === '::1' || a === '::' || a.startsWith('fc') || a.startsWith('fd') || a.startsWith('fe80');
}

/**
 * Refuses what a partner admin must not point the worker at (the server's own network): plain
 * http and private addresses, unless allowPrivate (local development and tests).
 * @param {string} url
 * @param {boolean} allowPrivate
 */
export async function checkDestination(url, allowPrivate) {
	if (allowPrivate) return;
	const u = new URL(url);
	if (u.protocol !== 'https:') throw new DeliveryError('refused: the endpoint must use https', null);
	const host = u.hostname.replace(/^\[|\]$/g, '');
	const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((x) => x.address);
	if (addresses.length === 0 || addresses.some(isPrivateAddress))
		throw new DeliveryError('refused: the endpoint resolves to a private address', null);
}

/**
 * Sends one signed webhook. Returns the HTTP status (2xx); throws DeliveryError otherwise.
 * @param {{ id: string, event_type: string, occurred_at: string, data: Record<string, unknown>,
 *   url: string, secret: string }} d
 */
export async function sendWebhook(
	d,
	{ fetchImpl = fetch, timeoutMs = 15_000, allowPrivate = false, now = new Date() } = {}
) {
	await checkDestination(d.url, allowPrivate);
	const id = webhookId(d.id);
	const body = webhookBody(d);
	const signature = new Webhook(d.secret).sign(id, now, body);
	const response = await fetchImpl(d.url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'user-agent': 'Seekh-Webhooks/1',
			'webhook-id': id,
			'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
			'webhook-signature': signature
		},
		body,
		// A redirect could lead into the server's own network: treated as a failure.
		redirect: 'manual',
		signal: AbortSignal.timeout(timeoutMs)
	});
	const text = await response.text().catch(() => '');
	if (response.status < 200 || response.status > 299)
		throw new DeliveryError(
			`endpoint answered ${response.status}: ${text.slice(0, 200)}`,
			response.status,
			retryAfterSeconds(response, now)
		);
	return response.status;
}
