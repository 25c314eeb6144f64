import type { SpeechPort } from './queue';
import type { VoiceLike } from './voices';

/** True when this browser has speech synthesis at all. */
export function hasSpeechSynthesis(): boolean {
	return (
		typeof window !== 'undefined' &&
		'speechSynthesis' in window &&
		typeof SpeechSynthesisUtterance === 'function'
	);
}

/**
 * The browser's voices. Chrome fills the list asynchronously, so this waits for
 * `voiceschanged` (or gives up after `timeoutMs` with whatever there is — possibly nothing).
 */
export function loadVoices(timeoutMs = 1500): Promise<SpeechSynthesisVoice[]> {
	if (!hasSpeechSynthesis()) return Promise.resolve([]);
	const synth = window.speechSynthesis;
	const now = synth.getVoices();
	if (now.length > 0) return Promise.resolve(now);
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			synth.removeEventListener('voiceschanged', done);
			resolve(synth.getVoices());
		};
		const timer = setTimeout(done, timeoutMs);
		synth.addEventListener('voiceschanged', done);
	});
}

/**
 * The speech port over the Web Speech API with one fixed voice. `utterance.lang` is always set
 * explicitly to the voice's language: left empty, Chrome reads with the page's default voice.
 */
export function webSpeechPort(voice: SpeechSynthesisVoice & VoiceLike): SpeechPort {
	const synth = window.speechSynthesis;
	return {
		speak(text, options, done) {
			const utterance = new SpeechSynthesisUtterance(text);
			utterance.voice = voice;
			utterance.lang = options.lang;
			utterance.rate = options.rate;
			utterance.onend = () => done.end();
			utterance.onerror = (event) => done.error(event.error);
			synth.speak(utterance);
		},
		cancel() {
			synth.cancel();
		}
	};
}
