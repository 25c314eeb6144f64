import type { Block, Inline } from '../content/pack-types';

/**
 * Figures about a lesson's text that the checker enforces and `courses:report` prints: how
 * long it takes to read, and how long its sentences are. Computed from the compiled block
 * tree, so front matter, exercise settings and link targets never count as words.
 *
 * Words per minute per language. Arabic-script lessons carry about 1.3× the words of the
 * same English lesson (postpositions and auxiliaries such as کے، میں، ہے، آهي، دی are written
 * as separate words), so their rate is higher in words although the time for the same
 * content is about the same. English is read slowly on purpose: for most learners it is a
 * second language, read on a phone. Native reviewers should time real readers and adjust.
 */
export const WORDS_PER_MINUTE: Record<string, number> = {
	en: 160,
	ur: 200,
	'pa-Arab': 200,
	sd: 200,
	ps: 200,
	bal: 190,
	skr: 200
};
const DEFAULT_WPM = 180;

/** Time a learner spends on an interactive exercise, and on one practice-quiz question. */
export const MINUTES_PER_EXERCISE = 3;
export const MINUTES_PER_QUIZ_QUESTION = 0.5;

/** A declared time may differ from the computed one by this share (or by one minute). */
export const MINUTES_TOLERANCE = 0.25;

/** Average words per sentence (English): course average per language must stay below these. */
export const SENTENCE_LIMIT = { standard: 15, easy: 10 } as const;
/** One lesson file may not go above these (so one dense lesson cannot hide in an average). */
export const SENTENCE_LIMIT_LESSON = { standard: 20, easy: 13 } as const;
/**
 * Arabic-script languages write postpositions and auxiliaries as separate words, so the same
 * short sentence has about 1.25× the words; their limits are scaled by this factor.
 */
export const ARABIC_SCRIPT_FACTOR = 1.25;

export function sentenceLimits(lang: string, easy: boolean): { course: number; lesson: number } {
	const k = lang === 'en' ? 1 : ARABIC_SCRIPT_FACTOR;
	const kind = easy ? 'easy' : 'standard';
	return { course: SENTENCE_LIMIT[kind] * k, lesson: SENTENCE_LIMIT_LESSON[kind] * k };
}

export interface TextStats {
	/** Every word a learner reads, headings included. */
	words: number;
	/** Words inside sentences (headings excluded): the base of the average sentence length. */
	sentenceWords: number;
	sentences: number;
	/** Sentences longer than the standard limit (15 words): the reviewer's "45% too long". */
	longSentences: number;
	exercises: number;
}

function inlineText(runs: Inline[]): string {
	return runs
		.map((r) =>
			r.t === 'text' || r.t === 'code' ? r.v : r.t === 'br' ? ' ' : 'c' in r ? inlineText(r.c) : ''
		)
		.join('');
}

// Sentence ends: Latin . ! ? and the Arabic-script full stop ۔, question mark ؟ and Pashto's
// use of a Latin full stop. A list item or paragraph always ends a sentence too.
const SENTENCE_END = /[.!?۔؟]+(?=\s|$)/u;
const WORD = /[\p{L}\p{N}]/u;

export function countWords(text: string): number {
	return text.split(/\s+/u).filter((w) => WORD.test(w)).length;
}

function sentenceLengths(text: string): number[] {
	return text
		.split(SENTENCE_END)
		.map(countWords)
		.filter((n) => n > 0);
}

/** Walks the blocks; headings count as reading words but not as sentences (they are labels). */
export function textStats(blocks: Block[]): TextStats {
	const stats: TextStats = { words: 0, sentenceWords: 0, sentences: 0, longSentences: 0, exercises: 0 };
	const walk = (list: Block[]) => {
		for (const b of list) {
			if (b.t === 'heading') stats.words += countWords(inlineText(b.c));
			else if (b.t === 'paragraph') {
				const text = inlineText(b.c);
				const words = countWords(text);
				stats.words += words;
				stats.sentenceWords += words;
				const lengths = sentenceLengths(text);
				stats.sentences += lengths.length;
				stats.longSentences += lengths.filter((n) => n > SENTENCE_LIMIT.standard).length;
			} else if (b.t === 'list') for (const item of b.items) walk(item);
			else if (b.t === 'callout') walk(b.c);
			else if (b.t === 'exercise') stats.exercises++;
		}
	};
	walk(blocks);
	return stats;
}

export function wordsPerMinute(lang: string): number {
	return WORDS_PER_MINUTE[lang] ?? DEFAULT_WPM;
}

/** Minutes for a lesson file: reading + exercises + its practice quiz. */
export function lessonMinutes(stats: TextStats, lang: string, quizQuestions: number): number {
	return (
		stats.words / wordsPerMinute(lang) +
		stats.exercises * MINUTES_PER_EXERCISE +
		quizQuestions * MINUTES_PER_QUIZ_QUESTION
	);
}

/** True when `declared` is within 25% (or one minute) of `computed`. */
export function minutesAgree(declared: number, computed: number): boolean {
	return Math.abs(declared - computed) <= Math.max(MINUTES_TOLERANCE * computed, 1);
}

export function averageSentence(stats: { sentenceWords: number; sentences: number }): number {
	return stats.sentences === 0 ? 0 : stats.sentenceWords / stats.sentences;
}
