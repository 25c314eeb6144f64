import type { LanguageCode } from '$lib/i18n/languages';
import { localized, type LocalizedText } from '$lib/content/localized';
import type { CatalogueCourse } from '$lib/content/pack-types';

export interface ReviseLesson {
	id: string;
	title: LocalizedText;
}

/**
 * The lessons that teach the topics a result says to revise, in course order, each once
 * (pool.yaml `revise`, carried by the catalogue so this works offline). Empty when the course
 * has no such map: the result then links to the course.
 */
export function reviseLessons(
	course: CatalogueCourse | undefined,
	topics: readonly string[],
	lang: LanguageCode
): ReviseLesson[] {
	if (!course?.revise) return [];
	const wanted = new Set(topics.flatMap((topic) => course.revise?.[topic] ?? []));
	return course.lessons
		.filter((lesson) => wanted.has(lesson.id))
		.map((lesson) => ({ id: lesson.id, title: localized(lesson.title, lang) }));
}
