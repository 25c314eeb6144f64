import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileTree } from '../../src/lib/content-compiler/compile-course';
import { catalogueEntry, makePack } from '../../src/lib/content-compiler/make-pack';
import { makeKitPack } from '../../src/lib/content-compiler/kit-pack';
import { LANGUAGES } from '../../src/lib/i18n/languages';
import { fsTree } from '../courses/fs-tree';

/**
 * Every character an Urdu reader can meet in Seekh's own text: what the Urdu Nastaliq cut
 * (static/fonts/noto-nastaliq-urdu-ur-400.woff2) must draw. Used by scripts/fonts/subset-nastaliq.js
 * to cut the face and by urdu-cut.test.ts to check that new content adds no letter outside it.
 */

/**
 * The whole Urdu alphabet and what written Urdu puts around it, whether today's content uses it
 * or not: a learner's name on a certificate or a new lesson must not fall to another file (a
 * word drawn from two files loses its joins).
 */
export const URDU_ALPHABET =
	// letters, with the Arabic forms Urdu keyboards also type (ك ي ه ة أ إ)
	'ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيٹپچڈڑژکگںھہۂۃیےۓۀ' +
	// marks: zabar, zer, pesh, tanwin, shadda, sukun, madda, hamza above/below, khari zabar, ulta pesh
	'\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0670' +
	// Urdu and Arabic digits, percent, decimal and thousands separators
	'۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٪٫٬' +
	// comma, semicolon, question mark, full stop (۔), Arabic full stop, tatweel
	'،؛؟۔\u06d4\u0640' +
	// zero-width non-joiner and joiner, left-to-right mark (Latin runs inside Urdu)
	'\u200c\u200d\u200e';

/** Strings anywhere inside a JSON value. */
function strings(value: unknown, out: string[], onlyKey?: string, key?: string): void {
	if (typeof value === 'string') {
		if (!onlyKey || key === onlyKey) out.push(value);
	} else if (Array.isArray(value)) value.forEach((v) => strings(v, out, onlyKey, key));
	else if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) strings(v, out, onlyKey, k);
}

/** The Urdu text of the repository at `root`: course packs as compiled, the kit, the app's strings. */
export function urduText(root: string): string {
	const out: string[] = [URDU_ALPHABET];
	const { courses, kit } = compileTree(fsTree(join(root, 'courses')));
	const publish = () => ({ url: '', bytes: 0 });
	for (const course of courses) {
		strings(makePack(course, 'ur', publish), out);
		// The catalogue holds every language's title side by side: only the Urdu ones are drawn.
		strings(catalogueEntry(course, {}), out, 'ur');
	}
	if (kit?.languages.includes('ur')) strings(makeKitPack(kit, 'ur'), out);
	const locales = join(root, 'locales', 'ur');
	for (const file of readdirSync(locales).filter((f) => f.endsWith('.json')))
		strings(JSON.parse(readFileSync(join(locales, file), 'utf8')), out);
	// The language chooser and "also in" lines show every language's name on Urdu pages.
	out.push(...LANGUAGES.map((l) => l.nativeName));
	return out.join('\n');
}
