// Reads which code points a woff2 font draws (its cmap), with the tools subset-font already
// brings: fontverter unpacks woff2, HarfBuzz reads the face. Shared by subset-nastaliq.js and
// urdu-cut.test.ts.
import fontverter from 'fontverter';
import { Blob, Face } from 'harfbuzzjs';

/**
 * What the Nastaliq faces are asked for (fonts.css): Arabic, Arabic Supplement, the joiners and
 * the left-to-right mark. Latin, digits 0–9 and quotes fall through to the app's Latin faces.
 * @type {Array<[number, number]>}
 */
export const NASTALIQ_RANGE = [
	[0x0600, 0x06ff],
	[0x0750, 0x077f],
	[0x200c, 0x200e]
];

/** @param {number} c @param {Array<[number, number]>} ranges */
export const inRange = (c, ranges) => ranges.some(([a, b]) => c >= a && c <= b);

/** @param {Buffer} woff2 @returns {Promise<number[]>} sorted code points */
export async function cmapOf(woff2) {
	const sfnt = await fontverter.convert(woff2, 'sfnt');
	const face = new Face(new Blob(new Uint8Array(sfnt)));
	return [...face.collectUnicodes()].sort((a, b) => a - b);
}

/** @param {Buffer} woff2 @returns {Promise<{ GSUB: string[], GPOS: string[] }>} */
export async function layoutFeatures(woff2) {
	const sfnt = await fontverter.convert(woff2, 'sfnt');
	const face = new Face(new Blob(new Uint8Array(sfnt)));
	const tags = (/** @type {'GSUB' | 'GPOS'} */ t) => [...new Set(face.getTableFeatureTags(t))].sort();
	return { GSUB: tags('GSUB'), GPOS: tags('GPOS') };
}

/**
 * Code points or ranges as a CSS unicode-range / pyftsubset --unicodes value, runs merged.
 * @param {number[] | Array<[number, number]>} items
 */
export function rangeString(items) {
	/** @type {Array<[number, number]>} */
	const list = items.map((i) => /** @type {[number, number]} */ (typeof i === 'number' ? [i, i] : i));
	list.sort((x, y) => x[0] - y[0]);
	/** @type {Array<[number, number]>} */
	const runs = [];
	for (const [a, b] of list) {
		const last = runs[runs.length - 1];
		if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
		else runs.push([a, b]);
	}
	const hex = (/** @type {number} */ n) => n.toString(16).toUpperCase().padStart(4, '0');
	return runs.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(', ');
}
