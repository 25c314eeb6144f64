import type { LearnerEvent } from '$lib/events/learner-event';
import type { SeekhDatabase, StoredEvent } from '$lib/db/db';
import { adoptIntoAccount } from '$lib/db/adopt';
import { loadIdentity } from '$lib/db/identity';
import { refreshProgress } from '$lib/db/learner-events';
import { SyncError, type PulledEvent, type PushResult, type SyncBackend } from './backend';
import { DEFAULT_LIMITS, splitBatch, toBatches, type BatchLimits } from './batching';
import { encodeBatch } from './wire';

/**
 * One sync round: push this account's waiting events in batches, then pull what other devices
 * pushed. Nothing is marked synced until the server's answer names its id; a batch that
 * fails is retried whole (the server ignores ids it already has, so a retry never duplicates).
 */
export interface SyncRoundResult {
	pushed: number;
	quarantined: number;
	pulled: number;
	/** Latest `setting_changed` payloads seen in pulled events, by setting key. */
	settings: Record<string, unknown>;
}

export interface EngineOptions {
	limits?: BatchLimits;
	pullPageSize?: number;
}

export const cursorKey = (owner: string) => `pull_cursor:${owner}`;

export class SyncEngine {
	constructor(
		private readonly db: SeekhDatabase,
		private readonly backend: SyncBackend,
		private readonly options: EngineOptions = {}
	) {}

	/** Events on this device the server has not confirmed yet (for the status line). */
	async pendingCount(): Promise<number> {
		return this.db.events.where('sync').equals(0).count();
	}

	/** Throws SyncError('retry' | 'auth') when the round should be tried again later. */
	async syncOnce(): Promise<SyncRoundResult> {
		const account = await this.backend.accountId();
		if (!account) return { pushed: 0, quarantined: 0, pulled: 0, settings: {} };
		// A session without adoption (e.g. signed in from another tab) adopts now.
		const owner = (await this.db.meta.get('owner'))?.value;
		if (owner !== account) await adoptIntoAccount(this.db, account);
		const result: SyncRoundResult = { pushed: 0, quarantined: 0, pulled: 0, settings: {} };
		await this.pushAll(account, result);
		await this.pullAll(account, result);
		return result;
	}

	private async pushAll(account: string, result: SyncRoundResult) {
		// Events recorded while pushing are picked up by the next pass (bounded, so a busy
		// learner cannot keep one round going for ever).
		for (let pass = 0; pass < 3; pass++) {
			// toArray() then filter: Dexie's filter() walks a cursor one event at a time.
			const waiting = (await this.db.events.where('sync').equals(0).toArray()).filter(
				(e) => e.owner === account
			);
			if (waiting.length === 0) return;
			waiting.sort((a, b) => (a.id < b.id ? -1 : 1));
			for (const batch of toBatches(waiting, this.options.limits ?? DEFAULT_LIMITS))
				await this.pushBatch(account, batch, result, false);
		}
	}

	private async pushBatch(
		account: string,
		batch: StoredEvent[],
		result: SyncRoundResult,
		refreshed: boolean
	): Promise<void> {
		let answer: PushResult;
		try {
			answer = await this.backend.push(encodeBatch(account, batch.map(withoutSyncState)));
		} catch (error) {
			if (!(error instanceof SyncError)) throw new SyncError('retry', String(error));
			if (error.kind === 'auth' && !refreshed) {
				// Token expired or revoked: refresh once and send the SAME batch again.
				if (await this.backend.refreshSession()) return this.pushBatch(account, batch, result, true);
				throw new SyncError('auth', 'session expired: sign in again', error.status);
			}
			if ((error.kind === 'too_large' || error.kind === 'rejected') && batch.length > 1) {
				// Too large: halve. Rejected as a whole: halve until the bad event stands alone.
				for (const half of splitBatch(batch)) await this.pushBatch(account, half, result, refreshed);
				return;
			}
			if (error.kind === 'too_large' || error.kind === 'rejected') {
				const [only] = batch;
				if (only)
					await this.settle(
						{ accepted: [], rejected: [{ id: only.id, reason: error.message }], cursor: 0 },
						batch,
						result
					);
				return;
			}
			throw error;
		}
		await this.settle(answer, batch, result);
	}

