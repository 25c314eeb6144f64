import { createHash } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import { env as publicEnv } from '$env/dynamic/public';
import { env } from '$env/dynamic/private';
import type { Database } from '$lib/db/database.types';
import type { SeekhClient } from '$lib/db/typed-client';
import { createAdminClient } from '../supabase-admin';
import { bearerToken } from '../ids';
import { problem, problemResponse, type SqlProblem } from './problem';

/**
 * The door of the partner API. The server only hashes the bearer key: which partner it is,
 * whether it is revoked, expired, over its rate or missing the scope, and the audit row, are
 * all decided in SQL (private.partner_gate) by the one function each request calls.
 */
const KEY = /^seekh_pk_[a-z0-9]{8}_[0-9a-f]{64}$/;

type Fn = Database['public']['Functions'];
export type PartnerFn =
	| 'partner_whoami'
	| 'partner_roster'
	| 'partner_roster_list'
	| 'partner_completions'
	| 'partner_certificates'
	| 'partner_api_webhooks'
	| 'partner_api_webhook_add'
	| 'partner_api_webhook_remove'
	| 'partner_api_webhook_enable'
	| 'partner_api_lrs'
	| 'partner_api_lrs_save'
	| 'partner_api_deliveries'
	| 'partner_api_redeliver';

/** sha256 of the key, hex: what the database stores and looks up. */
export const keyHash = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

const clients = new Map<string, SeekhClient>();
/** The service-role client (per backend URL, so tests can point at each stack in turn). */
export function partnerDb(): SeekhClient {
	const url = env.SUPABASE_URL || publicEnv.PUBLIC_SUPABASE_URL;
	const key = env.SUPABASE_SERVICE_ROLE_KEY;
	if (!url || !key) throw new NotConfigured();
	const id = `${url}|${key}`;
	let client = clients.get(id);
	if (!client) clients.set(id, (client = createAdminClient(url, key)));
	return client;
}

export class NotConfigured extends Error {}

/** What the request looks like in the audit log: method and path with its query, at most 200. */
export const requestLine = (event: Pick<RequestEvent, 'request' | 'url'>) =>
	`${event.request.method} ${event.url.pathname}${event.url.search}`.slice(0, 200);

export type Answer =
	{ ok: true; status: number; body: unknown; replayed: boolean } | { ok: false; response: Response };

/**
 * Calls one partner function with the key's hash and the request line, and reads its answer:
 * `{status: 200, body}` or `{problem}`. No key (or not a Seekh key) is refused here, before the
 * database: there is nothing to look up or to audit.
 */
export async function callPartner<F extends PartnerFn>(
	event: Pick<RequestEvent, 'request' | 'url'>,
	fn: F,
	args: Omit<Fn[F]['Args'], 'key_hash' | 'request'>
): Promise<Answer> {
	const instance = event.url.pathname;
	const key = bearerToken(event.request);
	if (!key) return { ok: false, response: problem(401, 'missing_key', instance) };
	if (!KEY.test(key)) return { ok: false, response: problem(401, 'unknown_key', instance) };
	let db: SeekhClient;
	try {
		db = partnerDb();
	} catch {
		return { ok: false, response: problem(503, 'not_configured', instance) };
	}
	const { data, error } = await db.rpc(fn, {
		...args,
		key_hash: keyHash(key),
		request: requestLine(event)
	} as Fn[F]['Args']);
	if (error) throw new Error(`${fn}: ${error.code} ${error.message}`);
	const answer = data as { status?: number; body?: unknown; problem?: SqlProblem; replayed?: boolean } | null;
	if (answer?.problem) return { ok: false, response: problemResponse(answer.problem, instance) };
	return {
		ok: true,
		status: answer?.status ?? 200,
		body: answer?.body === undefined ? answer : answer.body,
		replayed: answer?.replayed === true
	};
}

/** Runs a handler; an unexpected fault is logged and answered as a 500 problem. */
export async function partnerGuarded(
	event: Pick<RequestEvent, 'url'>,
	run: () => Promise<Response>
): Promise<Response> {
	try {
		return await run();
	} catch (failure) {
		console.error('[partner-api]', failure);
		return problem(500, 'server', event.url.pathname);
	}
}

export function jsonResponse(body: unknown, headers: Record<string, string> = {}, status = 200): Response {
	if (status === 204)
		return new Response(null, { status, headers: { 'cache-control': 'no-store', ...headers } });
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }
	});
}
