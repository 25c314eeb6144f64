// Shared by `npm run i18n:report` and the locale tests: which UI keys each language has.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const LOCALES_DIR = new URL('../locales/', import.meta.url).pathname;
export const LANGS = ['en', 'ur', 'pa-Arab', 'sd', 'ps', 'bal', 'skr'];

/**
 * Flattens nested JSON into dotted keys: { a: { b: 'x' } } → { 'a.b': 'x' }.
 * @param {Record<string, unknown>} object
 * @returns {Record<string, string>}
 */
export function flatten(object, prefix = '') {
	/** @type {Record<string, string>} */
	const out = {};
	for (const [key, value] of Object.entries(object)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (value && typeof value === 'object' && !Array.isArray(value))
			Object.assign(out, flatten(/** @type {Record<string, unknown>} */ (value), path));
		else out[path] = String(value);
	}
	return out;
}

export function namespaces(dir = LOCALES_DIR) {
	return readdirSync(join(dir, 'en'))
		.filter((f) => f.endsWith('.json'))
		.map((f) => f.slice(0, -5))
		.sort();
}

/**
 * @param {string} lang
 * @param {string} ns
 * @returns {Record<string, string> | null}
 */
export function readNamespace(lang, ns, dir = LOCALES_DIR) {
	const file = join(dir, lang, `${ns}.json`);
	if (!existsSync(file)) return null;
	return flatten(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Per language and namespace: keys present, keys missing, and values left identical to English.
 * @returns {{ lang: string; ns: string; total: number; present: number; missing: string[]; untranslated: string[]; exists: boolean }[]}
 */
export function coverage(dir = LOCALES_DIR) {
	const rows = [];
	for (const ns of namespaces(dir)) {
		const en = readNamespace('en', ns, dir) ?? {};
		const enKeys = Object.keys(en);
		for (const lang of LANGS) {
			const strings = readNamespace(lang, ns, dir);
			const missing = strings ? enKeys.filter((k) => !(k in strings)) : enKeys;
			const untranslated =
				strings && lang !== 'en'
					? enKeys.filter((k) => k in strings && strings[k] === en[k] && /[a-z]{3}/i.test(en[k] ?? ''))
					: [];
			rows.push({
				lang,
				ns,
				total: enKeys.length,
				present: enKeys.length - missing.length,
				missing,
				untranslated,
				exists: !!strings
			});
		}
	}
	return rows;
}
