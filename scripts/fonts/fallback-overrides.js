// The ascent/descent/line-gap overrides that give a fallback face Nastaliq's vertical metrics
// (src/lib/styles/fonts.css; node scripts/font-fallback-metrics.js prints them, and
// scripts/fonts/fallback-overrides.test.ts checks fonts.css against the font files).
//
// Why: a line's text box (and the size the browser gives its LCP candidate) is its font's ascent
// plus descent. Noto Nastaliq Urdu's are 1.904 + 0.596 em; a Naskh or DejaVu face has about 1.1–1.7
// em, so the painted page's paragraph in the fallback was a smaller LCP candidate than the app's
// copy in Nastaliq, and LCP moved to the moment the app drew (1.8 s instead of 0.3 s). Chromium
// scales the override descriptors by size-adjust too, so they are divided by it here.
import { verticalMetrics } from './vertical-metrics.js';

/**
 * @param {Awaited<ReturnType<typeof verticalMetrics>>} nastaliq
 * @param {number} sizeAdjust the fallback's size-adjust, as a fraction (0.854 for 85.4%)
 */
export function fallbackOverrides(nastaliq, sizeAdjust) {
	const m = nastaliq.useTypo ? nastaliq.typo : nastaliq.hhea;
	// One decimal, written as prettier writes numbers in CSS (223%, not 223.0%).
	const pct = (/** @type {number} */ units) =>
		`${+((units / nastaliq.unitsPerEm / sizeAdjust) * 100).toFixed(1)}%`;
	return {
		'ascent-override': pct(m.ascender),
		'descent-override': pct(Math.abs(m.descender)),
		'line-gap-override': pct(m.lineGap)
	};
}

/**
 * Each `@font-face` of fonts.css whose family is a Nastaliq fallback, with its descriptors.
 * @param {string} css
 * @returns {Array<{ family: string, descriptors: Record<string, string> }>}
 */
export function fallbackFaces(css) {
	return [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)]
		.map((m) => {
			/** @type {Record<string, string>} */
			const descriptors = {};
			for (const d of (m[1] ?? '').replace(/\/\*[\s\S]*?\*\//g, '').split(';')) {
				const at = d.indexOf(':');
				if (at > 0) descriptors[d.slice(0, at).trim()] = d.slice(at + 1).trim();
			}
			return { family: (descriptors['font-family'] ?? '').replace(/['"]/g, ''), descriptors };
		})
		.filter((f) => f.family.startsWith('Nastaliq fallback'));
}

export { verticalMetrics };
