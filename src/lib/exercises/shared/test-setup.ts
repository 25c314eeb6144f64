import { i18n } from '$lib/i18n/i18n.svelte';
import type { LanguageCode } from '$lib/i18n/languages';

/** Component tests render with real strings, loaded the way the app loads them. */
export async function loadStrings(lang: LanguageCode = 'en'): Promise<void> {
	await i18n.setLanguage(lang, ['common', 'exercises']);
}
