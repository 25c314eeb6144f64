import { describe, expect, it } from 'vitest';
import { ReadAloudQueue, type ReadAloudSnapshot, type SpeechPort } from './queue';

/** A speech port that records calls and lets the test finish or fail the current utterance. */
function fakePort() {
	const spoken: { text: string; lang: string; rate: number }[] = [];
	let current: { end(): void; error(code: string): void } | undefined;
	let cancels = 0;
	const port: SpeechPort = {
		speak(text, options, done) {
			spoken.push({ text, ...options });
			current = done;
		},
		cancel() {
			cancels++;
		}
	};
	return {
		port,
		spoken,
		cancels: () => cancels,
		finish: () => current?.end(),
		fail: (code: string) => current?.error(code)
	};
}

function setup(sentences = ['One.', 'Two.', 'Three.']) {
	const fake = fakePort();
	const updates: ReadAloudSnapshot[] = [];
	const queue = new ReadAloudQueue(fake.port, (s) => updates.push(s), { lang: 'ur-PK', rate: 1 });
	queue.load(sentences);
	return { fake, queue, updates, last: () => updates.at(-1) };
}

describe('ReadAloudQueue', () => {
	it('reads every sentence in order with the language set, then finishes', () => {
		const { fake, queue, last } = setup();
		queue.play();
		fake.finish();
		fake.finish();
		expect(last()).toEqual({ state: 'playing', index: 2, total: 3 });
		fake.finish();
		expect(fake.spoken.map((s) => s.text)).toEqual(['One.', 'Two.', 'Three.']);
		expect(fake.spoken.every((s) => s.lang === 'ur-PK')).toBe(true);
		expect(last()).toEqual({ state: 'finished', index: 2, total: 3 });
	});

	it('pauses by cancelling and resumes the same sentence', () => {
		const { fake, queue, last } = setup();
		queue.play();
		fake.finish();
		queue.pause();
		expect(last()).toMatchObject({ state: 'paused', index: 1 });
		fake.finish(); // a late end from the cancelled utterance must not advance
		expect(last()).toMatchObject({ state: 'paused', index: 1 });
		queue.toggle();
		expect(fake.spoken.map((s) => s.text)).toEqual(['One.', 'Two.', 'Two.']);
	});

	it('skips forward and back while playing', () => {
		const { fake, queue, last } = setup();
		queue.play();
		queue.next();
		queue.next();
		queue.previous();
		expect(fake.spoken.map((s) => s.text)).toEqual(['One.', 'Two.', 'Three.', 'Two.']);
		expect(last()).toMatchObject({ state: 'playing', index: 1 });
		queue.next();
		queue.next();
		expect(last()).toMatchObject({ state: 'finished' });
	});

	it('restarts the sentence at a new speed', () => {
		const { fake, queue } = setup();
		queue.play();
		queue.setRate(1.5);
		expect(fake.spoken.at(-1)).toEqual({ text: 'One.', lang: 'ur-PK', rate: 1.5 });
	});

	it('ignores its own interruptions but reports a real failure', () => {
		const { fake, queue, last } = setup();
		queue.play();
		fake.fail('interrupted');
		expect(last()).toMatchObject({ state: 'playing' });
		fake.fail('language-unavailable');
		expect(last()).toEqual({ state: 'failed', index: 0, total: 3, error: 'language-unavailable' });
	});

	it('does nothing with no sentences, and stop goes back to the start', () => {
		const { fake, queue, last } = setup([]);
		queue.play();
		expect(fake.spoken).toEqual([]);
		queue.load(['A.', 'B.']);
		queue.play();
		queue.stop();
		expect(last()).toEqual({ state: 'idle', index: -1, total: 2 });
		expect(fake.cancels()).toBeGreaterThan(0);
	});
});
