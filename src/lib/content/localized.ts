import { contentFallbacks, isLanguageCode, type LanguageCode } from '$lib/i18n/languages';
import type { CatalogueCourse } from './pack-types';

/** A text in the learner's language, or Urdu, else English — and which one it really is. */
export interface LocalizedText {
	text: string;
	lang: string;
	/** True when this is not the learner's language: the UI shows a marker. */
	fallback: boolean;
}

export function localized(texts: Record<string, string>, lang: LanguageCode): LocalizedText {
	for (const l of contentFallbacks(lang)) {
		const text = texts[l];
		if (text) return { text, lang: l, fallback: l !== lang };
	}
	const [first, text] = Object.entries(texts)[0] ?? ['en', ''];
	return { text, lang: first, fallback: true };
}

/** Which of a course's packs suits the learner: their language, else Urdu, else English. */
export function packLanguageFor(course: CatalogueCourse, lang: LanguageCode): string | null {
	for (const l of contentFallbacks(lang)) if (course.packs[l]) return l;
	return Object.keys(course.packs)[0] ?? null;
}

/** The language's code when it is one Seekh knows (content language tags on elements). */
export function contentDir(lang: string): 'ltr' | 'rtl' {
	return isLanguageCode(lang) && lang !== 'en' ? 'rtl' : 'ltr';
}
