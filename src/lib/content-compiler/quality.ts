import type { CompiledCourse } from './compile-course';
import {
	addFairness,
	answerPatternProblems,
	emptyFairness,
	lengthProblems,
	measureFairness,
	type Fairness
} from './fairness';
import { Reporter, type Problem } from './problems';
import { displayPath, type SourceTree } from './source-tree';
import {
	averageSentence,
	lessonMinutes,
	minutesAgree,
	MINUTES_TOLERANCE,
	sentenceLimits,
	textStats,
	type TextStats
} from './text-stats';
import type { YamlSource } from './yaml-source';

/**
 * Second-edition rules that look at a whole compiled course: honest minutes, short
 * sentences and fair practice quizzes. The figures are kept for `courses:report`.
 */
export interface ReadingFigures {
	files: number;
	words: number;
	sentenceWords: number;
	sentences: number;
	longSentences: number;
	computed: number;
	declared: number;
}

export interface LanguageQuality {
	standard: ReadingFigures;
	easy: ReadingFigures;
	quizzes: number;
	fairness: Fairness;
}

export interface CourseQuality {
	languages: Map<string, LanguageQuality>;
}

const emptyReading = (): ReadingFigures => ({
	files: 0,
	words: 0,
	sentenceWords: 0,
	sentences: 0,
	longSentences: 0,
	computed: 0,
	declared: 0
});

function lineOfKey(text: string | null, key: string): number {
	const i = (text ?? '').split('\n').findIndex((l) => l.startsWith(`${key}:`));
	return i < 0 ? 1 : i + 1;
}

export function checkCourseQuality(
	tree: SourceTree,
	course: CompiledCourse,
	courseSrc: YamlSource,
	sink: Problem[]
): CourseQuality {
	// Everything found here is a 'quality' problem: check fails on it, build does not stop.
	const problems: Problem[] = [];
	const result = measureCourse(tree, course, courseSrc, problems);
	for (const p of problems) sink.push({ ...p, kind: 'quality' });
	return result;
}

function measureCourse(
	tree: SourceTree,
	course: CompiledCourse,
	courseSrc: YamlSource,
	problems: Problem[]
): CourseQuality {
	const dir = course.meta.id;
	const languages = new Map<string, LanguageQuality>();
	const forLang = (lang: string) => {
		let q = languages.get(lang);
		if (!q)
			languages.set(
				lang,
				(q = { standard: emptyReading(), easy: emptyReading(), quizzes: 0, fairness: emptyFairness() })
			);
		return q;
	};
	for (const lesson of course.lessons) {
		const quizQuestions = lesson.quiz?.questions.length ?? 0;
		for (const [easy, map] of [
			[false, lesson.texts],
			[true, lesson.easy]
		] as const) {
			for (const [lang, text] of map) {
				const path = `${dir}/${lesson.id}/${lang}${easy ? '.easy' : ''}.md`;
				const rep = new Reporter(displayPath(tree, path), problems);
				const stats = textStats(text.blocks);
				const computed = lessonMinutes(stats, lang, quizQuestions);
				if (!minutesAgree(text.minutes, computed))
					rep.report(
						lineOfKey(tree.readText(path), 'minutes'),
						`minutes: ${text.minutes} declared, but the text takes about ${Math.round(computed)} (${describeTime(stats, lang, quizQuestions)}); keep within ${MINUTES_TOLERANCE * 100}%`
					);
				const limit = sentenceLimits(lang, easy).lesson;
				const avg = averageSentence(stats);
				if (avg > limit)
					rep.report(
						1,
						`sentences average ${avg.toFixed(1)} words; at most ${limit} in one ${easy ? 'easy-read ' : ''}lesson: split long sentences`
					);
				add(forLang(lang)[easy ? 'easy' : 'standard'], stats, computed, text.minutes);
			}
		}
		if (lesson.quiz) {
			const patterns = answerPatternProblems(
				measureFairness(lesson.quiz.questions, { status: 'draft', topics: {}, questions: {} })
			);
			const quizRep = new Reporter(displayPath(tree, `${dir}/${lesson.id}/quiz.yaml`), problems);
			for (const p of patterns) quizRep.report(1, p);
			for (const [lang, text] of lesson.quiz.texts) {
				const f = measureFairness(lesson.quiz.questions, text);
				const rep = new Reporter(displayPath(tree, `${dir}/${lesson.id}/quiz.${lang}.yaml`), problems);
				for (const p of lengthProblems(f)) rep.report(1, p);
				const q = forLang(lang);
				q.quizzes++;
				addFairness(q.fairness, f);
			}
		}
	}
	const courseRep = new Reporter(displayPath(tree, `${dir}/course.yaml`), problems);
	// One true/false question per quiz passes the per-file rule whatever its answer, so the
	// habits are also checked across all of a course's practice quizzes.
	const whole = 'across all practice quizzes of this course';
	// (With a single quiz these would repeat its own problems.)
	const first = [...languages].find(([, q]) => q.quizzes > 1);
	if (first)
		for (const p of answerPatternProblems(first[1].fairness, true)) courseRep.report(1, `${whole}: ${p}`);
	for (const [lang, q] of languages) {
		if (q.quizzes > 1)
			for (const p of lengthProblems(q.fairness)) courseRep.report(1, `${whole} (${lang}): ${p}`);
		for (const easy of [false, true]) {
			const r = easy ? q.easy : q.standard;
			const limit = sentenceLimits(lang, easy).course;
			const avg = averageSentence(r);
			if (r.files > 0 && avg >= limit)
				courseRep.report(
					1,
					`${lang}${easy ? ' easy-read' : ''} lessons average ${avg.toFixed(1)} words per sentence; keep it under ${limit}`
				);
		}
	}
	const declared = course.meta.languages
		.map((l) => languages.get(l)?.standard.computed ?? 0)
		.filter((m) => m > 0);
	if (declared.length > 0) {
		const mean = declared.reduce((a, b) => a + b, 0) / declared.length;
		if (!minutesAgree(course.meta.minutes, mean))
			problems.push({
				file: courseSrc.reporter.file,
				line: courseSrc.lineOf(['minutes']),
				message: `minutes: ${course.meta.minutes} declared, but the lessons take about ${Math.round(mean)}; keep within ${MINUTES_TOLERANCE * 100}%`
			});
	}
	return { languages };
}

function describeTime(stats: TextStats, lang: string, quiz: number): string {
	const parts = [`${stats.words} words`];
	if (stats.exercises) parts.push(`${stats.exercises} exercise(s)`);
	if (quiz) parts.push(`${quiz} quiz question(s)`);
	return `${parts.join(', ')} in ${lang}`;
}

function add(into: ReadingFigures, s: TextStats, computed: number, declared: number): void {
	into.files++;
	into.words += s.words;
	into.sentenceWords += s.sentenceWords;
	into.sentences += s.sentences;
	into.longSentences += s.longSentences;
	into.computed += computed;
	into.declared += declared;
}
