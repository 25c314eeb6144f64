import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { adoptIntoAccount } from './adopt';
import { SeekhDatabase } from './db';
import { loadIdentity } from './identity';
import { onEventRecorded, recordEvent, recordEvents } from './learner-events';
import { isQuotaError, StorageFullError } from './storage-errors';

let n = 0;
const freshDb = () => new SeekhDatabase(`learner-events-${n++}`);

describe('recordEvent', () => {
	it('writes the event unsynced and the course progress in one go', async () => {
		const db = freshDb();
		const seen: string[] = [];
		const stop = onEventRecorded((e) => seen.push(e.id));
		const lessonIds = ['a', 'b'];
		const event = await recordEvent(
			{ type: 'lesson_completed', course_id: 'c', lesson_id: 'a', lessonIds },
			db
		);
		stop();
		const { owner } = await loadIdentity(db);
		expect(event.owner).toBe(owner);
		expect(await db.events.get(event.id)).toMatchObject({ sync: 0, type: 'lesson_completed' });
		const progress = await db.progress.get([owner, 'c']);
		expect(progress).toMatchObject({
			completedCount: 1,
			lessons: { a: { completed: true }, b: { completed: false } }
		});
		expect(seen).toEqual([event.id]);
	});

	it('keeps lessons seen so far when the course’s lesson list is not given', async () => {
		const db = freshDb();
		await recordEvent({ type: 'lesson_opened', course_id: 'c', lesson_id: 'x' }, db);
		await recordEvent({ type: 'lesson_opened', course_id: 'c', lesson_id: 'y' }, db);
		const { owner } = await loadIdentity(db);
		expect(Object.keys((await db.progress.get([owner, 'c']))?.lessons ?? {}).sort()).toEqual(['x', 'y']);
	});

	it('writes nothing when the event is invalid', async () => {
		const db = freshDb();
		await expect(recordEvent({ type: 'lesson_opened', course_id: 'c' }, db)).rejects.toThrow(
			/needs course_id/
		);
		expect(await db.events.count()).toBe(0);
	});
});

describe('adoptIntoAccount', () => {
	it('moves unsynced anonymous events and progress to the account, once', async () => {
		const db = freshDb();
		await recordEvents(
			[
				{ type: 'lesson_opened', course_id: 'c', lesson_id: 'a', lessonIds: ['a', 'b'] },
				{ type: 'lesson_completed', course_id: 'c', lesson_id: 'a', lessonIds: ['a', 'b'] }
			],
			db
		);
		expect(await adoptIntoAccount(db, 'account-1')).toEqual({ adopted: 2 });
		expect(await adoptIntoAccount(db, 'account-1')).toEqual({ adopted: 0 });
		expect((await db.events.toArray()).every((e) => e.owner === 'account-1')).toBe(true);
		const rows = await db.progress.toArray();
		expect(rows.map((r) => [r.owner, r.completedCount, Object.keys(r.lessons)])).toEqual([
			['account-1', 1, ['a', 'b']]
		]);
		expect((await recordEvent({ type: 'setting_changed' }, db)).owner).toBe('account-1');
	});
});

describe('storage errors', () => {
	it('recognises quota errors in both shapes browsers use', () => {
		expect(isQuotaError({ name: 'QuotaExceededError' })).toBe(true);
		expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
		expect(isQuotaError({ name: 'AbortError', cause: { name: 'QuotaExceededError' } })).toBe(true);
		expect(isQuotaError(new StorageFullError(null))).toBe(true);
		expect(isQuotaError({ name: 'AbortError' })).toBe(false);
	});

	it('turns a full disk during recordEvent into StorageFullError, losing nothing stored', async () => {
		const db = freshDb();
		await recordEvent({ type: 'setting_changed' }, db);
		const add = db.events.bulkAdd.bind(db.events);
		db.events.bulkAdd = (() => {
			throw Object.assign(new Error('abort'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } });
		}) as never;
		await expect(recordEvent({ type: 'setting_changed' }, db)).rejects.toBeInstanceOf(StorageFullError);
		db.events.bulkAdd = add;
		expect(await db.events.count()).toBe(1);
	});
});
