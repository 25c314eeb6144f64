import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SeekhDatabase } from '$lib/db/db';
import { adoptIntoAccount } from '$lib/db/adopt';
import { recordEvent } from '$lib/db/learner-events';
import { SyncError, type PushResult, type SyncBackend } from './backend';
import { SyncEngine } from './engine';
import { SyncRunner } from './runner';
import type { WireBatch } from './wire';

/** An in-memory server with the same contract, to test the runner's decisions in isolation. */
function fakeBackend(failures: SyncError[] = []) {
	const stored = new Map<string, unknown>();
	let calls = 0;
	const backend: SyncBackend & { calls: () => number; stored: typeof stored } = {
		accountId: async () => 'account-1',
		async push(batch: WireBatch): Promise<PushResult> {
			calls++;
			const failure = failures.shift();
			if (failure) throw failure;
			for (const row of batch.rows) stored.set(row[0], row);
			return { accepted: batch.rows.map((r) => r[0]), rejected: [], cursor: stored.size };
		},
		pull: async (since: number) => ({ events: [], cursor: since, more: false }),
		refreshSession: async () => true,
		calls: () => calls,
		stored
	};
	return backend;
}

let n = 0;
async function device() {
	const db = new SeekhDatabase(`runner-${n++}`);
	await adoptIntoAccount(db, 'account-1');
	return db;
}

describe('SyncRunner', () => {
	it('lets the queue grow offline and says how many changes wait', async () => {
		const db = await device();
		const backend = fakeBackend();
		const runner = new SyncRunner(db, new SyncEngine(db, backend), backend, { isOnline: () => false });
		for (let i = 0; i < 3; i++) await recordEvent({ type: 'setting_changed' }, db);
		await runner.runNow();
		expect(runner.snapshot).toMatchObject({ phase: 'offline', pending: 3 });
		expect(backend.calls()).toBe(0);
	});

	it('never undoes a setting chosen on this device while a round was pulling an older one', async () => {
		const db = await device();
		const backend = fakeBackend();
		const other = await recordEvent(
			{ type: 'setting_changed', payload: { key: 'language', value: 'ur' } },
			db
		);
		const fromOtherPhone = (key: string, value: string) => ({
			...other,
			id: crypto.randomUUID(),
			device_id: 'other-phone',
			payload: { key, value },
			seq: 1,
			server_ts: new Date().toISOString()
		});
		await db.events.clear();
		// The server answers with the other phone's Urdu and high-contrast; meanwhile the learner
		// picks English here, after this round's push.
		backend.pull = async (since: number) => {
			await recordEvent({ type: 'setting_changed', payload: { key: 'language', value: 'en' } }, db);
			return {
				events: [fromOtherPhone('language', 'ur'), fromOtherPhone('contrast', 'high')],
				cursor: since + 2,
				more: false
			};
		};
		const applied: Record<string, unknown>[] = [];
		const runner = new SyncRunner(db, new SyncEngine(db, backend), backend, {
			isOnline: () => true,
			onSettings: (s) => applied.push(s)
		});
		await runner.runNow();
		expect(applied).toEqual([{ contrast: 'high' }]);
	});

	it('an older choice pulled from another phone does not undo a newer one made here', async () => {
		const db = await device();
		const backend = fakeBackend();
		const mine = await recordEvent(
			{ type: 'setting_changed', payload: { key: 'language', value: 'en' } },
			db
		);
		const older = new Date(Date.parse(mine.client_ts) - 60_000).toISOString();
		backend.pull = async (since: number) => ({
			events:
				since === 0
					? [
							{
								...mine,
								id: crypto.randomUUID(),
								device_id: 'other-phone',
								payload: { key: 'language', value: 'ur' },
								client_ts: older,
								seq: 1,
								server_ts: new Date().toISOString()
							}
						]
					: [],
			cursor: 1,
			more: false
		});
		const applied: Record<string, unknown>[] = [];
		const runner = new SyncRunner(db, new SyncEngine(db, backend), backend, {
			isOnline: () => true,
			onSettings: (s) => applied.push(s)
		});
		await runner.runNow();
		expect(applied.flatMap((s) => (s.language === undefined ? [] : [s.language]))).not.toContain('ur');
	});

	it('backs off after a server error and retries on its own until saved', async () => {
		const db = await device();
		const backend = fakeBackend([new SyncError('retry', '500', 500), new SyncError('retry', '503', 503)]);
		const runner = new SyncRunner(db, new SyncEngine(db, backend), backend, {
			isOnline: () => true,
			backoff: { baseMs: 10, maxMs: 40 }
		});
		await recordEvent({ type: 'setting_changed' }, db);
		await runner.runNow();
		expect(runner.snapshot.phase).toBe('retrying');
		for (let i = 0; i < 100 && runner.snapshot.phase !== 'idle'; i++)
			await new Promise((r) => setTimeout(r, 10));
		expect(runner.snapshot).toMatchObject({ phase: 'idle', pending: 0 });
		expect(backend.calls()).toBe(3);
		expect(runner.snapshot.lastSyncedAt).not.toBeNull();
	});

	it('shows signed-out when the session cannot be refreshed, and keeps every event', async () => {
		const db = await device();
		const backend = fakeBackend([new SyncError('auth', '401', 401), new SyncError('auth', '401', 401)]);
		backend.refreshSession = async () => false;
		const runner = new SyncRunner(db, new SyncEngine(db, backend), backend, { isOnline: () => true });
		await recordEvent({ type: 'setting_changed' }, db);
		await runner.runNow();
		expect(runner.snapshot).toMatchObject({ phase: 'signed-out', pending: 1 });
	});
});
