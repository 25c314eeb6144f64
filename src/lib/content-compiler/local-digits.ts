import { getLanguage, type LanguageCode } from '../i18n/languages';
import type { Block, Inline, PracticeQuiz } from '../content/pack-types';

/**
 * Numbers in a lesson's sentences in the digits its readers see everywhere else in the app.
 * Authors type 2025 and 200,000 on any keyboard; the screens around the lesson print numbers
 * with `formatNumber` (the language's CLDR digits: ۲۰۲۵ in Punjabi and Pashto, ٢٠٢٥ in
 * Sindhi, 2025 in Urdu, Saraiki, Balochi and English). The pack carries the same digits, so a
 * lesson never says 2025 next to a progress line that says ۲۰۲۵. The digits come from the same
 * Intl locale as `formatNumber`, so the two cannot drift.
 *
 * Only numbers standing on their own change: `26A`, `GPT-4`, `5G`, `v2` and anything in
 * code or a link target stay as written (they are names, not quantities), and a `tel:` link
 * keeps the digits a dialler needs in its href.
 */
export function digitsOf(lang: string): string | null {
	const format = new Intl.NumberFormat(getLanguage(lang as LanguageCode).numberLocale, {
		useGrouping: false
	});
	const digits = Array.from({ length: 10 }, (_, d) => format.format(d)).join('');
	return digits === '0123456789' ? null : digits;
}

// A run of digits with inner separators, not touching a Latin letter, digit or a joining mark.
const NUMBER = /(?<![A-Za-z0-9_\-/.])\d+(?:[.,]\d+)*(?![A-Za-z0-9_]|-[A-Za-z0-9])/g;

export function localiseText(text: string, digits: string | null): string {
	if (!digits) return text;
	return text.replace(NUMBER, (run) =>
		run.replace(/[0-9.,]/g, (c) => (c === ',' ? '٬' : c === '.' ? '٫' : (digits[Number(c)] as string)))
	);
}

function inlines(runs: Inline[], digits: string): Inline[] {
	return runs.map((run): Inline => {
		switch (run.t) {
			case 'text':
				return { t: 'text', v: localiseText(run.v, digits) };
			case 'em':
			case 'strong':
			case 'link':
			case 'lesson-link':
				return { ...run, c: inlines(run.c, digits) };
			default:
				return run;
		}
	});
}

export function localiseBlocks(blocks: Block[], lang: string): Block[] {
	const digits = digitsOf(lang);
	if (!digits) return blocks;
	const walk = (list: Block[]): Block[] =>
		list.map((block): Block => {
			switch (block.t) {
				case 'heading':
				case 'paragraph':
					return { ...block, c: inlines(block.c, digits) };
				case 'list':
					return { ...block, items: block.items.map(walk) };
				case 'callout':
					return { ...block, c: walk(block.c) };
				default:
					return block;
			}
		});
	return walk(blocks);
}

export function localiseQuiz(quiz: PracticeQuiz): PracticeQuiz {
	const digits = digitsOf(quiz.lang);
	if (!digits) return quiz;
	const text = (s: string) => localiseText(s, digits);
	return {
		...quiz,
		questions: quiz.questions.map((q) => ({
			...q,
			prompt: text(q.prompt),
			explanation: text(q.explanation),
			options: q.options.map((o) => ({ ...o, text: text(o.text) }))
		}))
	};
}
