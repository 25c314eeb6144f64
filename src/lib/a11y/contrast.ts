/**
 * WCAG 2.x contrast, as pure math: relative luminance of sRGB colours and the contrast ratio
 * between two of them. Used by the theme tests (axe skips contrast for Arabic-script text).
 */

export type Rgb = readonly [number, number, number];

/** `#rgb` or `#rrggbb` to 0–255 channels; anything else is an error, not a guess. */
export function parseHex(hex: string): Rgb {
	const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
	if (!match) throw new Error(`Not a hex colour: ${hex}`);
	const digits = match[1] as string;
	const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
	return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}

function channel(value: number): number {
	const c = value / 255;
	return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance as defined in WCAG 2.2 (0 for black, 1 for white). */
export function relativeLuminance([r, g, b]: Rgb): number {
	return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** Contrast ratio between two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
	const la = relativeLuminance(parseHex(a));
	const lb = relativeLuminance(parseHex(b));
	const [hi, lo] = la > lb ? [la, lb] : [lb, la];
	return (hi + 0.05) / (lo + 0.05);
}