	/** Marks what the server named: accepted → synced; rejected → quarantined with its reason. */
	private async settle(answer: PushResult, batch: StoredEvent[], result: SyncRoundResult) {
		const byId = new Map(batch.map((e) => [e.id, e]));
		const now = new Date().toISOString();
		await this.db.transaction('rw', this.db.events, this.db.deadLetters, async () => {
			const accepted = answer.accepted.filter((id) => byId.has(id));
			// Events are immutable, so writing back our copy with the new state is exact (and far
			// faster than a where().anyOf().modify() over thousands of ids).
			await this.db.events.bulkPut(
				accepted.map((id) => ({ ...(byId.get(id) as StoredEvent), sync: 1 as const }))
			);
			for (const { id, reason } of answer.rejected) {
				const event = byId.get(id);
				if (!event) continue;
				await this.db.events.update(id, { sync: 2 });
				await this.db.deadLetters.put({ id, event: withoutSyncState(event), reason, at: now });
			}
			result.pushed += accepted.length;
			result.quarantined += answer.rejected.filter((r) => byId.has(r.id)).length;
		});
	}

	private async pullAll(account: string, result: SyncRoundResult) {
		// A phone that has recorded nothing yet still pulls (signed in only to see its progress
		// and settings): its device id is made now. The owner is already the account (adopted).
		const { device_id: device } = await loadIdentity(this.db);
		let cursor = Number((await this.db.meta.get(cursorKey(account)))?.value ?? 0);
		for (;;) {
			const page = await this.backend.pull(cursor, device, this.options.pullPageSize ?? 500);
			await this.applyPulled(account, page.events, page.cursor, result);
			if (!page.more || page.cursor <= cursor) return;
			cursor = page.cursor;
		}
	}

	/** Stores other devices' events (already on the server: sync = 1) and their progress. */
	private async applyPulled(account: string, events: PulledEvent[], cursor: number, result: SyncRoundResult) {
		await this.db.transaction('rw', this.db.events, this.db.progress, this.db.meta, async () => {
			const rows = events
				.filter((e) => e.owner === account)
				.map(({ seq: _seq, server_ts: _ts, ...e }): StoredEvent => ({ ...clean(e), sync: 1 }));
			await this.db.events.bulkPut(rows);
			const courses = new Set(rows.flatMap((e) => (e.course_id ? [e.course_id] : [])));
			for (const course of courses) await refreshProgress(this.db, account, course);
			// A setting pulled from another phone counts only if it is the newest choice of that
			// setting this device knows of: an older one must not undo what was chosen here since
			// (seen: a language chosen here went back to the one another session chose before).
			const keys = new Set(
				rows.flatMap((e) =>
					e.type === 'setting_changed' && typeof e.payload.key === 'string' ? [e.payload.key] : []
				)
			);
			if (keys.size > 0) {
				const newest = new Map<string, StoredEvent>();
				const all = await this.db.events.where('type').equals('setting_changed').toArray();
				for (const e of all) {
					const key = e.payload.key;
					if (e.owner !== account || typeof key !== 'string' || !keys.has(key)) continue;
					const seen = newest.get(key);
					if (!seen || e.client_ts > seen.client_ts || (e.client_ts === seen.client_ts && e.id > seen.id))
						newest.set(key, e);
				}
				for (const [key, e] of newest) result.settings[key] = e.payload.value;
			}
			await this.db.meta.put({ key: cursorKey(account), value: cursor });
			result.pulled += rows.length;
		});
	}
}

function withoutSyncState(e: StoredEvent): LearnerEvent {
	const { sync: _sync, ...event } = e;
	return event;
}

/** The server sends nulls for absent ids; the device keeps them absent. */
function clean(e: LearnerEvent): LearnerEvent {
	const copy = { ...e, v: 1 as const };
	if (copy.course_id == null) delete copy.course_id;
	if (copy.lesson_id == null) delete copy.lesson_id;
	return copy;
}
