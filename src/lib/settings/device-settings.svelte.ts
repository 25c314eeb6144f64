import { resolveLanguage, type LanguageCode } from '$lib/i18n/languages';
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

	chooseLanguage(lang: LanguageCode) {
		this.lang = lang;
		this.storage.set(LANG_KEY, lang);
	}
}

let instance: DeviceSettings | undefined;

/** The one settings instance for the page (created lazily so tests can build their own). */
export function deviceSettings(): DeviceSettings {
	instance ??= new DeviceSettings();
	return instance;
}
