import { recordEvent } from '$lib/db/learner-events';
import type { LanguageCode } from '$lib/i18n/languages';

/**
 * Settings follow the account: each language choice becomes a `setting_changed` event, which
 * sync carries to the learner's other devices (applied there by sync-session.ts). A choice that
 * arrived from another device is not recorded again, so devices do not echo each other.
 */
let fromSync: LanguageCode | null = null;

export function markLanguageFromSync(lang: LanguageCode) {
	fromSync = lang;
}

export async function recordLanguageChoice(lang: LanguageCode): Promise<void> {
	if (lang === fromSync) return;
	try {
		await recordEvent({ type: 'setting_changed', payload: { key: 'language', value: lang } });
	} catch {
		// A full disk is reported by the status line; the choice itself is kept by the device.
	}
}
