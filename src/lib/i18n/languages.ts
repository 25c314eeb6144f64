/**
 * The seven languages Seekh speaks. Direction and font come from this static map, never from
 * the browser: engines disagree about `bal` and `skr`, and `pnb` canonicalises to `lah`,
 * which has no locale data — so Punjabi (Shahmukhi) is `pa-Arab`.
 */
export type LanguageCode = 'en' | 'ur' | 'pa-Arab' | 'sd' | 'ps' | 'bal' | 'skr';

export type Script = 'latin' | 'nastaliq' | 'naskh';

export interface Language {
	code: LanguageCode;
	/** The language's name in its own script, as shown in the language chooser. */
	nativeName: string;
	/** The English name, for screen readers and the about page. */
	englishName: string;
	dir: 'ltr' | 'rtl';
	script: Script;
	/** Locale handed to Intl for numbers; bal/skr have no CLDR data, so they use Urdu's. */
	numberLocale: string;
}

export const LANGUAGES: readonly Language[] = [
	{
		code: 'ur',
		nativeName: 'اردو',
		englishName: 'Urdu',
		dir: 'rtl',
		script: 'nastaliq',
		numberLocale: 'ur-PK'
	},
	{
		code: 'en',
		nativeName: 'English',
		englishName: 'English',
		dir: 'ltr',
		script: 'latin',
		numberLocale: 'en-PK'
	},
	{
		code: 'pa-Arab',
		nativeName: 'پنجابی',
		englishName: 'Punjabi (Shahmukhi)',
		dir: 'rtl',
		script: 'nastaliq',
		numberLocale: 'pa-Arab-PK'
	},
	{
		code: 'sd',
		nativeName: 'سنڌي',
		englishName: 'Sindhi',
		dir: 'rtl',
		script: 'naskh',
		numberLocale: 'sd-Arab-PK'
	},
	{
		code: 'ps',
		nativeName: 'پښتو',
		englishName: 'Pashto',
		dir: 'rtl',
		script: 'naskh',
		numberLocale: 'ps-PK'
	},
	{
		code: 'bal',
		nativeName: 'بلۏچی',
		englishName: 'Balochi',
		dir: 'rtl',
		script: 'naskh',
		numberLocale: 'ur-PK'
	},
	{
		code: 'skr',
		nativeName: 'سرائیکی',
		englishName: 'Saraiki',
		dir: 'rtl',
		script: 'nastaliq',
		numberLocale: 'ur-PK'
	}
];

export const LANGUAGE_CODES: readonly LanguageCode[] = LANGUAGES.map((l) => l.code);

/** Urdu is the national language and the fallback for anything unknown. */
export const DEFAULT_LANGUAGE: LanguageCode = 'ur';

export function isLanguageCode(value: unknown): value is LanguageCode {
	return typeof value === 'string' && (LANGUAGE_CODES as readonly string[]).includes(value);
}

export function getLanguage(code: LanguageCode): Language {
	return LANGUAGES.find((l) => l.code === code) ?? (LANGUAGES[0] as Language);
}

/** Any input (storage, URL, account) to a supported code; unknown values fall back to Urdu. */
export function resolveLanguage(value: unknown): LanguageCode {
	return isLanguageCode(value) ? value : DEFAULT_LANGUAGE;
}

/**
 * The one order in which to look for content missing in the learner's language: the language
 * itself, then Urdu, then English. Used by the compiler when it assembles a pack and by the
 * player when it picks a pack or a title, so both fall back alike.
 */
export function contentFallbacks<C extends string = LanguageCode>(code: C): (C | 'ur' | 'en')[] {
	return [...new Set<C | 'ur' | 'en'>([code, 'ur', 'en'])];
}

/**
 * The browser's preferred languages (navigator.languages) to ours, for visitors who have not
 * chosen (a verifier scanning a certificate's QR code). The first one we speak wins; Punjabi
 * counts only in Arabic script or from Pakistan; nothing we speak gives Urdu.
 */
export function fromBrowserLanguages(preferred: readonly string[]): LanguageCode {
	for (const tag of preferred) {
		const lower = tag.toLowerCase();
		const base = lower.split('-')[0] ?? '';
		if (base === 'pa' || base === 'pnb') {
			if (base === 'pnb' || lower.includes('arab') || lower.endsWith('-pk')) return 'pa-Arab';
			continue;
		}
		if (isLanguageCode(base)) return base;
	}
	return DEFAULT_LANGUAGE;
}
