// Prints the ascent/descent/line-gap overrides each Nastaliq fallback face in
// src/lib/styles/fonts.css needs, from Noto Nastaliq Urdu's own metrics (hhea/OS2) and the
// face's size-adjust (node scripts/font-fallback-metrics.js). See scripts/fonts/fallback-overrides.js.
import { readFileSync } from 'node:fs';
import { fallbackFaces, fallbackOverrides, verticalMetrics } from './fonts/fallback-overrides.js';

const root = new URL('../', import.meta.url);
const nastaliq = await verticalMetrics(
	readFileSync(new URL('static/fonts/noto-nastaliq-urdu-ur-400.woff2', root))
);
console.log('Noto Nastaliq Urdu (the Urdu cut):', JSON.stringify(nastaliq));
for (const face of fallbackFaces(readFileSync(new URL('src/lib/styles/fonts.css', root), 'utf8'))) {
	const sizeAdjust = parseFloat(face.descriptors['size-adjust'] ?? '100') / 100;
	console.log(`\n'${face.family}' (size-adjust ${sizeAdjust * 100}%):`);
	for (const [k, v] of Object.entries(fallbackOverrides(nastaliq, sizeAdjust)))
		console.log(
			`  ${k}: ${v};${face.descriptors[k] === v ? '' : `   (fonts.css: ${face.descriptors[k] ?? 'none'})`}`
		);
}
