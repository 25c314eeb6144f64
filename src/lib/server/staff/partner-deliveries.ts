import type { SupabaseClient } from '@supabase/supabase-js';
import { failure, ok, type Result } from '$lib/result';
import {
	DELIVERY_STATUSES,
	WEBHOOK_EVENTS,
	type Delivery,
	type DeliveryConfig,
	type LrsSettings,
	type WebhookEndpoint,
	type WebhookEvent,
	type WebhookSecret
} from '$lib/staff/partner-deliveries';
import type { Page } from '$lib/staff/types';
import { isUuid, refusal, text } from './sql-errors';

/**
 * The partner-deliveries tool (partner_admin), as the caller: RLS shows only their own
 * organisation's endpoints, LRS and log; every write is a SQL function that checks the role in
 * the organisation and audits (supabase/migrations/20261203000100_partner_delivery.sql).
 * Secrets are made in SQL and returned once; LRS credentials are never read back.
 */
export const PAGE = 50;

/** An http(s) URL without credentials in it, as the SQL also requires. */
export function cleanUrl(value: unknown): string | null {
	const raw = text(value, 2000);
	if (!raw) return null;
	try {
		const u = new URL(raw);
		if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password) return null;
		return raw;
	} catch {
		return null;
	}
}

export async function deliveryConfig(client: SupabaseClient, org: unknown): Promise<Result<DeliveryConfig>> {
	if (!isUuid(org)) return failure('invalid');
	const [endpoints, lrs] = await Promise.all([
		client
			.from('partner_webhook_endpoints')
			.select(
				'id, url, event_types, description, created_at, secret_rotated_at, disabled_at, disabled_reason'
			)
			.eq('org_id', org)
			.is('removed_at', null)
			.order('created_at'),
		client
			.from('partner_lrs')
			.select('endpoint, updated_at, credentials_set_at')
			.eq('org_id', org)
			.is('removed_at', null)
			.maybeSingle()
	]);
	if (endpoints.error) return refusal(endpoints.error);
	if (lrs.error) return refusal(lrs.error);
	return ok({
		endpoints: (endpoints.data ?? []) as WebhookEndpoint[],
		lrs: (lrs.data as LrsSettings | null) ?? null
	});
}

/**
 * A webhook endpoint as typed by a person or sent by a partner's program: the same checks for
 * both doors (the SQL checks them again).
 */
export function webhookInput(input: {
	url: unknown;
	event_types: unknown;
	description: unknown;
}): { url: string; event_types: WebhookEvent[]; description: string | null } | null {
	const url = cleanUrl(input.url);
	const types = Array.isArray(input.event_types) ? input.event_types : [];
	const known = (t: unknown): t is WebhookEvent => WEBHOOK_EVENTS.includes(t as WebhookEvent);
	if (!url || types.length === 0 || !types.every(known)) return null;
	const description =
		input.description == null || input.description === '' ? null : text(input.description, 200);
	if (input.description && !description) return null;
	return { url, event_types: [...new Set(types)], description };
}

export async function addWebhook(
	client: SupabaseClient,
	input: { org: unknown; url: unknown; event_types: unknown; description: unknown }
): Promise<Result<WebhookSecret>> {
	const clean = webhookInput(input);
	if (!isUuid(input.org) || !clean) return failure('invalid');
	const { data, error } = await client.rpc('add_partner_webhook', {
		org: input.org,
		url: clean.url,
		event_types: clean.event_types,
		description: clean.description ?? undefined
	});
	if (error) return refusal(error);
	return ok(data as unknown as WebhookSecret);
}

export async function rotateSecret(
	client: SupabaseClient,
	endpoint: unknown
): Promise<Result<WebhookSecret>> {
	if (!isUuid(endpoint)) return failure('invalid');
	const { data, error } = await client.rpc('rotate_partner_webhook_secret', { endpoint });
	if (error) return refusal(error);
	return ok(data as unknown as WebhookSecret);
}

