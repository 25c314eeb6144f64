// The partner delivery worker's one job: claim what is due (with a lease, in SQL), send it, and
// report every attempt, until nothing is due. Run by pg-boss every minute (run.js) or once
// (`npm run partner:deliver -- --once`, and on the embedded stack, which pg-boss cannot use).
import { nextDelaySeconds } from './schedule.js';
import { checkDestination, sendWebhook } from './webhook.js';
import { sendStatements, statementFor } from './xapi.js';

/**
 * @typedef {{ id: string, org_id: string, channel: 'webhook' | 'xapi', destination: string,
 *   event_type: string, source_id: string, occurred_at: string, data: Record<string, any>,
 *   attempts: number, url: string | null, secret: string | null, lrs_endpoint: string | null,
 *   lrs_username: string | null, lrs_password: string | null }} Claimed
 * @typedef {{ rpc(fn: string, args?: Record<string, unknown>): PromiseLike<{ data: any, error: any }> }} Rpc
 * @typedef {{ origin: string, batch?: number, lease?: number, fetchImpl?: typeof fetch,
 *   allowPrivate?: boolean, timeoutMs?: number }} DrainOptions
 */

/** What went wrong, for the log: fetch puts the network reason (refused, reset) in `cause`. */
function message(/** @type {unknown} */ e) {
	if (!(e instanceof Error)) return String(e);
	return e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message;
}
const statusOf = (/** @type {unknown} */ e) =>
	typeof (/** @type {any} */ (e)?.status) === 'number' ? /** @type {any} */ (e).status : null;
const retryAfterOf = (/** @type {unknown} */ e) =>
	typeof (/** @type {any} */ (e)?.retryAfter) === 'number' ? /** @type {any} */ (e).retryAfter : null;

/**
 * @param {Rpc} service
 * @param {Claimed} d
 * @param {{ ok: boolean, status: number | null, error?: string, retryAfter?: number | null }} outcome
 */
async function report(service, d, outcome) {
	const { error } = await service.rpc('partner_delivery_attempted', {
		delivery: d.id,
		ok: outcome.ok,
		response_status: outcome.status,
		error: outcome.ok ? null : (outcome.error ?? 'failed'),
		// A 410 Gone disables a webhook endpoint in SQL (partner_delivery_attempted).
		retry_in_seconds: outcome.ok ? null : nextDelaySeconds(d.attempts, outcome.retryAfter)
	});
	if (error) throw new Error(`partner_delivery_attempted: ${error.message}`);
}

/**
 * Claims and delivers until nothing is due. Returns counts of what happened.
 * @param {Rpc} service a service-role client
 * @param {DrainOptions} options
 */
export async function drainDeliveries(service, options) {
	const {
		origin,
		batch = 50,
		lease = 120,
		fetchImpl = fetch,
		allowPrivate = false,
		timeoutMs = 15_000
	} = options;
	let delivered = 0;
	let failed = 0;
	for (;;) {
		const { data, error } = await service.rpc('partner_deliveries_claim', { batch, lease_seconds: lease });
		if (error) throw new Error(`partner_deliveries_claim: ${error.message}`);
		const claimed = /** @type {Claimed[]} */ (data ?? []);
		if (claimed.length === 0) return { delivered, failed };

		for (const d of claimed.filter((x) => x.channel === 'webhook')) {
			try {
				if (!d.url || !d.secret) throw new Error('the endpoint was removed');
				const status = await sendWebhook(
					{ ...d, url: d.url, secret: d.secret },
					{ fetchImpl, timeoutMs, allowPrivate }
				);
				await report(service, d, { ok: true, status });
				delivered++;
			} catch (e) {
				await report(service, d, {
					ok: false,
					status: statusOf(e),
					error: message(e),
					retryAfter: retryAfterOf(e)
				});
				failed++;
			}
		}

		// xAPI: one request per LRS with every statement due for it.
		/** @type {Map<string, Claimed[]>} */
		const perLrs = new Map();
		for (const d of claimed.filter((x) => x.channel === 'xapi'))
			perLrs.set(d.destination, [...(perLrs.get(d.destination) ?? []), d]);
		for (const group of perLrs.values()) {
			const [first] = group;
			try {
				if (!first?.lrs_endpoint || !first.lrs_username || !first.lrs_password)
					throw new Error('the LRS was removed or has no credentials');
				await checkDestination(first.lrs_endpoint, allowPrivate);
				const statements = group.map((d) => statementFor(d, origin));
				const status = await sendStatements(
					{ endpoint: first.lrs_endpoint, username: first.lrs_username, password: first.lrs_password },
					statements,
					{ fetchImpl, timeoutMs }
				);
				for (const d of group) await report(service, d, { ok: true, status });
				delivered += group.length;
			} catch (e) {
				for (const d of group)
					await report(service, d, {
						ok: false,
						status: statusOf(e),
						error: message(e),
						retryAfter: retryAfterOf(e)
					});
				failed += group.length;
			}
		}
	}
}
