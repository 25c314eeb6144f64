import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fallbackFaces, fallbackOverrides, verticalMetrics } from './fallback-overrides.js';

/**
 * The Nastaliq fallback faces in fonts.css carry Nastaliq's own ascent and descent (over their
 * size-adjust), read here from the font files. When this fails after a new cut of the font or a
 * new size-adjust: `node scripts/font-fallback-metrics.js` prints the values to write.
 */
const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path));

describe('Nastaliq fallback metrics', () => {
	it("gives every fallback face Nastaliq's ascent, descent and line gap", async () => {
		const faces = fallbackFaces(read('src/lib/styles/fonts.css').toString('utf8'));
		expect(faces.map((f) => f.family)).toEqual(['Nastaliq fallback', 'Nastaliq fallback DejaVu']);
		for (const file of ['noto-nastaliq-urdu-ur-400.woff2', 'noto-nastaliq-urdu-400.woff2']) {
			const nastaliq = await verticalMetrics(read(`static/fonts/${file}`));
			expect(nastaliq.unitsPerEm, file).toBeGreaterThan(0);
			for (const face of faces) {
				const sizeAdjust = parseFloat(face.descriptors['size-adjust'] ?? '100') / 100;
				const want = fallbackOverrides(nastaliq, sizeAdjust);
				for (const [descriptor, value] of Object.entries(want))
					expect(face.descriptors[descriptor], `${face.family} ${descriptor} (${file})`).toBe(value);
			}
		}
	});

	it('reads the metrics a browser uses (OS/2 typo when USE_TYPO_METRICS is set)', async () => {
		const naskh = await verticalMetrics(read('static/fonts/noto-naskh-arabic-400.woff2'));
		expect(naskh.unitsPerEm).toBe(1000);
		// Nastaliq stands far taller than Naskh: the reason the fallback needs the overrides.
		const nastaliq = await verticalMetrics(read('static/fonts/noto-nastaliq-urdu-ur-400.woff2'));
		expect(nastaliq.typo.ascender).toBeGreaterThan(naskh.typo.ascender * 1.5);
	});
});