export async function removeWebhook(
	client: SupabaseClient,
	endpoint: unknown
): Promise<Result<{ removed: string }>> {
	if (!isUuid(endpoint)) return failure('invalid');
	const { error } = await client.rpc('remove_partner_webhook', { endpoint });
	if (error) return refusal(error);
	return ok({ removed: endpoint });
}

/** An LRS destination: endpoint, and username with password (both or neither). */
export function lrsInput(input: {
	endpoint: unknown;
	username: unknown;
	password: unknown;
}): { endpoint: string; username: string | null; password: string | null } | null {
	const endpoint = cleanUrl(input.endpoint);
	const username = input.username ? text(input.username, 200) : null;
	// Passwords are kept exactly as typed (no trimming): a space may be part of one.
	const password = typeof input.password === 'string' && input.password.length > 0 ? input.password : null;
	if (!endpoint || (input.username && !username)) return null;
	if (password !== null && password.length > 500) return null;
	if ((username === null) !== (password === null)) return null;
	return { endpoint, username, password };
}

export async function saveLrs(
	client: SupabaseClient,
	input: { org: unknown; endpoint: unknown; username: unknown; password: unknown }
): Promise<Result<{ saved: true }>> {
	const clean = lrsInput(input);
	if (!isUuid(input.org) || !clean) return failure('invalid');
	const { error } = await client.rpc('save_partner_lrs', {
		org: input.org,
		endpoint: clean.endpoint,
		username: clean.username ?? undefined,
		password: clean.password ?? undefined
	});
	if (error) return refusal(error);
	return ok({ saved: true });
}

export async function removeLrs(client: SupabaseClient, org: unknown): Promise<Result<{ removed: true }>> {
	if (!isUuid(org)) return failure('invalid');
	const { error } = await client.rpc('remove_partner_lrs', { org });
	if (error) return refusal(error);
	return ok({ removed: true });
}

/**
 * The log, newest first, 50 a page; `after` is the last row's cursor (`created_at|id`). The same
 * SQL as the partner API's GET /deliveries (private.partner_delivery_log).
 */
export async function listDeliveries(
	client: SupabaseClient,
	input: { org: unknown; status: unknown; after: unknown }
): Promise<Result<Page<Delivery>>> {
	if (!isUuid(input.org)) return failure('invalid');
	const status = input.status ? String(input.status) : null;
	if (status && !DELIVERY_STATUSES.includes(status as Delivery['status'])) return failure('invalid');
	let after: { at: string; id: string } | null = null;
	if (input.after) {
		const [at, id] = String(input.after).split('|');
		if (!at || Number.isNaN(Date.parse(at)) || !isUuid(id)) return failure('invalid');
		after = { at, id };
	}
	const { data, error } = await client.rpc('partner_delivery_log', {
		org: input.org,
		status: status ?? undefined,
		after_at: after?.at,
		after_id: after?.id,
		lim: PAGE + 1
	});
	if (error) return refusal(error);
	const rows = (data ?? []) as unknown as Delivery[];
	const items = rows.slice(0, PAGE);
	const last = items[items.length - 1];
	return ok({ items, next: rows.length > PAGE && last ? `${last.created_at}|${last.id}` : null });
}

/** Lets a disabled endpoint (its receiver answered 410 Gone) receive again. */
export async function enableWebhook(
	client: SupabaseClient,
	endpoint: unknown
): Promise<Result<WebhookEndpoint>> {
	if (!isUuid(endpoint)) return failure('invalid');
	const { data, error } = await client.rpc('enable_partner_webhook', { endpoint });
	if (error) return refusal(error);
	return ok(data as unknown as WebhookEndpoint);
}

export async function redeliver(
	client: SupabaseClient,
	delivery: unknown
): Promise<Result<{ redelivered: string }>> {
	if (!isUuid(delivery)) return failure('invalid');
	const { error } = await client.rpc('redeliver_partner_delivery', { delivery });
	if (error) return refusal(error);
	return ok({ redelivered: delivery });
}
