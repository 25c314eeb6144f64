/**
 * The read-aloud queue: one utterance per sentence, play/pause/next/previous, speed. Pure
 * TypeScript over a small speech port, so it is tested without a browser.
 *
 * Pause cancels and resume restarts the current sentence: speechSynthesis.pause() is unreliable
 * on Android Chrome, and a sentence is short enough to hear again.
 */

export interface SpeakOptions {
	lang: string;
	rate: number;
}

export interface SpeechPort {
	/** Speak one sentence; exactly one of the callbacks follows (unless cancelled). */
	speak(text: string, options: SpeakOptions, done: { end(): void; error(code: string): void }): void;
	cancel(): void;
}

export type ReadAloudState = 'idle' | 'playing' | 'paused' | 'finished' | 'failed';

export interface ReadAloudSnapshot {
	state: ReadAloudState;
	/** The sentence being (or about to be) read, -1 before the first. */
	index: number;
	total: number;
	error?: string;
}

export class ReadAloudQueue {
	#sentences: string[] = [];
	#index = -1;
	#state: ReadAloudState = 'idle';
	#error: string | undefined;
	/** Bumped on every cancel so a late `end` from an old utterance is ignored. */
	#generation = 0;
	#lang: string;
	rate: number;

	constructor(
		private readonly port: SpeechPort,
		private readonly onUpdate: (snapshot: ReadAloudSnapshot) => void,
		options: SpeakOptions
	) {
		this.#lang = options.lang;
		this.rate = options.rate;
	}

	get snapshot(): ReadAloudSnapshot {
		const base = { state: this.#state, index: this.#index, total: this.#sentences.length };
		return this.#error ? { ...base, error: this.#error } : base;
	}

	/** New content (another lesson, or the easy version): stops and starts from the top. */
	load(sentences: string[]): void {
		this.#halt();
		this.#sentences = sentences;
		this.#index = -1;
		this.#set('idle');
	}

	play(): void {
		if (this.#sentences.length === 0) return;
		if (this.#index < 0 || this.#state === 'finished') this.#index = 0;
		this.#speakCurrent();
	}

	pause(): void {
		if (this.#state !== 'playing') return;
		this.#halt();
		this.#set('paused');
	}

	toggle(): void {
		if (this.#state === 'playing') this.pause();
		else this.play();
	}

	next(): void {
		this.#jump(this.#index + 1);
	}

	previous(): void {
		this.#jump(Math.max(0, this.#index - 1));
	}

	/** Start from one sentence (e.g. the learner tapped it). */
	jumpTo(index: number): void {
		this.#jump(index);
	}

	stop(): void {
		this.#halt();
		this.#index = -1;
		this.#set('idle');
	}

	setRate(rate: number): void {
		this.rate = rate;
		if (this.#state === 'playing') this.#speakCurrent();
	}

	setLang(lang: string): void {
		this.#lang = lang;
		if (this.#state === 'playing') this.#speakCurrent();
	}

	#jump(index: number) {
		if (index >= this.#sentences.length) {
			this.#halt();
			this.#index = this.#sentences.length - 1;
			this.#set('finished');
			return;
		}
		this.#index = index;
		if (this.#state === 'playing') this.#speakCurrent();
		else {
			this.#halt();
			this.#set(this.#state === 'finished' || this.#state === 'idle' ? 'paused' : this.#state);
		}
	}

	#speakCurrent() {
		this.#halt();
		const generation = this.#generation;
		const text = this.#sentences[this.#index] as string;
		this.#error = undefined;
		this.#set('playing');
		this.port.speak(
			text,
			{ lang: this.#lang, rate: this.rate },
			{
				end: () => {
					if (generation !== this.#generation) return;
					this.#jump(this.#index + 1);
				},
				error: (code) => {
					// Our own cancel reports 'interrupted' or 'canceled': not a failure.
					if (generation !== this.#generation || code === 'interrupted' || code === 'canceled') return;
					this.#halt();
					this.#error = code;
					this.#set('failed');
				}
			}
		);
	}

	#halt() {
		this.#generation++;
		this.port.cancel();
	}

	#set(state: ReadAloudState) {
		this.#state = state;
		this.onUpdate(this.snapshot);
	}
}
