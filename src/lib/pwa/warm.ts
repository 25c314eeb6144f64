import { warmLanguage } from '$lib/i18n/i18n.svelte';
import { type LanguageCode } from '$lib/i18n/languages';
import { fontFile } from '$lib/i18n/font-file';

/**
 * Once a service worker controls the page, fetch what the chosen language needs offline
 * through it: every namespace of its strings and its font. The first page load fetched some of
 * them before the worker existed, so they are not in its caches yet.
 */
export async function warmOffline(lang: LanguageCode): Promise<void> {
	const font = fontFile(lang);
	await Promise.all([
		warmLanguage(lang),
		font ? fetch(font).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(r.statusText)))) : null
	]);
}
