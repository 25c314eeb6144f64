import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fsTree } from '../../../scripts/courses/fs-tree';
import { LANGUAGE_CODES } from '../i18n/languages';
import { readContacts } from './contacts';
import type { Problem } from './problems';

/**
 * The scam-spotting exercise's "how to check" hints live in locales/<lang>/exercises.json,
 * which the course compiler does not read. They name real numbers (BISP's 8171 and its
 * helpline), so they must be the numbers in courses/_shared/contacts.yaml: a number fixed
 * there and forgotten here would send people to the wrong place.
 */
const DIGITS = /[0-9][0-9 -]*[0-9]/g;

function hints(node: unknown, key = ''): string[] {
	if (typeof node === 'string') return key === 'check' ? [node] : [];
	if (Array.isArray(node)) return node.flatMap((n) => hints(n));
	if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => hints(v, k));
	return [];
}

describe('numbers in exercise hints', () => {
	const problems: Problem[] = [];
	const contacts = readContacts(fsTree('courses'), problems);
	const known = new Set(
		[...contacts.values()].flatMap((c) => [c.phone, c.sms]).flatMap((n) => (n ? [n.replace(/\D/g, '')] : []))
	);

	it('reads the contacts file without problems', () => {
		expect(problems).toEqual([]);
		expect(known.size).toBeGreaterThan(0);
	});

	it.each([...LANGUAGE_CODES])(
		'%s: every number in a "check" hint is a phone or SMS code from contacts.yaml',
		(lang) => {
			const file = join('locales', lang, 'exercises.json');
			const texts = hints(JSON.parse(readFileSync(file, 'utf8')));
			const unknown = texts
				.flatMap((t) => t.match(DIGITS) ?? [])
				.map((n) => n.replace(/\D/g, ''))
				.filter((n) => n.length >= 3 && !known.has(n));
			expect(unknown, `${file}: numbers not in courses/_shared/contacts.yaml`).toEqual([]);
		}
	);
});
