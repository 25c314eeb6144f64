import { createSafeStorage, type SafeStorage } from '$lib/settings/safe-storage';

const EASY_KEY = 'seekh.easyRead';

/**
 * How lessons are read on this device. For now one switch — the easy-read version when a
 * lesson has one; the accessibility module may add modes beside it.
 */
export class ReadingMode {
	easyRead = $state(false);

	constructor(private readonly storage: SafeStorage = createSafeStorage()) {
		this.easyRead = storage.get(EASY_KEY) === '1';
	}

	setEasyRead(on: boolean): void {
		this.easyRead = on;
		this.storage.set(EASY_KEY, on ? '1' : '0');
	}
}

let instance: ReadingMode | undefined;

export function readingMode(): ReadingMode {
	instance ??= new ReadingMode();
	return instance;
}
