import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cmapOf, inRange, layoutFeatures, NASTALIQ_RANGE, rangeString } from './cmap.js';
import { urduText } from './urdu-text';

/**
 * The Urdu cut of Nastaliq against what Urdu readers are shown. A letter outside the cut would
 * still be drawn (from the full file), but its word would come from two files and lose its
 * joins, and the reader would download the full face too. When this fails after a content
 * change: `npm run fonts:nastaliq` (scripts/fonts/subset-nastaliq.js) and commit the files.
 */
const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path));
const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')} ${String.fromCodePoint(c)}`;

/** The unicode-range of the @font-face marked with `/* <marker> *\/` in fonts.css. */
function declaredRange(marker: string): string {
	const css = read('src/lib/styles/fonts.css').toString('utf8');
	const face = css.slice(css.indexOf(`/* ${marker} */`));
	const range = /unicode-range:([^;]*);/.exec(face.slice(0, face.indexOf('}')))?.[1];
	if (!range) throw new Error(`no unicode-range after /* ${marker} */ in fonts.css`);
	return range.replace(/\s+/g, ' ').trim();
}

describe('Nastaliq: the Urdu cut', { timeout: 120_000 }, () => {
	let urdu: number[];
	let broad: number[];
	let full: number[];
	beforeAll(async () => {
		urdu = await cmapOf(read('static/fonts/noto-nastaliq-urdu-ur-400.woff2'));
		broad = await cmapOf(read('static/fonts/noto-nastaliq-urdu-400.woff2'));
		full = await cmapOf(read('scripts/fonts/noto-nastaliq-urdu-400.full.woff2'));
	});

	it('has every letter, mark, digit and punctuation of the Urdu courses, trainer kit and app strings', () => {
		const used = [...new Set(urduText(root))]
			.map((c) => c.codePointAt(0) ?? 0)
			.filter((c) => inRange(c, NASTALIQ_RANGE));
		// The alphabet alone is ~90 code points: an empty or broken collector would pass vacuously.
		expect(used.length).toBeGreaterThan(80);
		const missing = used.filter((c) => !urdu.includes(c));
		expect(missing.map(hex), 'not in noto-nastaliq-urdu-ur-400.woff2: run npm run fonts:nastaliq').toEqual(
			[]
		);
	});

	it('is asked only for what it has, and the full file for exactly the rest (fonts.css)', () => {
		const cut = urdu.filter((c) => inRange(c, NASTALIQ_RANGE));
		expect(declaredRange('urdu-cut')).toBe(rangeString(cut));
		expect(declaredRange('urdu-rest')).toBe(rangeString(broad.filter((c) => !cut.includes(c))));
	});

	it('keeps every OpenType shaping feature of the full font (joins, cascade, marks)', async () => {
		const source = await layoutFeatures(read('scripts/fonts/noto-nastaliq-urdu-400.full.woff2'));
		expect(source.GSUB.length).toBeGreaterThan(0);
		expect(await layoutFeatures(read('static/fonts/noto-nastaliq-urdu-ur-400.woff2'))).toEqual(source);
		expect(await layoutFeatures(read('static/fonts/noto-nastaliq-urdu-400.woff2'))).toEqual(source);
	});

	it('leaves Punjabi and Saraiki the whole of Arabic and Arabic Supplement in one file', () => {
		expect(broad.filter((c) => inRange(c, NASTALIQ_RANGE))).toEqual(
			full.filter((c) => inRange(c, NASTALIQ_RANGE))
		);
		// Saraiki ٻ ڄ ݙ ڳ ڻ and Punjabi ݨ
		for (const c of 'ٻڄݙڳڻݨ') expect(broad).toContain(c.codePointAt(0));
	});
});
