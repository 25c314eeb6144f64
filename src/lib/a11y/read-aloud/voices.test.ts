import { describe, expect, it } from 'vitest';
import { chooseVoice, voiceSpeaks, type VoiceLike } from './voices';

const voice = (lang: string, extra: Partial<VoiceLike> = {}): VoiceLike => ({
	name: `${lang} voice`,
	lang,
	localService: false,
	default: false,
	...extra
});

/** Roughly what Chrome on an Android phone in Pakistan lists. */
const android = [
	voice('en-US', { default: true }),
	voice('en-GB'),
	voice('ur-PK'),
	voice('ur-IN'),
	voice('sd-IN'),
	voice('pa-IN'),
	voice('hi-IN'),
	voice('ar-SA')
];

describe('voiceSpeaks', () => {
	it('matches the primary subtag exactly, in any case or separator', () => {
		expect(voiceSpeaks('ur-PK', 'ur')).toBe(true);
		expect(voiceSpeaks('UR_pk', 'ur')).toBe(true);
		expect(voiceSpeaks('ur', 'ur')).toBe(true);
		expect(voiceSpeaks('en-US', 'ur')).toBe(false);
		expect(voiceSpeaks('urd', 'ur')).toBe(false);
	});

	it('accepts only Shahmukhi voices for Punjabi', () => {
		expect(voiceSpeaks('pa-IN', 'pa-Arab')).toBe(false);
		expect(voiceSpeaks('pa-Guru-IN', 'pa-Arab')).toBe(false);
		expect(voiceSpeaks('pa-PK', 'pa-Arab')).toBe(true);
		expect(voiceSpeaks('pa-Arab', 'pa-Arab')).toBe(true);
		expect(voiceSpeaks('pnb', 'pa-Arab')).toBe(true);
	});
});

describe('chooseVoice', () => {
	it('picks an exact voice, preferring one that works offline', () => {
		const local = voice('ur-IN', { localService: true });
		expect(chooseVoice([...android, local], 'ur', false)).toEqual({ kind: 'exact', voice: local });
		expect(chooseVoice(android, 'sd', false)).toMatchObject({ kind: 'exact', voice: { lang: 'sd-IN' } });
		expect(chooseVoice(android, 'en', false)).toMatchObject({ kind: 'exact', voice: { lang: 'en-US' } });
	});

	it('never falls back to English or Arabic for Pashto and Balochi', () => {
		expect(chooseVoice(android, 'ps', true)).toEqual({ kind: 'none', urduAvailable: false });
		expect(chooseVoice(android, 'bal', true)).toEqual({ kind: 'none', urduAvailable: false });
	});

	it('offers the Urdu voice for Punjabi and Saraiki only when chosen', () => {
		expect(chooseVoice(android, 'pa-Arab', false)).toEqual({ kind: 'none', urduAvailable: true });
		expect(chooseVoice(android, 'skr', false)).toEqual({ kind: 'none', urduAvailable: true });
		expect(chooseVoice(android, 'pa-Arab', true)).toMatchObject({
			kind: 'urdu-substitute',
			voice: { lang: 'ur-PK' }
		});
		expect(chooseVoice(android, 'skr', true)).toMatchObject({
			kind: 'urdu-substitute',
			voice: { lang: 'ur-PK' }
		});
	});

	it('says there is nothing when no voice exists at all (headless, some desktops)', () => {
		expect(chooseVoice([], 'ur', true)).toEqual({ kind: 'none', urduAvailable: false });
		expect(chooseVoice([voice('en-US')], 'ur', true)).toEqual({ kind: 'none', urduAvailable: false });
	});
});
