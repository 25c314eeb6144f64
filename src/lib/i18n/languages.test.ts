import { describe, expect, it } from 'vitest';
import { contentFallbacks, fromBrowserLanguages, getLanguage, LANGUAGES, resolveLanguage } from './languages';

describe('languages', () => {
	it('has the seven languages, all but English right-to-left', () => {
		expect(LANGUAGES.map((l) => l.code).sort()).toEqual(['bal', 'en', 'pa-Arab', 'ps', 'sd', 'skr', 'ur']);
		for (const language of LANGUAGES) expect(language.dir).toBe(language.code === 'en' ? 'ltr' : 'rtl');
	});

	it('falls back to Urdu for unknown, empty or non-string codes', () => {
		expect(resolveLanguage('xx')).toBe('ur');
		expect(resolveLanguage('')).toBe('ur');
		expect(resolveLanguage(null)).toBe('ur');
		expect(resolveLanguage({ lang: 'en' })).toBe('ur');
		expect(resolveLanguage('pnb')).toBe('ur');
		expect(resolveLanguage('sd')).toBe('sd');
	});

	it('reads Nastaliq for Urdu, Punjabi and Saraiki, Naskh for Sindhi (Nastaliq lacks ڪ)', () => {
		expect(['ur', 'pa-Arab', 'skr'].map((c) => getLanguage(c as 'ur').script)).toEqual([
			'nastaliq',
			'nastaliq',
			'nastaliq'
		]);
		expect(getLanguage('sd').script).toBe('naskh');
	});

	it('looks for missing content in Urdu, then English', () => {
		expect(contentFallbacks('ps')).toEqual(['ps', 'ur', 'en']);
		expect(contentFallbacks('ur')).toEqual(['ur', 'en']);
		expect(contentFallbacks('en')).toEqual(['en', 'ur']);
	});
});

describe('fromBrowserLanguages', () => {
	it('takes the first browser language Seekh speaks, and Urdu when it speaks none', () => {
		expect(fromBrowserLanguages(['en-GB', 'ur'])).toBe('en');
		expect(fromBrowserLanguages(['fr-FR', 'sd-PK'])).toBe('sd');
		expect(fromBrowserLanguages(['pa-IN', 'ps'])).toBe('ps');
		expect(fromBrowserLanguages(['pa-Arab-PK'])).toBe('pa-Arab');
		expect(fromBrowserLanguages(['pnb'])).toBe('pa-Arab');
		expect(fromBrowserLanguages(['de', 'fr'])).toBe('ur');
		expect(fromBrowserLanguages([])).toBe('ur');
	});
});
