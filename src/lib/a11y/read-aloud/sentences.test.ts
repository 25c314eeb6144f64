import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences';

const texts = (input: string) => splitSentences(input).map((s) => s.text);

describe('splitSentences', () => {
	it('splits English on . ! ? and keeps closing quotes', () => {
		expect(texts('AI learns from data. Is it magic? No! She said "stop." Then left.')).toEqual([
			'AI learns from data.',
			'Is it magic?',
			'No!',
			'She said "stop."',
			'Then left.'
		]);
	});

	it('splits Urdu on ۔ and ؟ and !', () => {
		expect(texts('مصنوعی ذہانت ڈیٹا سے سیکھتی ہے۔ کیا یہ جادو ہے؟ نہیں! یہ ریاضی ہے۔')).toEqual([
			'مصنوعی ذہانت ڈیٹا سے سیکھتی ہے۔',
			'کیا یہ جادو ہے؟',
			'نہیں!',
			'یہ ریاضی ہے۔'
		]);
	});

	it('does not split decimals, abbreviations inside words or URLs (a stop before a space does end one)', () => {
		expect(texts('It costs Rs. 3.5 lakh, e.g. at fia.gov.pk today.')).toEqual([
			'It costs Rs.',
			'3.5 lakh, e.g.',
			'at fia.gov.pk today.'
		]);
		expect(texts('Version 2.0 is out')).toEqual(['Version 2.0 is out']);
	});

	it('ends a sentence at a blank line and keeps a last sentence without a stop', () => {
		expect(texts('A heading\n\nFirst line. Second line')).toEqual([
			'A heading',
			'First line.',
			'Second line'
		]);
	});

	it('gives offsets that point back into the text', () => {
		const input = '  One.   دو۔ Three?';
		for (const s of splitSentences(input)) expect(input.slice(s.start, s.end)).toBe(s.text);
		expect(splitSentences(input)).toHaveLength(3);
	});

	it('drops punctuation-only fragments and empty text', () => {
		expect(texts('... ! ۔')).toEqual([]);
		expect(texts('')).toEqual([]);
	});
});
