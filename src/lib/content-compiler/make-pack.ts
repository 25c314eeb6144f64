import { contentFallbacks } from '../i18n/languages';
import type { CompiledCourse, CompiledLesson } from './compile-course';
import type { QuestionStructure, QuizText } from './quiz-source';
import { digitsOf, localiseBlocks, localiseQuiz, localiseText } from './local-digits';
import {
	PACK_FORMAT,
	type AssessmentPoolText,
	type CatalogueCourse,
	type CoursePack,
	type LessonMedia,
	type PackLesson,
	type PackRef,
	type PracticeQuiz
} from '../content/pack-types';

/**
 * Assembles one language's pack from a compiled course. A lesson missing in the pack's
 * language is carried in the fallback order of `contentFallbacks` (Urdu, else English), flagged
 * `fallbackLang` so the player can say so.
 * The assessment pool goes in as text only: answers for it exist nowhere in the compiled
 * course (key.yaml is checked, never read into it).
 */
export type MediaPublisher = (sourcePath: string) => { url: string; bytes: number };

function pick<T>(map: Map<string, T> | Record<string, T>, lang: string): [string, T] | null {
	for (const l of contentFallbacks(lang)) {
		const value = map instanceof Map ? map.get(l) : map[l];
		if (value !== undefined) return [l, value];
	}
	return null;
}

export function packLanguages(course: CompiledCourse): string[] {
	return [...course.meta.languages, ...course.meta.partialLanguages];
}

export function makePack(course: CompiledCourse, lang: string, publish: MediaPublisher): CoursePack {
	const { meta } = course;
	const pack: CoursePack = {
		format: PACK_FORMAT,
		course: meta.id,
		lang,
		programme: meta.programme,
		level: meta.level,
		minutes: meta.minutes,
		title: pick(meta.title, lang)?.[1] ?? meta.id,
		summary: pick(meta.summary, lang)?.[1] ?? '',
		audience: pick(meta.audience, lang)?.[1] ?? '',
		prerequisites: meta.prerequisites,
		assessment: meta.assessment,
		lessons: course.lessons.flatMap((l) => packLesson(l, lang, publish) ?? [])
	};
	const pool = course.pool && pick(course.pool.texts, lang);
	if (course.pool && pool) pack.pool = poolText(course.pool.questions, pool[0], pool[1]);
	return pack;
}

function packLesson(lesson: CompiledLesson, lang: string, publish: MediaPublisher): PackLesson | null {
	const found = pick(lesson.texts, lang);
	if (!found) return null;
	const [textLang, text] = found;
	const out: PackLesson = {
		id: lesson.id,
		title: localiseText(text.title, digitsOf(textLang)),
		minutes: text.minutes,
		status: text.status,
		lang: textLang,
		blocks: localiseBlocks(text.blocks, textLang)
	};
	if (textLang !== lang) out.fallbackLang = textLang;
	const easy = lesson.easy.get(textLang);
	if (easy)
		out.easy = {
			title: localiseText(easy.title, digitsOf(textLang)),
			blocks: localiseBlocks(easy.blocks, textLang)
		};
	const quizText = lesson.quiz && pick(lesson.quiz.texts, lang);
	if (lesson.quiz && quizText)
		out.quiz = localiseQuiz(practiceQuiz(lesson.quiz.questions, quizText[0], quizText[1]));
	const media = lesson.media.get(textLang);
	if (media)
		out.media = media.map((m): LessonMedia => ({
			kind: m.kind,
			...publish(m.path),
			...(m.transcript ? { transcript: m.transcript } : {}),
			...(m.captionsPath ? { captionsUrl: publish(m.captionsPath).url } : {})
		}));
	return out;
}

function practiceQuiz(questions: QuestionStructure[], lang: string, text: QuizText): PracticeQuiz {
	return {
		lang,
		questions: questions.flatMap((q) => {
			const t = text.questions[q.id];
			if (!t) return [];
			return [
				{
					id: q.id,
					type: q.type,
					prompt: t.prompt,
					options: q.options.map((id) => ({ id, text: t.options[id] ?? id })),
					answer: q.answer,
					explanation: t.explanation
				}
			];
		})
	};
}

function poolText(questions: QuestionStructure[], lang: string, text: QuizText): AssessmentPoolText {
	const digits = digitsOf(lang);
	return {
		lang,
		topics: text.topics,
		// Explicit field list: nothing from the structure beyond these can leak into a pack.
		questions: questions.flatMap((q) => {
			const t = text.questions[q.id];
			if (!t) return [];
			return [
				{
					id: q.id,
					topic: q.topic ?? '',
					type: q.type,
					prompt: localiseText(t.prompt, digits),
					options: q.options.map((id) => ({ id, text: localiseText(t.options[id] ?? id, digits) }))
				}
			];
		})
	};
}

/** The catalogue row for a course, once its packs have been written. */
export function catalogueEntry(course: CompiledCourse, packs: Record<string, PackRef>): CatalogueCourse {
	const { meta } = course;
	return {
		id: meta.id,
		programme: meta.programme,
		level: meta.level,
		minutes: meta.minutes,
		title: meta.title,
		summary: meta.summary,
		audience: meta.audience,
		prerequisites: meta.prerequisites,
		assessment: meta.assessment.kind,
		lessons: course.lessons.map((l) => ({
			id: l.id,
			minutes: pick(l.texts, 'en')?.[1].minutes ?? 0,
			title: Object.fromEntries([...l.texts].map(([lang, t]) => [lang, t.title]))
		})),
		// Lessons per assessment topic: the result links to them (read offline from this copy).
		...(course.pool && Object.keys(course.pool.revise).length ? { revise: course.pool.revise } : {}),
		packs
	};
}

/** How much of a course exists in a language: lessons present and reviewed. */
export function translationCounts(
	course: CompiledCourse,
	lang: string
): { translated: number; reviewed: number } {
	let translated = 0;
	let reviewed = 0;
	for (const l of course.lessons) {
		const text = l.texts.get(lang);
		if (text) translated++;
		if (text?.status === 'reviewed') reviewed++;
	}
	return { translated, reviewed };
}
