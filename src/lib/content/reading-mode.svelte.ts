import { accessibilitySettings, type AccessibilitySettings } from '$lib/settings/accessibility.svelte';
import { createSafeStorage } from '$lib/settings/safe-storage';

/** The player's first, standalone easy-read switch; read once and moved into the a11y modes. */
const LEGACY_EASY_KEY = 'seekh.easyRead';

/**
 * How lessons are read on this device. Easy read is one of the accessibility modes (settings
 * page, first-run options and this player share it, and sync carries it), so this is a thin
 * view over `AccessibilitySettings`.
 */
export class ReadingMode {
	constructor(private readonly a11y: AccessibilitySettings = accessibilitySettings()) {
		const storage = createSafeStorage();
		if (storage.get(LEGACY_EASY_KEY) === '1') a11y.set('easyRead', true);
		storage.remove(LEGACY_EASY_KEY);
	}

	get easyRead(): boolean {
		return this.a11y.modes.easyRead;
	}

	setEasyRead(on: boolean): void {
		this.a11y.set('easyRead', on);
	}
}

let instance: ReadingMode | undefined;

export function readingMode(): ReadingMode {
	instance ??= new ReadingMode();
	return instance;
}
