import { describe, expect, it } from 'vitest';
import { formatVerificationCode, generateVerificationCode, parseVerificationCode } from './verification-code';

describe('verification code', () => {
	it('has 16 Crockford characters (80 bits) and differs each time', () => {
		const codes = new Set(Array.from({ length: 200 }, () => generateVerificationCode()));
		expect(codes.size).toBe(200);
		for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
	});

	it('uses every bit of the 10 random bytes', () => {
		expect(generateVerificationCode((b) => b.fill(0))).toBe('0000000000000000');
		expect(generateVerificationCode((b) => b.fill(255))).toBe('ZZZZZZZZZZZZZZZZ');
	});

	it('is shown in groups of four and read back from what people type', () => {
		const code = '7K3M9QXR2B4T8VWZ';
		expect(formatVerificationCode(code)).toBe('7K3M-9QXR-2B4T-8VWZ');
		expect(parseVerificationCode(' 7k3m-9qxr 2b4t-8vwz ')).toBe(code);
		expect(parseVerificationCode('OIL0000000000000')).toBe('0110000000000000');
	});

	it('rejects wrong lengths and letters outside the alphabet', () => {
		expect(parseVerificationCode('7K3M9QXR2B4T8VW')).toBeNull();
		expect(parseVerificationCode('7K3M9QXR2B4T8VWU')).toBeNull();
		expect(parseVerificationCode('x'.repeat(500))).toBeNull();
	});
});
