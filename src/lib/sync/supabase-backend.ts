import type { Json } from '$lib/db/database.types';
import type { SeekhClient } from '$lib/db/typed-client';
import { classifyFailure, SyncError, type PullResult, type PushResult, type SyncBackend } from './backend';
import type { WireBatch } from './wire';

/** Seconds before a push or pull is abandoned as a timeout (then retried with backoff). */
const TIMEOUT_MS = 30_000;

interface RpcReply<T> {
	data: T | null;
	error: { message: string; code?: string } | null;
	status: number;
}

function check<T>(reply: RpcReply<T>, what: string): T {
	if (reply.error || reply.data === null) {
		const code = reply.error?.code ?? '';
		const message = `${what}: ${reply.status} ${code} ${reply.error?.message ?? 'no data'}`.trim();
		throw new SyncError(classifyFailure(reply.status, code), message, reply.status);
	}
	return reply.data;
}

/** sync_push / sync_pull through supabase-js: works against hosted Supabase and the local stack. */
export function supabaseBackend(client: SeekhClient, timeoutMs = TIMEOUT_MS): SyncBackend {
	return {
		async accountId() {
			const { data } = await client.auth.getSession();
			return data.session?.user.id ?? null;
		},
		async push(batch: WireBatch) {
			const reply = (await client
				// Payloads are typed `unknown` on the device; they are plain JSON (recorded events).
				.rpc('sync_push', { events: batch as unknown as Json })
				.abortSignal(AbortSignal.timeout(timeoutMs))) as RpcReply<PushResult>;
			return check(reply, 'sync_push');
		},
		async pull(since: number, deviceId: string, pageSize: number) {
			const reply = (await client
				.rpc('sync_pull', { since, device_id: deviceId, page_size: pageSize })
				.abortSignal(AbortSignal.timeout(timeoutMs))) as RpcReply<PullResult>;
			return check(reply, 'sync_pull');
		},
		async refreshSession() {
			const { data, error } = await client.auth.refreshSession();
			return !error && data.session !== null;
		}
	};
}
