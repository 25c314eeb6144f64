/**
 * Sentence splitting for read-aloud, for English and the Arabic-script languages. Each
 * sentence is spoken as its own utterance (Chrome stops long utterances after ~15 s, and
 * pausing between sentences is reliable where speechSynthesis.pause() is not).
 */

export interface Sentence {
	/** Offsets into the text the sentence came from, so the page can highlight it. */
	start: number;
	end: number;
	text: string;
}

/** . ! ? and the Urdu full stop ۔, the Arabic question mark ؟ and the ellipsis. */
const TERMINATORS = '.!?۔؟…';
/** Closing quotes and brackets that belong to the sentence they end. */
const CLOSERS = '"\'”’»)]』」';

function isSpace(ch: string | undefined): boolean {
	return ch !== undefined && /\s/u.test(ch);
}

/**
 * Splits `text` into sentences. A terminator ends a sentence only when followed by space or the
 * end of text, so decimals (3.5), abbreviations inside words (e.g.) and URLs stay whole.
 * Line breaks between paragraphs also end a sentence (a heading has no full stop).
 */
export function splitSentences(text: string): Sentence[] {
	const sentences: Sentence[] = [];
	let start = 0;
	const push = (end: number) => {
		const raw = text.slice(start, end);
		const lead = raw.length - raw.trimStart().length;
		const trimmed = raw.trim();
		if (/[\p{L}\p{N}]/u.test(trimmed)) {
			sentences.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed });
		}
		start = end;
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i] as string;
		if (ch === '\n' && text[i + 1] === '\n') {
			push(i);
			continue;
		}
		if (!TERMINATORS.includes(ch)) continue;
		let end = i + 1;
		while (
			end < text.length &&
			(TERMINATORS.includes(text[end] as string) || CLOSERS.includes(text[end] as string))
		)
			end++;
		if (end === text.length || isSpace(text[end])) {
			push(end);
			i = end - 1;
		}
	}
	push(text.length);
	return sentences;
}
