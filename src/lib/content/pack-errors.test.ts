import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PACK_ERROR_KINDS, isQuotaError } from './pack-errors';

/** Pages show `course:error.<kind>`: a kind without its string would show the raw key. */
describe('pack errors', () => {
	it.each(['en', 'ur'])('every kind has its message in %s', (lang) => {
		const { error } = JSON.parse(readFileSync(`locales/${lang}/course.json`, 'utf8')) as {
			error: Record<string, string>;
		};
		for (const kind of PACK_ERROR_KINDS) expect(error[kind], kind).toBeTruthy();
	});

	it('recognises a full disk in its browser and Dexie shapes', () => {
		const dom = new DOMException('full', 'QuotaExceededError');
		expect(isQuotaError(dom)).toBe(true);
		expect(isQuotaError({ name: 'QuotaExceededError', inner: dom })).toBe(true);
		expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError', inner: dom } })).toBe(
			true
		);
		expect(isQuotaError(new DOMException('aborted', 'AbortError'))).toBe(false);
		expect(isQuotaError(new TypeError('x'))).toBe(false);
	});
});
