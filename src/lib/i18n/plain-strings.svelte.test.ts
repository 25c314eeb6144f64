import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { namespaces, readNamespace } from '../../../scripts/i18n-coverage.js';
import { i18n } from './i18n.svelte';
import { LANGUAGES } from './languages';

// `t(key)` without options answers plain strings from i18next's store itself (issue 17): every
// answer must be the one i18next's own translation gives, in every language, through the
// fallback to Urdu, and must follow a language switch.
// (Read from the working directory: under jsdom the helper's own URL is not a file path.)
const dir = join(process.cwd(), 'locales');
const all = namespaces(dir);

describe('plain strings without i18next’s full translation', () => {
	it('gives what i18next gives for every key of every namespace in every language', async () => {
		const differ: string[] = [];
		let checked = 0;
		for (const { code } of LANGUAGES) {
			await i18n.setLanguage(code);
			await i18n.use(...all);
			for (const ns of all) {
				for (const key of Object.keys(readNamespace('en', ns, dir) ?? {})) {
					const id = `${ns}:${key}`;
					const fast = i18n.t(id);
					const full = i18n.t(id, {});
					checked++;
					if (fast !== full) differ.push(`${code} ${id}: ${JSON.stringify(fast)} ≠ ${JSON.stringify(full)}`);
				}
			}
		}
		expect(differ).toEqual([]);
		expect(checked).toBeGreaterThan(1000);
	});

	it('follows a language switch', async () => {
		await i18n.setLanguage('en');
		const english = i18n.t('nav.menu');
		await i18n.setLanguage('ur');
		const urdu = i18n.t('nav.menu');
		expect(urdu).not.toBe(english);
		expect(urdu).toBe(readNamespace('ur', 'common', dir)?.['nav.menu']);
		await i18n.setLanguage('en');
		expect(i18n.t('nav.menu')).toBe(english);
	});
});
