// Delivery of compliance reminders (issue 12) from the SQL outbox (private.outbox, filled by
// public.compliance_tick()). A worker claims messages with a lease, hands each to a provider
// with the message id as the idempotency key, then marks it sent; a failure is reported so the
// database backs off and offers it again. A crash between sending and marking sent means the
// lease expires and the provider sees the same id again: providers must drop repeats (the
// local stand-in does; real SMS/email gateways take an idempotency or client reference key).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {{ id: number, channel: 'email' | 'sms', recipient: string, kind: string,
 *   language: string, params: Record<string, unknown>, attempts: number }} OutboxMessage
 * @typedef {{ name: string, send(message: OutboxMessage, text: { subject: string, body: string }):
 *   Promise<{ ref: string }> }} Provider
 * @typedef {{ rpc(fn: string, args?: Record<string, unknown>): PromiseLike<{ data: any, error: any }> }} Rpc
 */

const localesDir = fileURLToPath(new URL('../../locales/', import.meta.url));
/** @type {Map<string, any>} */
const strings = new Map();

/** @param {string} lang @returns {Record<string, string> | null} */
function templates(lang) {
	if (!strings.has(lang)) {
		try {
			strings.set(lang, JSON.parse(readFileSync(`${localesDir}${lang}/compliance.json`, 'utf8')).reminder);
		} catch {
			strings.set(lang, null);
		}
	}
	return strings.get(lang) ?? templates('ur');
}

/** The message in the person's language (Urdu when theirs has no text). */
export function render(/** @type {OutboxMessage} */ m) {
	const t = templates(m.language) ?? templates('ur') ?? {};
	const title = /** @type {Record<string, string>} */ (m.params.title ?? {});
	const vars = /** @type {Record<string, string>} */ ({
		name: String(m.params.name ?? ''),
		about: String(m.params.about ?? ''),
		days: String(m.params.days ?? ''),
		date: String(m.params.date ?? ''),
		title: title[m.language] ?? title.ur ?? title.en ?? ''
	});
	const fill = (/** @type {string | undefined} */ s) =>
		(s ?? '').replace(/\{\{(\w+)\}\}/g, (_, k) => vars[k] ?? '');
	return { subject: fill(t.subject), body: fill(t[m.kind] ?? t.due_soon) };
}

/** The local stand-in: prints each message once (like the OTP stand-in), drops repeats by id. */
export function printingProvider(print = console.log) {
	const seen = new Set();
	return {
		name: 'print',
		/** @param {OutboxMessage} m @param {{ subject: string, body: string }} text */
		async send(m, text) {
			if (!seen.has(m.id)) {
				seen.add(m.id);
				print(`[reminder] ${m.channel} to ${m.recipient}: ${text.subject} — ${text.body}`);
			}
			return { ref: `print-${m.id}` };
		}
	};
}

/**
 * Claims and delivers until the outbox has nothing ready. Returns what happened.
 * @param {Rpc} service a service-role client (supabase-js) or anything with the same rpc()
 * @param {Provider} provider
 */
export async function drainOutbox(service, provider, { batch = 50, lease = 120 } = {}) {
	let sent = 0;
	let failed = 0;
	for (;;) {
		const { data, error } = await service.rpc('outbox_claim', { batch, lease_seconds: lease });
		if (error) throw new Error(`outbox_claim: ${error.message}`);
		const messages = /** @type {OutboxMessage[]} */ (data ?? []);
		if (messages.length === 0) return { sent, failed };
		for (const m of messages) {
			try {
				const { ref } = await provider.send(m, render(m));
				const done = await service.rpc('outbox_sent', { message: m.id, provider_ref: ref });
				if (done.error) throw new Error(done.error.message);
				sent++;
			} catch (e) {
				failed++;
				await service.rpc('outbox_failed', {
					message: m.id,
					error: String(/** @type {Error} */ (e).message ?? e)
				});
			}
		}
	}
}
