import { describe, expect, it } from 'vitest';
import { recordEvent, recordEvents, type RecordInput } from '$lib/db/learner-events';
import { courseProgress } from '$lib/events/progress';
import { encodeBatch } from '$lib/sync/wire';
import { engine, newDevice, newLearner, serviceSelect, signInAgain, stacks, TEST_COURSE } from './helpers';

const course = TEST_COURSE.id;
const lessonIds = TEST_COURSE.lessons;

describe.each(stacks())('push and pull on $name', (stack) => {
	it('pushes a device’s events and a second device pulls them; both converge', async () => {
		const learner = await newLearner(stack);
		const phone = await newDevice(learner.id);
		const laptop = await newDevice(learner.id);
		await recordEvent({ type: 'lesson_opened', course_id: course, lesson_id: 'l1', lessonIds }, phone.db);
		await recordEvent({ type: 'lesson_completed', course_id: course, lesson_id: 'l1', lessonIds }, phone.db);
		await recordEvent(
			{ type: 'quiz_completed', course_id: course, lesson_id: 'l1', payload: { score: 80 }, lessonIds },
			laptop.db
		);
		const laptopClient = await signInAgain(stack, learner);
		const first = await engine(phone.db, learner.client).syncOnce();
		expect(first.pushed).toBe(2);
		const second = await engine(laptop.db, laptopClient).syncOnce();
		expect(second).toMatchObject({ pushed: 1, pulled: 2 });
		const third = await engine(phone.db, learner.client).syncOnce();
		expect(third).toMatchObject({ pushed: 0, pulled: 1 });

		const ids = async (db: typeof phone.db) => (await db.events.toArray()).map((e) => e.id).sort();
		expect(await ids(phone.db)).toEqual(await ids(laptop.db));
		expect(await phone.db.events.where('sync').equals(0).count()).toBe(0);
		const phoneProgress = await phone.db.progress.get([learner.id, course]);
		const laptopProgress = await laptop.db.progress.get([learner.id, course]);
		expect(phoneProgress?.lessons.l1).toEqual({ opened: true, completed: true, bestQuizScore: 80 });
		expect(laptopProgress?.lessons).toEqual(phoneProgress?.lessons);
	});

	it('derives the same course progress on the server as progress.ts does on the device', async () => {
		const learner = await newLearner(stack);
		const device = await newDevice(learner.id);
		const inputs: RecordInput[] = [
			{ type: 'lesson_opened', course_id: course, lesson_id: 'l2' },
			{ type: 'quiz_completed', course_id: course, lesson_id: 'l2', payload: { score: 40 } },
			{ type: 'quiz_completed', course_id: course, lesson_id: 'l2', payload: { score: 90 } },
			{ type: 'lesson_completed', course_id: course, lesson_id: 'l2' },
			{ type: 'lesson_opened', course_id: course, lesson_id: 'l3' },
			{ type: 'quiz_completed', course_id: course, lesson_id: 'l3', payload: { score: -5 } },
			{ type: 'setting_changed', payload: { key: 'language', value: 'ur' } }
		];
		const events = await recordEvents(
			inputs.map((e) => ({ ...e, lessonIds })),
			device.db
		);
		await engine(device.db, learner.client).syncOnce();
		const expected = courseProgress(events, course, lessonIds);
		const { data, error } = await learner.client.from('course_progress').select('*').eq('course_id', course);
		expect(error).toBeNull();
		expect(data?.[0]).toMatchObject({
			lessons: expected.lessons,
			completed_count: expected.completedCount,
			last_lesson_id: expected.lastLessonId
		});
	});

	it('inserts an event id once however often it is pushed, and assigns seq and server_ts', async () => {
		const learner = await newLearner(stack);
		const device = await newDevice(learner.id);
		const event = await recordEvent({ type: 'lesson_opened', course_id: course, lesson_id: 'l1' }, device.db);
		const batch = encodeBatch(learner.id, [event, event]);
		const once = await learner.client.rpc('sync_push', { events: batch });
		const twice = await learner.client.rpc('sync_push', { events: [event] });
		expect(once.data.accepted).toEqual([event.id, event.id]);
		expect(twice.data).toMatchObject({ accepted: [event.id], rejected: [] });
		const rows = await serviceSelect<{ seq: number; server_ts: string; client_ts: string }>(
			stack,
			`learner_events?id=eq.${event.id}`
		);
		expect(rows).toHaveLength(1);
		expect(rows[0]?.seq).toBeGreaterThan(0);
		expect(Date.parse(rows[0]?.client_ts ?? '')).toBe(Date.parse(event.client_ts));
		expect(Math.abs(Date.parse(rows[0]?.server_ts ?? '') - Date.now())).toBeLessThan(60_000);
		expect(once.data.cursor).toBe(rows[0]?.seq);
	});
});
