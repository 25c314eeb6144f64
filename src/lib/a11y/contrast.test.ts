import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHex, relativeLuminance } from './contrast';
import { parseThemeTokens } from './theme-tokens';

const styles = new URL('../styles/', import.meta.url);
const css = ['global.css', 'themes.css'].map((f) => readFileSync(new URL(f, styles), 'utf8')).join('\n');
const themes = parseThemeTokens(css);

/** Foreground/background pairs the components actually use for text. */
const TEXT_PAIRS: [string, string][] = [
	['--color-text', '--color-bg'],
	['--color-text', '--color-surface'],
	['--color-muted', '--color-bg'],
	['--color-muted', '--color-surface'],
	['--color-primary', '--color-bg'], // links, outlined buttons
	['--color-primary', '--color-surface'], // links in the header
	['--color-primary-contrast', '--color-primary'], // primary buttons
	['--color-error', '--color-bg'],
	['--color-success', '--color-bg'],
	['--color-warning-text', '--color-warning-bg'],
	['--color-highlight-text', '--color-highlight-bg'] // the sentence read aloud
];

/** Non-text parts (1.4.11) and focus rings (2.4.11 / 2.4.13) against what they sit on. */
const UI_PAIRS: [string, string][] = [
	['--color-border', '--color-bg'],
	['--color-border', '--color-surface'],
	['--color-primary', '--color-bg'], // button borders
	['--color-focus', '--color-bg'],
	['--color-focus', '--color-surface'],
	['--color-highlight-bg', '--color-bg'] // the highlight itself is seen as a shape
];

describe('WCAG contrast math', () => {
	it('matches the reference values', () => {
		expect(relativeLuminance(parseHex('#fff'))).toBe(1);
		expect(relativeLuminance(parseHex('#000000'))).toBe(0);
		expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
		expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
		expect(() => parseHex('red')).toThrow(/Not a hex colour/);
	});
});

describe('theme tokens', () => {
	it('parses light, dark and high contrast from the CSS', () => {
		expect(Object.keys(themes).sort()).toEqual(['dark', 'high-contrast', 'light']);
	});

	for (const [theme, tokens] of Object.entries(themes)) {
		const textMinimum = theme === 'high-contrast' ? 7 : 4.5;
		const color = (name: string) => {
			const value = tokens[name];
			if (!value) throw new Error(`${theme}: ${name} is not defined`);
			return value;
		};

		it(`${theme}: text is at least ${textMinimum}:1`, () => {
			const failures = TEXT_PAIRS.map(([fg, bg]) => ({ fg, bg, ratio: contrastRatio(color(fg), color(bg)) }))
				.filter((p) => p.ratio < textMinimum)
				.map((p) => `${p.fg} on ${p.bg} = ${p.ratio.toFixed(2)}:1`);
			expect(failures).toEqual([]);
		});

		it(`${theme}: UI parts and focus indicators are at least 3:1`, () => {
			const failures = UI_PAIRS.map(([fg, bg]) => ({ fg, bg, ratio: contrastRatio(color(fg), color(bg)) }))
				.filter((p) => p.ratio < 3)
				.map((p) => `${p.fg} against ${p.bg} = ${p.ratio.toFixed(2)}:1`);
			expect(failures).toEqual([]);
		});
	}
});
