/**
 * Reads the colour tokens of each theme out of CSS text: the `:root { … }` blocks are the
 * light base, `:root[data-theme='x'] { … }` blocks override it. Only top-level rules count
 * (tokens are never set inside @media), comments are ignored.
 */
export type Tokens = Record<string, string>;

export function parseThemeTokens(css: string): Record<string, Tokens> {
	const clean = css.replace(/\/\*[\s\S]*?\*\//g, '');
	const themes: Record<string, Tokens> = { light: {} };
	const overrides: Record<string, Tokens> = {};
	const rule = /([^{}]+)\{([^{}]*)\}/g;
	for (const [, selectorText, body] of clean.matchAll(rule)) {
		// Text before a rule may hold @import statements: the selector is what follows the last ';'.
		const selector = ((selectorText as string).split(';').pop() ?? '').trim();
		const target = selector === ':root' ? themes.light : themeOf(selector, overrides);
		if (!target) continue;
		for (const [, name, value] of (body as string).matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
			target[name as string] = (value as string).trim();
		}
	}
	for (const [name, tokens] of Object.entries(overrides)) themes[name] = { ...themes.light, ...tokens };
	return themes;
}

function themeOf(selector: string, overrides: Record<string, Tokens>): Tokens | undefined {
	const match = /^:root\[data-theme=['"]([\w-]+)['"]\]$/.exec(selector);
	if (!match) return undefined;
	const name = match[1] as string;
	overrides[name] ??= {};
	return overrides[name];
}
