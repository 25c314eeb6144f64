import { warmLanguage } from '$lib/i18n/i18n.svelte';
import { getLanguage, type LanguageCode } from '$lib/i18n/languages';

/** The font file each script reads in (mirrors src/lib/styles/fonts.css). */
const FONT_FILES = {
	nastaliq: '/fonts/noto-nastaliq-urdu-400.woff2',
	naskh: '/fonts/noto-naskh-arabic-400.woff2'
} as const;

/**
 * Once a service worker controls the page, fetch what the chosen language needs offline
 * through it: every namespace of its strings and its font. The first page load fetched some of
 * them before the worker existed, so they are not in its caches yet.
 */
export async function warmOffline(lang: LanguageCode): Promise<void> {
	const script = getLanguage(lang).script;
	const font = script === 'latin' ? null : FONT_FILES[script];
	await Promise.all([
		warmLanguage(lang),
		font ? fetch(font).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(r.statusText)))) : null
	]);
}
