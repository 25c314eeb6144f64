import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from './format';
import { getLanguage, LANGUAGES } from './languages';

const date = new Date(2026, 10, 25); // 25 November 2026

describe('formatDate', () => {
	it('uses our own month names where CLDR data is missing or wrong', () => {
		expect(formatDate(date, 'sd')).toBe('٢٥ نومبر ٢٠٢٦');
		expect(formatDate(date, 'ps')).toBe('۲۵ نومبر ۲۰۲۶');
		expect(formatDate(date, 'bal')).toBe('25 نومبر 2026');
		expect(formatDate(date, 'skr')).toBe('25 نومبر 2026');
		expect(formatDate(new Date(2026, 4, 3), 'ps')).toBe('۳ مۍ ۲۰۲۶');
		expect(formatDate(new Date(2026, 7, 1), 'sd')).toBe('١ آگسٽ ٢٠٢٦');
	});

	it('never switches Pashto to the Solar Hijri calendar', () => {
		expect(formatDate(date, 'ps')).not.toMatch(/۱۴۰۵/);
	});

	it('uses CLDR for English, Urdu and Punjabi', () => {
		expect(formatDate(date, 'en')).toBe('25 November 2026');
		expect(formatDate(date, 'ur')).toBe('25 نومبر، 2026');
		expect(formatDate(date, 'pa-Arab')).toBe('۲۵ نومبر ۲۰۲۶');
	});
});

describe('formatNumber', () => {
	it('uses the digits of each language', () => {
		expect(formatNumber(200000, 'en')).toBe('200,000');
		expect(formatNumber(200000, 'ur')).toBe('200,000');
		expect(formatNumber(200000, 'pa-Arab')).toBe('۲۰۰٬۰۰۰');
		expect(formatNumber(200000, 'ps')).toBe('۲۰۰٬۰۰۰');
		expect(formatNumber(200000, 'sd')).toBe('٢٠٠٬٠٠٠');
	});

	it('writes small whole numbers without Intl exactly as Intl would', () => {
		for (const { code } of LANGUAGES) {
			const intl = new Intl.NumberFormat(getLanguage(code).numberLocale);
			for (const n of [0, 1, 7, 12, 99, 100, 999])
				expect(formatNumber(n, code), `${code} ${n}`).toBe(intl.format(n));
		}
	});
});
