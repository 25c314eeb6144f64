import {
	DEFAULT_MODES,
	isModeKey,
	isValidMode,
	parseModes,
	type AccessibilityModes,
	type ModeKey
} from '$lib/a11y/modes';
import { htmlAttributes, textScaleValue, type DevicePreferences } from '$lib/a11y/html-attributes';
import { createSafeStorage, type SafeStorage } from './safe-storage';

/** One JSON value, so the pre-paint script in app.html reads it in a single call. */
export const A11Y_KEY = 'seekh.a11y';

/** Who changed a mode: the learner on this device, or their account (sync). */
export type ChangeSource = 'device' | 'account';
export type ModesListener = <K extends ModeKey>(
	key: K,
	value: AccessibilityModes[K],
	source: ChangeSource
) => void;

/**
 * Accessibility modes for this device. Stored locally (work offline, validated when read);
 * once an account is linked, sync subscribes with `onChange` and emits `setting_changed`, and
 * applies the account's values with `applyFromAccount`.
 */
export class AccessibilitySettings {
	modes = $state<AccessibilityModes>({ ...DEFAULT_MODES });
	readonly storage: SafeStorage;
	// Plain Set on purpose: listeners are wiring, not state any component renders.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#listeners = new Set<ModesListener>();

	constructor(storage: SafeStorage = createSafeStorage()) {
		this.storage = storage;
		this.modes = parseModes(storage.get(A11Y_KEY));
	}

	/** Set one mode from the learner's own choice; invalid values are ignored. */
	set<K extends ModeKey>(key: K, value: AccessibilityModes[K]): void {
		this.#write(key, value, 'device');
	}

	/**
	 * The single hook for sync: `listener` hears every change the learner makes on this device
	 * (source 'device') and every value applied from the account (source 'account', so sync
	 * can skip echoing it back). Returns an unsubscribe function.
	 */
	onChange(listener: ModesListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** A `setting_changed` event from the account: validated like anything read from storage. */
	applyFromAccount(key: unknown, value: unknown): boolean {
		if (!isModeKey(key) || !isValidMode(key, value)) return false;
		this.#write(key, value, 'account');
		return true;
	}

	reset(): void {
		for (const key of Object.keys(DEFAULT_MODES) as ModeKey[]) this.set(key, DEFAULT_MODES[key]);
	}

	#write<K extends ModeKey>(key: K, value: AccessibilityModes[K], source: ChangeSource) {
		if (!isValidMode(key, value) || this.modes[key] === value) return;
		this.modes[key] = value;
		this.storage.set(A11Y_KEY, JSON.stringify(this.modes));
		for (const listener of this.#listeners) listener(key, value, source);
	}
}

/** Put the modes on <html> as data attributes (CSS in styles/modes.css does the rest). */
export function applyModes(modes: AccessibilityModes, root: HTMLElement, device: DevicePreferences): void {
	// Only what changes is written: the pre-paint script in app.html has already set the same
	// values, and any write to <html> makes the browser restyle the whole page, the painted one
	// included, at the app's start on a slow phone (issue 17).
	for (const [name, value] of Object.entries(htmlAttributes(modes, device))) {
		if (value === null) {
			if (root.hasAttribute(name)) root.removeAttribute(name);
		} else if (root.getAttribute(name) !== value) root.setAttribute(name, value);
	}
	const scale = textScaleValue(modes);
	if (root.style.getPropertyValue('--text-scale') !== scale) root.style.setProperty('--text-scale', scale);
}

/** The device's own preferences, live: the callback runs when the learner changes them. */
export function watchDevicePreferences(onChange: (prefs: DevicePreferences) => void): () => void {
	if (typeof matchMedia !== 'function') {
		onChange({ prefersDark: false, prefersReducedMotion: false });
		return () => {};
	}
	const dark = matchMedia('(prefers-color-scheme: dark)');
	const motion = matchMedia('(prefers-reduced-motion: reduce)');
	const emit = () => onChange({ prefersDark: dark.matches, prefersReducedMotion: motion.matches });
	dark.addEventListener('change', emit);
	motion.addEventListener('change', emit);
	emit();
	return () => {
		dark.removeEventListener('change', emit);
		motion.removeEventListener('change', emit);
	};
}

/**
 * Keeps <html> in step with the modes and the device's own preferences for the life of the
 * calling component (the root layout). Call during component initialisation.
 */
export function bindModesToDocument(settings: AccessibilitySettings): void {
	// Read now, not only when the watch starts: a first write with a guessed "light" would flip
	// <html> there and back on a phone set to dark.
	const mq = (q: string) => typeof matchMedia === 'function' && matchMedia(q).matches;
	let device = $state<DevicePreferences>({
		prefersDark: mq('(prefers-color-scheme: dark)'),
		prefersReducedMotion: mq('(prefers-reduced-motion: reduce)')
	});
	$effect(() => watchDevicePreferences((prefs) => (device = prefs)));
	$effect(() => applyModes(settings.modes, document.documentElement, device));
}

let instance: AccessibilitySettings | undefined;

/** The one instance for the page (created lazily so tests can build their own). */
export function accessibilitySettings(): AccessibilitySettings {
	instance ??= new AccessibilitySettings();
	return instance;
}
