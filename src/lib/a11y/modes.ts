/**
 * The accessibility modes a learner can switch on, as plain data. Pure TypeScript (no Svelte,
 * no DOM) so validation, timers and the <html> attribute mapping are tested under Node and
 * the same rules can run in the pre-paint script and in sync.
 */

export const TEXT_SCALES = [100, 125, 150, 175, 200] as const;
export type TextScale = (typeof TEXT_SCALES)[number];

/** `system` follows the device's light/dark preference. */
export const THEMES = ['system', 'light', 'dark', 'high-contrast'] as const;
export type Theme = (typeof THEMES)[number];

/** `standard` keeps a timer as authored, `extended` gives ten times as long, `off` never times out. */
export const TIMINGS = ['standard', 'extended', 'off'] as const;
export type Timing = (typeof TIMINGS)[number];

export const SPEECH_RATES = [0.75, 1, 1.25, 1.5] as const;
export type SpeechRate = (typeof SPEECH_RATES)[number];

export interface AccessibilityModes {
	textScale: TextScale;
	theme: Theme;
	/** WCAG 1.4.12 spacing, start-aligned text. */
	spacedReading: boolean;
	/** OpenDyslexic for Latin script only; Arabic-script text keeps its own font. */
	dyslexiaFont: boolean;
	/** On top of the device's prefers-reduced-motion, which is always honoured. */
	reduceMotion: boolean;
	easyRead: boolean;
	readAloud: boolean;
	speechRate: SpeechRate;
	/** Read Punjabi and Saraiki with an Urdu voice: only when the learner chose it. */
	urduVoiceForRegional: boolean;
	timing: Timing;
}

export type ModeKey = keyof AccessibilityModes;

export const DEFAULT_MODES: Readonly<AccessibilityModes> = Object.freeze({
	textScale: 100,
	theme: 'system',
	spacedReading: false,
	dyslexiaFont: false,
	reduceMotion: false,
	easyRead: false,
	readAloud: false,
	speechRate: 1,
	urduVoiceForRegional: false,
	timing: 'standard'
});

const CHOICES: { [K in ModeKey]: readonly AccessibilityModes[K][] } = {
	textScale: TEXT_SCALES,
	theme: THEMES,
	spacedReading: [false, true],
	dyslexiaFont: [false, true],
	reduceMotion: [false, true],
	easyRead: [false, true],
	readAloud: [false, true],
	speechRate: SPEECH_RATES,
	urduVoiceForRegional: [false, true],
	timing: TIMINGS
};

export const MODE_KEYS = Object.keys(CHOICES) as ModeKey[];

export function isModeKey(key: unknown): key is ModeKey {
	return typeof key === 'string' && (MODE_KEYS as string[]).includes(key);
}

/** True when `value` is an allowed value for `key` (used for stored and synced values alike). */
export function isValidMode<K extends ModeKey>(key: K, value: unknown): value is AccessibilityModes[K] {
	return (CHOICES[key] as readonly unknown[]).includes(value);
}

/**
 * Any stored or synced value to valid modes. Each field is checked on its own, so one bad field
 * (an old version, a hand-edited value) falls back to its default and keeps the others.
 */
export function parseModes(raw: unknown): AccessibilityModes {
	let input: unknown = raw;
	if (typeof raw === 'string') {
		try {
			input = JSON.parse(raw);
		} catch {
			input = null;
		}
	}
	const modes: AccessibilityModes = { ...DEFAULT_MODES };
	if (input === null || typeof input !== 'object' || Array.isArray(input)) return modes;
	const record = input as Record<string, unknown>;
	for (const key of MODE_KEYS) {
		if (isValidMode(key, record[key])) (modes as unknown as Record<string, unknown>)[key] = record[key];
	}
	return modes;
}

/**
 * The time a learner gets for a timed task of `seconds`, or `null` for no limit at all.
 * Every timer in Seekh goes through this, so "no time pressure" holds everywhere.
 * @example const limit = timeLimitFor(60, modes.timing); if (limit !== null) startTimer(limit);
 */
export function timeLimitFor(seconds: number, timing: Timing): number | null {
	if (timing === 'off' || !Number.isFinite(seconds) || seconds <= 0) return null;
	return timing === 'extended' ? seconds * 10 : seconds;
}
