import type { LearnerEvent } from './learner-event';

/**
 * Derived progress: a pure function of the events, so the device and the server (same rules
 * in SQL) agree. Nothing here is stored as truth; it is recomputed from the log.
 */
export interface LessonProgress {
	opened: boolean;
	completed: boolean;
	/** Best practice-quiz score in percent, if the quiz was finished. */
	bestQuizScore: number | null;
}

export interface CourseProgress {
	lessons: Record<string, LessonProgress>;
	completedCount: number;
	/** Last lesson opened: where "resume" takes the learner. */
	lastLessonId: string | null;
}

export function courseProgress(
	events: readonly LearnerEvent[],
	courseId: string,
	lessonIds: readonly string[]
): CourseProgress {
	const lessons: Record<string, LessonProgress> = {};
	for (const id of lessonIds) lessons[id] = { opened: false, completed: false, bestQuizScore: null };
	let lastLessonId: string | null = null;
	// Event ids are UUIDv7: sorting by id is device-time order, good enough for "resume".
	const ordered = events.filter((e) => e.course_id === courseId).sort((a, b) => (a.id < b.id ? -1 : 1));
	for (const event of ordered) {
		const lesson = event.lesson_id ? lessons[event.lesson_id] : undefined;
		if (!lesson) continue;
		if (event.type === 'lesson_opened') {
			lesson.opened = true;
			lastLessonId = event.lesson_id ?? lastLessonId;
		} else if (event.type === 'lesson_completed') {
			lesson.completed = true;
			lesson.opened = true;
		} else if (event.type === 'quiz_completed') {
			const score = Number(event.payload.score);
			if (Number.isFinite(score)) lesson.bestQuizScore = Math.max(lesson.bestQuizScore ?? 0, score);
		}
	}
	const completedCount = lessonIds.filter((id) => lessons[id]?.completed).length;
	return { lessons, completedCount, lastLessonId };
}

export function percentComplete(progress: CourseProgress, lessonCount: number): number {
	return lessonCount === 0 ? 0 : Math.round((progress.completedCount / lessonCount) * 100);
}
