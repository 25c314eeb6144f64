import type { LanguageCode } from '$lib/i18n/languages';

/**
 * The app's own strings (locales/<lang>/common.json, course.json and a11y.json) for the server's first
 * paint, with the app's rules: `ns:key`, `{{name}}` placeholders, regional languages fall back
 * to Urdu. Server-only: these never reach a learner's JavaScript.
 */
const files = import.meta.glob<Record<string, unknown>>('../../../../locales/*/{common,course,a11y}.json', {
	eager: true,
	import: 'default'
});

function lookup(lang: string, ns: string, key: string): string | undefined {
	let node: unknown = files[`../../../../locales/${lang}/${ns}.json`];
	for (const part of key.split('.')) {
		if (!node || typeof node !== 'object') return undefined;
		node = (node as Record<string, unknown>)[part];
	}
	return typeof node === 'string' ? node : undefined;
}

export type Translate = (key: string, vars?: Record<string, string>) => string;

export function translator(lang: LanguageCode): Translate {
	return (key, vars = {}) => {
		const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['common', key];
		const text = lookup(lang, ns, path) ?? (lang === 'en' ? undefined : lookup('ur', ns, path)) ?? '';
		return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => vars[name] ?? '');
	};
}
