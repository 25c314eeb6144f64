import type { SeekhDatabase } from './db';
import { refreshProgress } from './learner-events';

/**
 * Sign-up or sign-in adopts what an anonymous learner did on this device into the account:
 * in one transaction, every still-unsynced event of the anonymous owner gets the account id
 * (their ids do not change, so a retry can never duplicate them), progress is recomputed for
 * the account, and new events are stamped with it. Nothing is lost if the tab closes midway.
 */
export async function adoptIntoAccount(db: SeekhDatabase, accountId: string): Promise<{ adopted: number }> {
	return db.transaction('rw', db.events, db.progress, db.meta, async () => {
		const owner = (await db.meta.get('owner'))?.value;
		const device = (await db.meta.get('device_id'))?.value;
		const anonymous = new Set<string>();
		if (typeof device === 'string') anonymous.add(`anon:${device}`);
		if (typeof owner === 'string' && owner.startsWith('anon:')) anonymous.add(owner);
		const unsynced = (await db.events.where('sync').equals(0).toArray()).filter((e) =>
			anonymous.has(e.owner)
		);
		await db.events.bulkPut(unsynced.map((e) => ({ ...e, owner: accountId })));
		// Per course, every lesson either progress row listed, so none drops out of the view.
		const lessons = new Map<string, Set<string>>();
		const note = (course: string, ids: Iterable<string>) =>
			lessons.set(course, new Set([...(lessons.get(course) ?? []), ...ids]));
		for (const e of unsynced) if (e.course_id) note(e.course_id, e.lesson_id ? [e.lesson_id] : []);
		for (const old of anonymous) {
			for (const row of await db.progress.where('owner').equals(old).toArray()) {
				note(row.course_id, Object.keys(row.lessons));
				await db.progress.delete([old, row.course_id]);
			}
		}
		for (const [course, ids] of lessons) {
			const mine = await db.progress.get([accountId, course]);
			note(course, Object.keys(mine?.lessons ?? {}));
			const merged = lessons.get(course) ?? ids;
			await refreshProgress(db, accountId, course, merged.size > 0 ? [...merged] : undefined);
		}
		await db.meta.put({ key: 'owner', value: accountId });
		return { adopted: unsynced.length };
	});
}

/** After sign-out, new events belong to this device's anonymous learner again. */
export async function returnToAnonymous(db: SeekhDatabase): Promise<void> {
	await db.transaction('rw', db.meta, async () => {
		const device = (await db.meta.get('device_id'))?.value;
		if (typeof device === 'string') await db.meta.put({ key: 'owner', value: `anon:${device}` });
	});
}
