import type { QuestionType } from '../content/pack-types';
import type { QuizText } from './quiz-source';

/**
 * Can a quiz be passed without learning? The reviewer of the first edition found the right
 * option was the longest 74% of the time, 27 of 34 true/false answers were "false" and most
 * multi-select questions had 3 of 4 options correct. These figures make such habits visible
 * and the limits (docs/content-format.md, "Fair questions") stop them.
 */
export interface AnsweredQuestion {
	id: string;
	type: QuestionType;
	options: string[];
	answer: string[];
}

export interface Fairness {
	/** Single-choice questions, and those whose correct option is strictly the longest. */
	single: number;
	longest: string[];
	trueFalse: number;
	trueAnswers: number;
	/** Multi-select questions by how many options are correct. */
	multiCounts: Record<number, number>;
	allCorrect: string[];
}

export const LONGEST_SHARE = 0.4;
export const TRUE_SHARE = { min: 0.4, max: 0.6 } as const;
/** No one correct-count (1, 2 or 3 of 4) may cover more than 60% of the multi-select questions. */
export const MULTI_SHARE = 0.6;
/**
 * A whole course (all practice quizzes) or a pool with at least this many multi-select
 * questions must use 1, 2 and 3 correct options: with only "2 or 3 of 4" a learner who
 * always ticks two or three is rarely far off.
 */
export const VARIETY_FROM = 4;

const length = (s: string) => [...s.trim()].length;

export function measureFairness(questions: AnsweredQuestion[], text: QuizText): Fairness {
	const f: Fairness = {
		single: 0,
		longest: [],
		trueFalse: 0,
		trueAnswers: 0,
		multiCounts: {},
		allCorrect: []
	};
	for (const q of questions) {
		if (q.type === 'true-false') {
			f.trueFalse++;
			if (q.answer[0] === 'true') f.trueAnswers++;
		} else if (q.type === 'single') {
			f.single++;
			const t = text.questions[q.id];
			if (!t) continue;
			const right = length(t.options[q.answer[0]!] ?? '');
			const others = q.options.filter((o) => o !== q.answer[0]).map((o) => length(t.options[o] ?? ''));
			if (others.every((n) => right > n)) f.longest.push(q.id);
		} else {
			const n = q.answer.length;
			f.multiCounts[n] = (f.multiCounts[n] ?? 0) + 1;
			if (n === q.options.length) f.allCorrect.push(q.id);
		}
	}
	return f;
}

export const allowedLongest = (single: number) => Math.max(1, Math.floor(LONGEST_SHARE * single));

export function trueFalseBalanced(trueFalse: number, trueAnswers: number): boolean {
	if (trueFalse === 0) return true;
	const share = trueAnswers / trueFalse;
	return (share >= TRUE_SHARE.min && share <= TRUE_SHARE.max) || Math.abs(2 * trueAnswers - trueFalse) <= 1;
}

export const allowedSameCount = (multi: number) => Math.max(1, Math.floor(MULTI_SHARE * multi));

/**
 * Problems with the answer pattern (the same in every language). `whole`: the figures are a
 * whole course's practice quizzes or a final pool, where variety of counts is also required.
 */
export function answerPatternProblems(f: Fairness, whole = false): string[] {
	const out: string[] = [];
	if (!trueFalseBalanced(f.trueFalse, f.trueAnswers))
		out.push(
			`true/false answers are unbalanced: ${f.trueAnswers} of ${f.trueFalse} are "true" (keep 40–60%, or true and false within 1 of each other)`
		);
	for (const id of f.allCorrect)
		out.push(`multi-select question "${id}" has every option correct: leave at least one wrong option`);
	const multi = Object.values(f.multiCounts).reduce((a, b) => a + b, 0);
	const cap = allowedSameCount(multi);
	if (multi >= 2)
		for (const [n, count] of Object.entries(f.multiCounts))
			if (count > cap)
				out.push(
					`${count} of ${multi} multi-select questions have ${n} correct options: vary it (1, 2 and 3 of 4), at most ${cap} the same (60%)`
				);
	const used = [1, 2, 3].filter((n) => (f.multiCounts[n] ?? 0) > 0);
	if (whole && multi >= VARIETY_FROM && used.length < 3)
		out.push(
			`the ${multi} multi-select questions only have ${used.join(' or ')} correct options: use 1, 2 and 3 correct (of 4) so ticking a habitual number does not pay`
		);
	return out;
}

/** Problems with option lengths (per language: lengths differ between translations). */
export function lengthProblems(f: Fairness): string[] {
	const cap = allowedLongest(f.single);
	if (f.longest.length <= cap) return [];
	return [
		`the correct option is the longest in ${f.longest.length} of ${f.single} single-choice questions (${f.longest.join(', ')}); at most ${cap} (40%): make the wrong options as long and specific as the right one`
	];
}

export function addFairness(into: Fairness, f: Fairness): Fairness {
	into.single += f.single;
	into.longest.push(...f.longest);
	into.trueFalse += f.trueFalse;
	into.trueAnswers += f.trueAnswers;
	for (const [n, c] of Object.entries(f.multiCounts))
		into.multiCounts[Number(n)] = (into.multiCounts[Number(n)] ?? 0) + c;
	into.allCorrect.push(...f.allCorrect);
	return into;
}

export const emptyFairness = (): Fairness => ({
	single: 0,
	longest: [],
	trueFalse: 0,
	trueAnswers: 0,
	multiCounts: {},
	allCorrect: []
});
