import type { AccessibilityModes } from './modes';

/** What the device itself asks for, read from media queries by the caller. */
export interface DevicePreferences {
	prefersDark: boolean;
	prefersReducedMotion: boolean;
}

/**
 * Modes to the data attributes set on <html>; the CSS in styles/modes.css keys off these.
 * The pre-paint script in app.html mirrors this mapping (it cannot import modules).
 */
export function htmlAttributes(
	modes: AccessibilityModes,
	device: DevicePreferences
): Record<string, string | null> {
	const theme = modes.theme === 'system' ? (device.prefersDark ? 'dark' : 'light') : modes.theme;
	return {
		'data-theme': theme,
		'data-text-scale': String(modes.textScale),
		'data-spaced-reading': modes.spacedReading ? '' : null,
		'data-dyslexia-font': modes.dyslexiaFont ? '' : null,
		'data-reduce-motion': modes.reduceMotion || device.prefersReducedMotion ? '' : null,
		'data-easy-read': modes.easyRead ? '' : null
	};
}

/** The value for the `--text-scale` custom property global.css multiplies the root font size by. */
export function textScaleValue(modes: AccessibilityModes): string {
	return String(modes.textScale / 100);
}
