import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_MODES } from '$lib/a11y/modes';
import { A11Y_KEY, AccessibilitySettings, applyModes } from './accessibility.svelte';
import { createSafeStorage } from './safe-storage';

function memoryStorage(initial: Record<string, string> = {}) {
	const data = new Map(Object.entries(initial));
	return createSafeStorage(() => ({
		getItem: (k: string) => data.get(k) ?? null,
		setItem: (k: string, v: string) => void data.set(k, v),
		removeItem: (k: string) => void data.delete(k),
		clear: () => data.clear(),
		key: () => null,
		length: 0
	}));
}

describe('AccessibilitySettings', () => {
	it('reads stored modes, validating each field', () => {
		const storage = memoryStorage({ [A11Y_KEY]: JSON.stringify({ theme: 'dark', textScale: 999 }) });
		const settings = new AccessibilitySettings(storage);
		expect(settings.modes).toEqual({ ...DEFAULT_MODES, theme: 'dark' });
	});

	it('stores a change and tells the sync hook, once', () => {
		const storage = memoryStorage();
		const settings = new AccessibilitySettings(storage);
		const listener = vi.fn();
		settings.onChange(listener);
		settings.set('easyRead', true);
		settings.set('easyRead', true);
		expect(listener).toHaveBeenCalledExactlyOnceWith('easyRead', true, 'device');
		expect(JSON.parse(storage.get(A11Y_KEY) ?? '{}')).toMatchObject({ easyRead: true });
		expect(new AccessibilitySettings(storage).modes.easyRead).toBe(true);
	});

	it('applies valid values from the account and refuses the rest', () => {
		const settings = new AccessibilitySettings(memoryStorage());
		const listener = vi.fn();
		const stop = settings.onChange(listener);
		expect(settings.applyFromAccount('theme', 'high-contrast')).toBe(true);
		expect(settings.applyFromAccount('theme', 'purple')).toBe(false);
		expect(settings.applyFromAccount('__proto__', true)).toBe(false);
		expect(listener).toHaveBeenCalledExactlyOnceWith('theme', 'high-contrast', 'account');
		stop();
		settings.set('theme', 'dark');
		expect(listener).toHaveBeenCalledTimes(1);
	});

	it('puts the modes on <html>', () => {
		const root = document.createElement('html');
		const modes = { ...DEFAULT_MODES, textScale: 150 as const, spacedReading: true };
		applyModes(modes, root, { prefersDark: false, prefersReducedMotion: false });
		expect(root.dataset.theme).toBe('light');
		expect(root.hasAttribute('data-spaced-reading')).toBe(true);
		expect(root.style.getPropertyValue('--text-scale')).toBe('1.5');
		applyModes(DEFAULT_MODES, root, { prefersDark: false, prefersReducedMotion: false });
		expect(root.hasAttribute('data-spaced-reading')).toBe(false);
	});
});
