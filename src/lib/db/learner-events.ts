import { createEvent, type LearnerEvent, type NewEvent } from '$lib/events/learner-event';
import { courseProgress } from '$lib/events/progress';
import { getDb, type SeekhDatabase } from './db';
import { loadIdentity } from './identity';

/**
 * Records one learner action (minimal version written by the courses module; the sync module
 * owns the full one — same signature). The event and the course's derived progress are
 * written in ONE read-write transaction, so the progress row can never disagree with the log
 * even if the tab dies half-way.
 */
export async function recordEvent(
	input: NewEvent & { lessonIds?: readonly string[] },
	db: SeekhDatabase = getDb()
): Promise<LearnerEvent> {
	const { lessonIds, ...rest } = input;
	const identity = await loadIdentity(db);
	const event = createEvent(rest, identity);
	await db.transaction('rw', db.events, db.progress, async () => {
		await db.events.add({ ...event, sync: 0 });
		if (!event.course_id || !lessonIds) return;
		const events = await db.events
			.where('[owner+course_id]')
			.equals([event.owner, event.course_id])
			.toArray();
		await db.progress.put({
			...courseProgress(events, event.course_id, lessonIds),
			owner: event.owner,
			course_id: event.course_id,
			updated_at: event.client_ts
		});
	});
	return event;
}
