import { recordEvent } from '$lib/db/learner-events';
import { isLanguageCode } from '$lib/i18n/languages';
import { accessibilitySettings } from '$lib/settings/accessibility.svelte';
import { deviceSettings } from '$lib/settings/device-settings.svelte';

/**
 * Settings follow the account, in this one place: while sync runs for a signed-in learner,
 * every language or accessibility choice made on this device becomes a `setting_changed`
 * event `{ key, value }` (key `language`, or an accessibility mode such as `textScale`), which
 * sync carries to the learner's other devices; there `applyAccountSettings` sets it. A value
 * that arrived from the account is marked so (source 'account') and is not recorded again, so
 * devices do not echo each other.
 */
export function followAccountSettings(): () => void {
	const stopModes = accessibilitySettings().onChange((key, value, source) => {
		if (source === 'device') void record(key, value);
	});
	const stopLanguage = deviceSettings().onLanguageChange((lang, source) => {
		if (source === 'device') void record('language', lang);
	});
	return () => {
		stopModes();
		stopLanguage();
	};
}

/** The newest value per key pulled from other devices; anything unknown or invalid is ignored. */
export function applyAccountSettings(settings: Record<string, unknown>): void {
	for (const [key, value] of Object.entries(settings)) {
		if (key === 'language') {
			if (isLanguageCode(value)) deviceSettings().chooseLanguage(value, 'account');
		} else accessibilitySettings().applyFromAccount(key, value);
	}
}

async function record(key: string, value: unknown): Promise<void> {
	try {
		await recordEvent({ type: 'setting_changed', payload: { key, value } });
	} catch {
		// A full disk is reported by the status line; the choice itself is kept by the device.
	}
}
