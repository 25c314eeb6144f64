import { describe, expect, it } from 'vitest';
import { coverage, namespaces, readNamespace } from '../../../scripts/i18n-coverage.js';

const rows = coverage();

describe('UI translations', () => {
	it('Urdu has every key English has, in every namespace', () => {
		const gaps = rows.filter((r) => r.lang === 'ur').flatMap((r) => r.missing.map((k) => `${r.ns}:${k}`));
		expect(gaps).toEqual([]);
	});

	it('Urdu strings are translations, not English copies', () => {
		const copies = rows
			.filter((r) => r.lang === 'ur')
			.flatMap((r) => r.untranslated.map((k) => `${r.ns}:${k}`));
		expect(copies).toEqual([]);
	});

	it('every locale file that exists is complete (a language loads only its own file), and common exists everywhere', () => {
		const gaps = rows
			.filter((r) => r.ns === 'common' || r.exists)
			.flatMap((r) => [
				...r.missing.map((k) => `${r.lang} missing ${k}`),
				...r.untranslated.map((k) => `${r.lang} copies ${k}`)
			]);
		expect(gaps).toEqual([]);
	});

	it('keeps {{placeholders}} identical across languages', () => {
		const problems: string[] = [];
		for (const ns of namespaces()) {
			const en = readNamespace('en', ns) ?? {};
			for (const lang of ['ur', 'pa-Arab', 'sd', 'ps', 'bal', 'skr']) {
				const strings = readNamespace(lang, ns);
				if (!strings) continue;
				for (const [key, value] of Object.entries(en)) {
					const want = (String(value).match(/{{\s*\w+\s*}}/g) ?? []).sort().join();
					if (key in strings && (String(strings[key]).match(/{{\s*\w+\s*}}/g) ?? []).sort().join() !== want)
						problems.push(`${lang}/${ns}:${key}`);
				}
			}
		}
		expect(problems).toEqual([]);
	});
});
