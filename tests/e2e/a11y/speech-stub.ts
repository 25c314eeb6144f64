/**
 * Headless Chromium has no voices, so tests replace the Web Speech API in the page (through
 * addInitScript, before any app code runs) with a recorder: `window.__speech.spoken` lists
 * each utterance (text, lang, rate, voice) and `window.__speech.finish()` ends the current one.
 */
export function installSpeechStub(voices: { name: string; lang: string }[]) {
	type Utterance = {
		text: string;
		lang: string;
		rate: number;
		voice: { name: string } | null;
		onend?: (() => void) | null;
	};
	const state = {
		spoken: [] as { text: string; lang: string; rate: number; voice: string | null }[],
		current: null as Utterance | null,
		finish() {
			const utterance = state.current;
			state.current = null;
			utterance?.onend?.();
		}
	};
	class FakeUtterance {
		lang = '';
		rate = 1;
		voice: { name: string } | null = null;
		onend: (() => void) | null = null;
		onerror: ((e: { error: string }) => void) | null = null;
		constructor(public text: string) {}
	}
	const list = voices.map((v) => ({ ...v, voiceURI: v.name, localService: true, default: false }));
	const synth = {
		getVoices: () => list,
		speak(u: Utterance) {
			state.spoken.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice?.name ?? null });
			state.current = u;
		},
		cancel() {
			state.current = null;
		},
		pause() {},
		resume() {},
		addEventListener() {},
		removeEventListener() {}
	};
	Object.defineProperty(window, 'SpeechSynthesisUtterance', {
		value: FakeUtterance,
		configurable: true,
		writable: true
	});
	Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
	Object.defineProperty(window, '__speech', { value: state, configurable: true });
}
