import { createEvent, type LearnerEvent, type NewEvent } from '$lib/events/learner-event';
import { courseProgress } from '$lib/events/progress';
import { getDb, type SeekhDatabase, type StoredEvent } from './db';
import { loadIdentity } from './identity';
import { askPersistenceOnce } from './persist';
import { rethrowStorage } from './storage-errors';

/**
 * The one way learner actions are saved. Each event is written in the same Dexie transaction
 * as the progress derived from it, so the log and what the UI shows can never disagree, and
 * it waits (sync = 0) until the server names it accepted.
 */
export type RecordInput = NewEvent & { lessonIds?: readonly string[] };

const recordedListeners = new Set<(event: LearnerEvent) => void>();

/** The sync runner listens here to push shortly after new events. */
export function onEventRecorded(listener: (event: LearnerEvent) => void): () => void {
	recordedListeners.add(listener);
	return () => recordedListeners.delete(listener);
}

/**
 * Saves one learner action and updates that course's progress. `lessonIds` (the course's
 * lesson order) makes the progress row list every lesson; without it, lessons seen so far.
 *
 * @example await recordEvent({ type: 'lesson_completed', course_id, lesson_id, lessonIds })
 */
export async function recordEvent(input: RecordInput, db: SeekhDatabase = getDb()): Promise<LearnerEvent> {
	const [event] = await recordEvents([input], db);
	if (!event) throw new Error('event was not recorded');
	return event;
}

/** Saves several actions in one transaction (one progress rewrite per course). */
export async function recordEvents(
	inputs: readonly RecordInput[],
	db: SeekhDatabase = getDb()
): Promise<LearnerEvent[]> {
	try {
		const identity = await loadIdentity(db);
		const events = inputs.map(({ lessonIds: _ids, ...input }) => createEvent(input, identity));
		await db.transaction('rw', db.events, db.progress, async () => {
			await db.events.bulkAdd(events.map((e): StoredEvent => ({ ...e, sync: 0 })));
			const courses = new Map<string, readonly string[] | undefined>();
			inputs.forEach((input, i) => {
				const course = events[i]?.course_id;
				if (course) courses.set(course, input.lessonIds ?? courses.get(course));
			});
			for (const [course, lessonIds] of courses) await refreshProgress(db, identity.owner, course, lessonIds);
		});
		for (const event of events) for (const listener of recordedListeners) listener(event);
		void askPersistenceOnce(db).catch(() => null);
		return events;
	} catch (error) {
		rethrowStorage(error);
	}
}

/**
 * Recomputes one course's progress from its events (the pure rules in progress.ts). Call
 * inside a rw transaction on events and progress.
 */
export async function refreshProgress(
	db: SeekhDatabase,
	owner: string,
	courseId: string,
	lessonIds?: readonly string[]
): Promise<void> {
	const events = await db.events.where('[owner+course_id]').equals([owner, courseId]).toArray();
	const previous = await db.progress.get([owner, courseId]);
	const known = lessonIds ?? [
		...new Set([
			...Object.keys(previous?.lessons ?? {}),
			...events.flatMap((e) => (e.lesson_id ? [e.lesson_id] : []))
		])
	];
	const progress = courseProgress(events, courseId, known);
	await db.progress.put({ ...progress, owner, course_id: courseId, updated_at: new Date().toISOString() });
}
