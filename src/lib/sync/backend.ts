import type { LearnerEvent } from '$lib/events/learner-event';
import type { WireBatch } from './wire';

/** What sync needs from a server; supabase-backend.ts is the real one. */
export interface SyncBackend {
	/** The signed-in account id, or null when nobody is signed in. */
	accountId(): Promise<string | null>;
	push(batch: WireBatch): Promise<PushResult>;
	pull(since: number, deviceId: string, pageSize: number): Promise<PullResult>;
	/** Forces a token refresh after a 401; false when the session is gone. */
	refreshSession(): Promise<boolean>;
}

export interface PushResult {
	accepted: string[];
	rejected: { id: string; reason: string }[];
	cursor: number;
}

export interface PulledEvent extends LearnerEvent {
	seq: number;
	server_ts: string;
}

export interface PullResult {
	events: PulledEvent[];
	cursor: number;
	more: boolean;
}

/**
 * How a failed call is handled: `auth` → refresh and retry the same batch; `too_large` →
 * split; `rejected` → the batch itself is bad, bisect to find the event to quarantine;
 * `retry` → network, timeout or server trouble, back off and try again later.
 */
export type FailureKind = 'auth' | 'too_large' | 'rejected' | 'retry';

export class SyncError extends Error {
	constructor(
		readonly kind: FailureKind,
		message: string,
		readonly status = 0
	) {
		super(message);
		this.name = 'SyncError';
	}
}

/** Maps an HTTP status (0 = no answer) and PostgREST error code to what sync does next. */
export function classifyFailure(status: number, code = ''): FailureKind {
	if (status === 401 || code === 'PGRST301' || code === 'PGRST303') return 'auth';
	if (status === 413) return 'too_large';
	if (status === 0 || status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
	// 403 from PostgREST with 42501 means the session lost its rights: treat as auth first.
	if (status === 403 && code === '42501') return 'auth';
	// Only a verdict on the data itself may quarantine events; anything else (a missing
	// function after a bad deploy, a proxy's 404) must never empty the queue into deadLetters.
	if (status === 400 || status === 409 || status === 422) return 'rejected';
	return 'retry';
}
