import { describe, expect, it } from 'vitest';
import { htmlAttributes, textScaleValue } from './html-attributes';
import { DEFAULT_MODES, isValidMode, parseModes, timeLimitFor } from './modes';

describe('parseModes', () => {
	it('gives the defaults for nothing, garbage and non-objects', () => {
		for (const raw of [null, undefined, '', '{not json', '[1,2]', 42, 'null']) {
			expect(parseModes(raw)).toEqual(DEFAULT_MODES);
		}
	});

	it('keeps valid fields and drops each invalid one on its own', () => {
		const modes = parseModes(
			JSON.stringify({
				textScale: 200,
				theme: 'neon',
				easyRead: true,
				speechRate: 9,
				timing: 'off',
				extra: 1
			})
		);
		expect(modes).toEqual({ ...DEFAULT_MODES, textScale: 200, easyRead: true, timing: 'off' });
	});

	it('rejects look-alike values (strings for booleans, off-list scales)', () => {
		expect(parseModes({ readAloud: 'true', textScale: 130, theme: 'DARK' })).toEqual(DEFAULT_MODES);
		expect(isValidMode('textScale', 175)).toBe(true);
		expect(isValidMode('textScale', '175')).toBe(false);
	});
});

describe('timeLimitFor', () => {
	it('keeps, extends tenfold or removes a limit', () => {
		expect(timeLimitFor(60, 'standard')).toBe(60);
		expect(timeLimitFor(60, 'extended')).toBe(600);
		expect(timeLimitFor(60, 'off')).toBeNull();
	});

	it('treats a missing or broken limit as no limit', () => {
		expect(timeLimitFor(0, 'standard')).toBeNull();
		expect(timeLimitFor(Number.NaN, 'extended')).toBeNull();
		expect(timeLimitFor(-5, 'standard')).toBeNull();
	});
});

describe('htmlAttributes', () => {
	const device = { prefersDark: false, prefersReducedMotion: false };

	it('resolves the system theme from the device', () => {
		expect(htmlAttributes(DEFAULT_MODES, device)['data-theme']).toBe('light');
		expect(htmlAttributes(DEFAULT_MODES, { ...device, prefersDark: true })['data-theme']).toBe('dark');
		expect(
			htmlAttributes({ ...DEFAULT_MODES, theme: 'high-contrast' }, { ...device, prefersDark: true })
		).toMatchObject({ 'data-theme': 'high-contrast' });
	});

	it('turns switches into present or absent attributes', () => {
		const on = htmlAttributes({ ...DEFAULT_MODES, spacedReading: true, easyRead: true }, device);
		expect(on).toMatchObject({ 'data-spaced-reading': '', 'data-easy-read': '', 'data-dyslexia-font': null });
	});

	it('reduces motion when the device asks, even with the switch off', () => {
		expect(htmlAttributes(DEFAULT_MODES, device)['data-reduce-motion']).toBeNull();
		expect(
			htmlAttributes(DEFAULT_MODES, { ...device, prefersReducedMotion: true })['data-reduce-motion']
		).toBe('');
		expect(htmlAttributes({ ...DEFAULT_MODES, reduceMotion: true }, device)['data-reduce-motion']).toBe('');
	});

	it('scales text by the chosen percentage', () => {
		expect(textScaleValue({ ...DEFAULT_MODES, textScale: 175 })).toBe('1.75');
	});
});
