import { rememberLanguageForServer } from '$lib/first-paint';
import { resolveLanguage, type LanguageCode } from '$lib/i18n/languages';
import { startingUp } from '$lib/start-up';
import type { ChangeSource } from './accessibility.svelte';
import { createSafeStorage, type SafeStorage } from './safe-storage';

const LANG_KEY = 'seekh.lang';

/**
 * Settings that belong to this device and must work before any database opens: the chosen
 * language. Values are validated when read — storage may hold anything, from an old version
 * or another app. (Accessibility modes are added beside it by the accessibility module.)
 */
export class DeviceSettings {
	/** null until the learner has chosen: the first visit asks. */
	lang = $state<LanguageCode | null>(null);
	readonly storage: SafeStorage;
	// Plain Set on purpose: listeners are wiring, not state any component renders.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#listeners = new Set<(lang: LanguageCode, source: ChangeSource) => void>();

	constructor(storage: SafeStorage = createSafeStorage()) {
		this.storage = storage;
		const stored = storage.get(LANG_KEY);
		// Nothing stored: first visit, ask. Something unknown stored: fall back to Urdu.
		this.lang = stored === null ? null : resolveLanguage(stored);
	}

	/** False in private modes or when storage is blocked: progress cannot be kept. */
	get canPersist() {
		return this.storage.available;
	}

	/** `source` says who chose: the learner here, or their account (sync, not recorded again). */
	chooseLanguage(lang: LanguageCode, source: ChangeSource = 'device') {
		if (this.lang === lang) return;
		this.lang = lang;
		this.storage.set(LANG_KEY, lang);
		for (const listener of this.#listeners) listener(lang, source);
	}

	/** The hook for sync, like `AccessibilitySettings.onChange`. Returns an unsubscribe function. */
	onLanguageChange(listener: (lang: LanguageCode, source: ChangeSource) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}

let instance: DeviceSettings | undefined;

/**
 * The one settings instance for the page (created lazily so tests can build their own).
 * localStorage is the one source of truth for the language; the server's cookie copy (which
 * picks the language of its first paint) follows it at once, in the same task as the choice,
 * so a reload straight after a switch can never be painted in the old language.
 */
export function deviceSettings(): DeviceSettings {
	if (!instance) {
		instance = new DeviceSettings();
		// At start the cookie only needs to be right for the next page load: it is brought up to
		// date a task later, out of the app's first draw (reading document.cookie is synchronous,
		// 5–9 ms on a 4× slowed CPU, issue 17). That covers a shared link's ?lang=, chosen while the
		// app starts. A learner's choice, once the app is on screen, writes it in the same task.
		// (The language as it is then, whatever was chosen meanwhile.)
		const later = () =>
			setTimeout(() => {
				if (instance?.lang) rememberLanguageForServer(instance.lang);
			});
		if (instance.lang) later();
		instance.onLanguageChange((lang) => (startingUp() ? later() : rememberLanguageForServer(lang)));
	}
	return instance;
}
