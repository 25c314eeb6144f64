import type { LanguageCode } from '$lib/i18n/languages';

/** The parts of SpeechSynthesisVoice the rules need (so tests run without a browser). */
export interface VoiceLike {
	name: string;
	lang: string;
	localService: boolean;
	default: boolean;
}

export type VoiceChoice<V extends VoiceLike = VoiceLike> =
	| { kind: 'exact'; voice: V }
	/** Urdu voice for Punjabi or Saraiki: only when the learner asked for it. */
	| { kind: 'urdu-substitute'; voice: V }
	/** No voice speaks this language; `urduAvailable` says whether the learner could choose Urdu. */
	| { kind: 'none'; urduAvailable: boolean };

/** Languages close enough to Urdu that an Urdu voice is understandable — as an explicit choice. */
const URDU_SUBSTITUTE_FOR: readonly LanguageCode[] = ['pa-Arab', 'skr'];

function subtags(tag: string): string[] {
	return tag.replace(/_/g, '-').toLowerCase().split('-');
}

/**
 * Does a voice speak this content language? Exact primary subtag only: Chrome lists voices
 * whose packs are not installed and then reads in English, so a near match is worse than none.
 * Punjabi is special: a `pa-IN`/`pa-Guru` voice expects Gurmukhi, so for Shahmukhi only
 * `pnb`, `pa-PK` or `pa-Arab` count.
 */
export function voiceSpeaks(voiceLang: string, content: LanguageCode): boolean {
	const [primary, ...rest] = subtags(voiceLang);
	if (content === 'pa-Arab') {
		return primary === 'pnb' || (primary === 'pa' && (rest.includes('pk') || rest.includes('arab')));
	}
	return primary === subtags(content)[0];
}

/** Prefer voices that work offline, then the platform default, then keep the list order. */
function best<V extends VoiceLike>(voices: V[]): V | undefined {
	return [...voices].sort(
		(a, b) => Number(b.localService) - Number(a.localService) || Number(b.default) - Number(a.default)
	)[0];
}

/**
 * Picks the voice for content in `content`, never a voice of another language (so Arabic-script
 * text is never read with an English voice), except the Urdu voice for Punjabi and Saraiki when
 * `allowUrdu` is set.
 */
export function chooseVoice<V extends VoiceLike>(
	voices: readonly V[],
	content: LanguageCode,
	allowUrdu: boolean
): VoiceChoice<V> {
	const exact = best(voices.filter((v) => voiceSpeaks(v.lang, content)));
	if (exact) return { kind: 'exact', voice: exact };
	const urdu = URDU_SUBSTITUTE_FOR.includes(content)
		? best(voices.filter((v) => voiceSpeaks(v.lang, 'ur')))
		: undefined;
	if (urdu && allowUrdu) return { kind: 'urdu-substitute', voice: urdu };
	return { kind: 'none', urduAvailable: urdu !== undefined };
}
