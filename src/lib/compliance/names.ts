import type { LanguageCode } from '$lib/i18n/languages';

/** A name in the reader's language, else Urdu, else English (units and titles are jsonb maps). */
export const nameIn = (names: Record<string, string> | null | undefined, lang: LanguageCode, fallback = '') =>
	names?.[lang] ?? names?.ur ?? names?.en ?? fallback;
