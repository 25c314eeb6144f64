import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { SeekhDatabase } from './db';
import { recordEvent } from './learner-events';

/**
 * Upgrade safety from the first shipped schema. `V1_STORES` is frozen: it is exactly what
 * version 1 of the app created on learners' phones. Every later `version(n)` must open a v1
 * database full of unsynced progress without losing a row — this test proves it for whatever
 * the current schema is, so a careless v2 fails here before it reaches a phone.
 */
const V1_STORES = {
	events: 'id, sync, [owner+course_id], type',
	progress: '[owner+course_id], owner',
	packs: '[course_id+lang], course_id',
	meta: 'key',
	deadLetters: 'id, at'
};

const names: string[] = [];
afterEach(async () => {
	await Promise.all(names.splice(0).map((name) => Dexie.delete(name)));
});

async function shippedV1Database(name: string) {
	names.push(name);
	const v1 = new Dexie(name);
	v1.version(1).stores(V1_STORES);
	await v1.open();
	await v1.table('meta').bulkPut([
		{ key: 'device_id', value: '0190f000-0000-7000-8000-000000000001' },
		{ key: 'owner', value: 'anon:0190f000-0000-7000-8000-000000000001' }
	]);
	await v1.table('events').bulkPut([
		{
			id: '0190f000-0000-7000-8000-0000000000a1',
			v: 1,
			owner: 'anon:0190f000-0000-7000-8000-000000000001',
			device_id: '0190f000-0000-7000-8000-000000000001',
			type: 'lesson_completed',
			course_id: 'ai-awareness',
			lesson_id: 'what-is-ai',
			payload: {},
			client_ts: '2026-11-01T10:00:00.000Z',
			sync: 0
		},
		{
			id: '0190f000-0000-7000-8000-0000000000a2',
			v: 1,
			owner: 'anon:0190f000-0000-7000-8000-000000000001',
			device_id: '0190f000-0000-7000-8000-000000000001',
			type: 'quiz_completed',
			course_id: 'ai-awareness',
			lesson_id: 'what-is-ai',
			payload: { score: 75, total: 4 },
			client_ts: '2026-11-01T10:05:00.000Z',
			sync: 1
		}
	]);
	await v1
		.table('packs')
		.put({ course_id: 'ai-awareness', lang: 'ur', hash: 'abc', bytes: 1234, stored_at: '2026-11-01' });
	v1.close();
}

describe('Dexie schema upgrades from the first shipped version', () => {
	it('opens a v1 database with the current schema and keeps every row and its sync state', async () => {
		await shippedV1Database('seekh-upgrade-rows');
		const db = new SeekhDatabase('seekh-upgrade-rows');
		await db.open();
		expect(db.verno).toBeGreaterThanOrEqual(1);
		const events = await db.events.orderBy('id').toArray();
		expect(events.map((e) => [e.type, e.sync])).toEqual([
			['lesson_completed', 0],
			['quiz_completed', 1]
		]);
		// The outbox index still finds what is waiting to be pushed.
		expect(await db.events.where('sync').equals(0).count()).toBe(1);
		expect(await db.packs.get(['ai-awareness', 'ur'])).toMatchObject({ hash: 'abc' });
		db.close();
	});

	it('keeps the installation identity, so new events continue the same owner after an upgrade', async () => {
		await shippedV1Database('seekh-upgrade-identity');
		const db = new SeekhDatabase('seekh-upgrade-identity');
		const event = await recordEvent(
			{ type: 'lesson_opened', course_id: 'ai-awareness', lesson_id: 'ai-in-daily-life' },
			db
		);
		expect(event.owner).toBe('anon:0190f000-0000-7000-8000-000000000001');
		expect(event.device_id).toBe('0190f000-0000-7000-8000-000000000001');
		expect(await db.events.count()).toBe(3);
		db.close();
	});
});
