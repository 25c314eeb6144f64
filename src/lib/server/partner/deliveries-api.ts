import { createHash } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import { DELIVERY_STATUSES } from '$lib/staff/partner-deliveries';
import { lrsInput, webhookInput } from '../staff/partner-deliveries';
import { isUuid } from '../staff/sql-errors';
import { decodeCursor, encodeCursor, nextLink } from './cursor';
import { callPartner, jsonResponse, type Answer } from './gate';
import { problem } from './problem';

/**
 * The `webhooks:manage` routes: webhook endpoints, the LRS, the delivery log and redelivery, for
 * a partner's own program. The input checks are the staff tool's (webhookInput, lrsInput); the
 * scope, the organisation and the writes are decided in SQL by the same functions the staff tool
 * calls (supabase/migrations/20261204000000_partner_webhooks_api.sql).
 */
type Event = Pick<RequestEvent, 'request' | 'url' | 'params'>;

const MAX_BODY = 64 * 1024;

/** A JSON object body, or null (too large, not JSON, not an object). */
async function jsonBody(event: Event): Promise<Record<string, unknown> | null> {
	if (!(event.request.headers.get('content-type') ?? '').startsWith('application/json')) return null;
	const text = await event.request.text().catch(() => null);
	if (text === null || text.length > MAX_BODY) return null;
	try {
		const value = JSON.parse(text) as unknown;
		return value && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: null;
	} catch {
		return null;
	}
}

/** What "the same request" means for Idempotency-Key: the same call with the same body. */
const requestHash = (event: Event, body: unknown) =>
	createHash('sha256')
		.update(`${event.request.method} ${event.url.pathname}\n${JSON.stringify(body ?? null)}`)
		.digest('hex');

const idemKey = (event: Event) => event.request.headers.get('idempotency-key') ?? undefined;

function answerResponse(answer: Answer): Response {
	if (!answer.ok) return answer.response;
	return jsonResponse(answer.body, answer.replayed ? { 'idempotency-replayed': 'true' } : {}, answer.status);
}

/** The route's {id}: a UUID, else 404 (nothing by that name), before the key is even looked up. */
function idParam(event: Event): string | Response {
	const id = event.params.id;
	return isUuid(id) ? id : problem(404, 'not_found', event.url.pathname);
}

export const listWebhooks = async (event: Event) =>
	answerResponse(await callPartner(event, 'partner_api_webhooks', {}));

export async function addWebhook(event: Event): Promise<Response> {
	const body = await jsonBody(event);
	const clean =
		body && webhookInput({ url: body.url, event_types: body.event_types, description: body.description });
	if (!clean)
		return problem(
			400,
			'bad_request',
			event.url.pathname,
			'Send JSON: url (http or https, no user:password@), event_types (learner.completed, certificate.issued, certificate.revoked), description (optional, at most 200 characters).'
		);
	return answerResponse(
		await callPartner(event, 'partner_api_webhook_add', {
			url: clean.url,
			event_types: clean.event_types,
			description: clean.description ?? undefined,
			idem_key: idemKey(event),
			request_hash: requestHash(event, clean)
		})
	);
}

export async function removeWebhook(event: Event): Promise<Response> {
	const id = idParam(event);
	if (typeof id !== 'string') return id;
	return answerResponse(await callPartner(event, 'partner_api_webhook_remove', { endpoint: id }));
}

export async function enableWebhook(event: Event): Promise<Response> {
	const id = idParam(event);
	if (typeof id !== 'string') return id;
	return answerResponse(
		await callPartner(event, 'partner_api_webhook_enable', {
			endpoint: id,
			idem_key: idemKey(event),
			request_hash: requestHash(event, id)
		})
	);
}

export const readLrs = async (event: Event) =>
	answerResponse(await callPartner(event, 'partner_api_lrs', {}));

export async function saveLrs(event: Event): Promise<Response> {
	const body = await jsonBody(event);
	const clean =
		body && lrsInput({ endpoint: body.endpoint, username: body.username, password: body.password });
	if (!clean)
		return problem(
			400,
			'bad_request',
			event.url.pathname,
			'Send JSON: endpoint (http or https, no user:password@), and username with password (both or neither; at most 200 and 500 characters).'
		);
	return answerResponse(
		await callPartner(event, 'partner_api_lrs_save', {
			endpoint: clean.endpoint,
			username: clean.username ?? undefined,
			password: clean.password ?? undefined
		})
	);
}

export async function listDeliveries(event: Event): Promise<Response> {
	const instance = event.url.pathname;
	const q = event.url.searchParams;
	const status = q.get('status');
	if (status !== null && !DELIVERY_STATUSES.includes(status as never))
		return problem(400, 'bad_query', instance, 'status is pending, delivered, failed or cancelled.');
	const limit = q.get('limit') === null ? 100 : Number(q.get('limit'));
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
		return problem(400, 'bad_query', instance, 'limit is 1 to 1000.');
	const cursor = decodeCursor(q.get('cursor'), 2);
	if (cursor === 'bad' || (cursor && (Number.isNaN(Date.parse(String(cursor[0]))) || !isUuid(cursor[1]))))
		return problem(400, 'bad_cursor', instance);
	const answer = await callPartner(event, 'partner_api_deliveries', {
		status: status ?? undefined,
		after_at: (cursor?.[0] as string | undefined) ?? undefined,
		after_id: (cursor?.[1] as string | undefined) ?? undefined,
		lim: limit
	});
	if (!answer.ok) return answer.response;
	const page = answer.body as { items: { created_at: string; id: string }[]; limit: number };
	const last = page.items.at(-1);
	const next =
		last && page.items.length === page.limit
			? nextLink(event.url, encodeCursor([last.created_at, last.id]))
			: null;
	return jsonResponse({ items: page.items, next }, next ? { link: `<${next}>; rel="next"` } : {});
}

export async function redeliver(event: Event): Promise<Response> {
	const id = idParam(event);
	if (typeof id !== 'string') return id;
	return answerResponse(
		await callPartner(event, 'partner_api_redeliver', {
			delivery: id,
			idem_key: idemKey(event),
			request_hash: requestHash(event, id)
		})
	);
}
