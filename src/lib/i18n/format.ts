import { getLanguage, type LanguageCode } from './languages';

/**
 * Gregorian month names for languages whose CLDR data is missing or unusable in Chromium and
 * Node (Sindhi prints months in the wrong order, Pashto switches to the Solar Hijri calendar,
 * Balochi and Saraiki have no data). Written as Pakistani readers of each language write them.
 */
const MONTHS: Partial<Record<LanguageCode, readonly string[]>> = {
	sd: [
		'جنوري',
		'فيبروري',
		'مارچ',
		'اپريل',
		'مئي',
		'جون',
		'جولاءِ',
		'آگسٽ',
		'سيپٽمبر',
		'آڪٽوبر',
		'نومبر',
		'ڊسمبر'
	],
	ps: [
		'جنوري',
		'فبروري',
		'مارچ',
		'اپرېل',
		'مۍ',
		'جون',
		'جولای',
		'اګست',
		'سپتمبر',
		'اکتوبر',
		'نومبر',
		'دسمبر'
	],
	bal: [
		'جنوری',
		'پروری',
		'مارچ',
		'اپریل',
		'مئی',
		'جون',
		'جولائی',
		'اگست',
		'ستمبر',
		'اکتوبر',
		'نومبر',
		'دسمبر'
	],
	skr: [
		'جنوری',
		'فروری',
		'مارچ',
		'اپریل',
		'مئی',
		'جون',
		'جولائی',
		'اگست',
		'ستمبر',
		'اکتوبر',
		'نومبر',
		'دسمبر'
	]
};

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * The digits CLDR gives each language's number locale (a unit test checks them against Intl).
 * Small whole numbers (a lesson's "3 of 12", "8 minutes") are written with these directly:
 * the first `Intl.NumberFormat` for a locale loads its ICU data, about 50 ms of main thread on a
 * slow phone (200 ms in a 4× CPU trace), which was a long task of its own on every painted
 * page's hand-over to the app (issue 17).
 */
const LATIN = '0123456789';
const DIGITS: Partial<Record<LanguageCode, string>> = {
	en: LATIN,
	ur: LATIN,
	bal: LATIN,
	skr: LATIN,
	'pa-Arab': '۰۱۲۳۴۵۶۷۸۹',
	ps: '۰۱۲۳۴۵۶۷۸۹',
	sd: '٠١٢٣٤٥٦٧٨٩'
};

/** Formats a number with the digits and separators of the learner's language. */
export function formatNumber(
	value: number,
	lang: LanguageCode,
	options: Intl.NumberFormatOptions = {}
): string {
	const digits = DIGITS[lang];
	// Below 1,000 there is no separator to place: only the digits differ between languages.
	if (digits && Number.isInteger(value) && value >= 0 && value < 1000 && Object.keys(options).length === 0)
		return String(value).replace(/\d/g, (d) => digits[Number(d)]!);
	const locale = getLanguage(lang).numberLocale;
	const key = `${locale}|${JSON.stringify(options)}`;
	let format = numberFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale, options);
		numberFormats.set(key, format);
	}
	return format.format(value);
}

/** "25 November 2026" in the learner's language, in Pakistan's calendar (Gregorian). */
export function formatDate(date: Date, lang: LanguageCode): string {
	const months = MONTHS[lang];
	if (months) {
		const day = formatNumber(date.getDate(), lang, { useGrouping: false });
		const year = formatNumber(date.getFullYear(), lang, { useGrouping: false });
		return `${day} ${months[date.getMonth()]} ${year}`;
	}
	return new Intl.DateTimeFormat(getLanguage(lang).numberLocale, {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		calendar: 'gregory'
	}).format(date);
}

/** "July 2026" from "2026-07", in the learner's language (for monthly figures). */
export function formatMonth(yearMonth: string, lang: LanguageCode): string {
	const [year, month] = yearMonth.split('-').map(Number);
	if (!year || !month) return yearMonth;
	const months = MONTHS[lang];
	if (months) return `${months[month - 1]} ${formatNumber(year, lang, { useGrouping: false })}`;
	return new Intl.DateTimeFormat(getLanguage(lang).numberLocale, {
		month: 'long',
		year: 'numeric',
		calendar: 'gregory',
		timeZone: 'UTC'
	}).format(Date.UTC(year, month - 1, 15));
}
