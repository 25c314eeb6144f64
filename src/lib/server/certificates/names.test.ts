import { describe, expect, it } from 'vitest';
import { cleanLearnerName } from './issue';

/** Defect 9: what is signed into a certificate must read the same everywhere it is shown. */
describe('learner names on certificates', () => {
	it.each([
		['right-to-left override', 'Ali\u202eazaR\u202c'],
		['pop directional formatting alone', 'Ali Raza\u202c'],
		['left-to-right embedding', '\u202aAli'],
		['first-strong isolate', 'Ali \u2068Raza\u2069'],
		['right-to-left mark', 'Ali\u200fRaza'],
		['Arabic letter mark', 'علی\u061cرضا'],
		['C1 next line', 'Ali\u0085Raza'],
		['C1 control sequence introducer', 'Ali\u009b31mRaza'],
		['C0 escape', 'Ali\u001bRaza'],
		['zero-width no-break space', '\ufeffAli'],
		['line separator', 'Ali\u2028Raza'],
		['private use', 'Ali\ue000']
	])('refuses a %s', (_, name) => {
		expect(cleanLearnerName(name)).toBeNull();
	});

	it.each([
		['Urdu', 'محمد علی جناح'],
		['Urdu with ZWNJ (گولڈ‌میڈل)', 'عائشہ\u200cخان'],
		['Sindhi', 'سسئي ڀٽائي'],
		['Sindhi with ZWJ', 'ڄامي\u200dچنيسر'],
		['Pashto', 'ملاله يوسفزۍ'],
		['Pashto with ZWNJ', 'غني\u200cخان'],
		['English', 'Ali Raza'],
		['Balochi', 'گُل خان نصیر']
	])('keeps a %s name as typed (NFC)', (_, name) => {
		expect(cleanLearnerName(name)).toBe(name.normalize('NFC'));
	});

	it('normalises to NFC and collapses spaces', () => {
		const decomposed = 'آمنہ'.normalize('NFD');
		expect(decomposed).not.toBe('آمنہ');
		expect(cleanLearnerName(`  ${decomposed}   بی بی `)).toBe('آمنہ بی بی');
	});

	it('refuses empty, over-long and non-text names', () => {
		expect(cleanLearnerName('   ')).toBeNull();
		expect(cleanLearnerName('a'.repeat(121))).toBeNull();
		expect(cleanLearnerName('a'.repeat(17_000))).toBeNull();
		expect(cleanLearnerName(42)).toBeNull();
	});
});
