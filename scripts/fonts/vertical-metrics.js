// A font's vertical metrics (hhea, OS/2 typo and win, head's unitsPerEm), read from the sfnt
// tables of a woff2 or TrueType file. For the fallback's ascent/descent overrides in fonts.css
// (scripts/font-fallback-metrics.js).
import fontverter from 'fontverter';

/**
 * @param {Uint8Array} file woff2, woff or TrueType
 * @returns {Promise<{ unitsPerEm: number, hhea: { ascender: number, descender: number, lineGap: number }, typo: { ascender: number, descender: number, lineGap: number }, win: { ascent: number, descent: number }, useTypo: boolean }>}
 */
export async function verticalMetrics(file) {
	const sfnt = Buffer.from(await fontverter.convert(file, 'sfnt'));
	const tables = new Map();
	const count = sfnt.readUInt16BE(4);
	for (let i = 0; i < count; i++) {
		const at = 12 + i * 16;
		tables.set(sfnt.toString('latin1', at, at + 4), sfnt.readUInt32BE(at + 8));
	}
	const head = tables.get('head');
	const hhea = tables.get('hhea');
	const os2 = tables.get('OS/2');
	if (head === undefined || hhea === undefined || os2 === undefined)
		throw new Error('font has no head, hhea or OS/2 table');
	return {
		unitsPerEm: sfnt.readUInt16BE(head + 18),
		hhea: {
			ascender: sfnt.readInt16BE(hhea + 4),
			descender: sfnt.readInt16BE(hhea + 6),
			lineGap: sfnt.readInt16BE(hhea + 8)
		},
		typo: {
			ascender: sfnt.readInt16BE(os2 + 68),
			descender: sfnt.readInt16BE(os2 + 70),
			lineGap: sfnt.readInt16BE(os2 + 72)
		},
		win: { ascent: sfnt.readUInt16BE(os2 + 74), descent: sfnt.readUInt16BE(os2 + 76) },
		// fsSelection bit 7: the typo metrics are the ones to use.
		useTypo: (sfnt.readUInt16BE(os2 + 62) & 0x80) !== 0
	};
}
