import { describe, expect, it } from 'vitest';
import { DeviceSettings } from './device-settings.svelte';
import { createSafeStorage } from './safe-storage';

function memoryStorage(initial: Record<string, string> = {}): Storage {
	const data = new Map(Object.entries(initial));
	return {
		get length() {
			return data.size;
		},
		clear: () => data.clear(),
		getItem: (k) => data.get(k) ?? null,
		key: (i) => [...data.keys()][i] ?? null,
		removeItem: (k) => void data.delete(k),
		setItem: (k, v) => void data.set(k, String(v))
	};
}

describe('DeviceSettings', () => {
	it('asks on the first visit, then remembers the choice', () => {
		const storage = memoryStorage();
		const first = new DeviceSettings(createSafeStorage(() => storage));
		expect(first.lang).toBeNull();
		first.chooseLanguage('sd');
		expect(new DeviceSettings(createSafeStorage(() => storage)).lang).toBe('sd');
	});

	it('tells sync who changed the language, and only when it changed', () => {
		const settings = new DeviceSettings(createSafeStorage(() => memoryStorage()));
		const heard: [string, string][] = [];
		const stop = settings.onLanguageChange((lang, source) => heard.push([lang, source]));
		settings.chooseLanguage('ur');
		settings.chooseLanguage('ur');
		settings.chooseLanguage('sd', 'account');
		stop();
		settings.chooseLanguage('en');
		expect(heard).toEqual([
			['ur', 'device'],
			['sd', 'account']
		]);
	});

	it('falls back to Urdu when storage holds an unknown code', () => {
		const settings = new DeviceSettings(createSafeStorage(() => memoryStorage({ 'seekh.lang': 'klingon' })));
		expect(settings.lang).toBe('ur');
	});

	it('keeps working in memory, and says so, when storage throws', () => {
		const settings = new DeviceSettings(
			createSafeStorage(() => {
				throw new DOMException('denied', 'SecurityError');
			})
		);
		expect(settings.canPersist).toBe(false);
		settings.chooseLanguage('ps');
		expect(settings.lang).toBe('ps');
	});

	it('survives a storage that accepts reads but fails writes (full disk)', () => {
		const storage = memoryStorage();
		const safe = createSafeStorage(() => storage);
		storage.setItem = () => {
			throw new DOMException('full', 'QuotaExceededError');
		};
		expect(safe.set('seekh.lang', 'ur')).toBe(false);
		expect(safe.get('seekh.lang')).toBe('ur');
	});
});
