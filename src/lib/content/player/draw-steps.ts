import type { Block, Inline } from '../pack-types';

/**
 * A lesson is drawn in steps, a screenful first and the rest in later tasks (issue 17). Drawn at
 * once, an Urdu lesson was one 400 ms task on a 4× slowed CPU, then a 170 ms layout of all its
 * Nastaliq: the phone could not answer a tap for over half a second while the page looked ready.
 * Steps of a few hundred characters keep each task (the draw, then its layout) near 50 ms. Text
 * only grows at the end of what is drawn, below the first screen, so nothing on screen moves.
 */

/** About a 360×640 screen of Nastaliq under the header: the first step. */
export const FIRST_STEP_CHARS = 500;
/** The most text a screen holds, as `firstStepChars()` counts it (a 1,280×410 window or so). */
export const MAX_SCREEN_CHARS = 1500;
/**
 * The first step fills the learner's screen (about 350 px² a character of Nastaliq body text),
 * so the hand-over from the painted copy, which shows the whole lesson, never blanks a part
 * of the screen for a frame; never less than `FIRST_STEP_CHARS`, never more than 1,500.
 */
export function firstStepChars(): number {
	// The device's screen, not the window: reading innerWidth makes Chromium lay out whatever the
	// page has just drawn, inside the task that is drawing (18% of the lesson's mount in a trace).
	// A phone's window is its screen less the bars, so this is a little more than a screenful.
	if (typeof screen === 'undefined' || !screen.width) return FIRST_STEP_CHARS;
	return Math.min(
		MAX_SCREEN_CHARS,
		Math.max(FIRST_STEP_CHARS, Math.round((screen.width * screen.height) / 350))
	);
}

/**
 * Each later step: its draw and its layout stay short tasks on a slow phone. 500 characters
 * were 54–67 ms of script and then 26–70 ms of layout on a 4× slowed CPU, each over the 50 ms
 * that count as blocking; half of that stays under it.
 */
export const STEP_CHARS = 250;

function inlineChars(runs: Inline[]): number {
	let n = 0;
	for (const r of runs) n += 'v' in r ? r.v.length : 'c' in r ? inlineChars(r.c) : 1;
	return n;
}

/** How much drawing a block costs, in characters of text; an exercise fills a step alone. */
export function blockChars(block: Block): number {
	switch (block.t) {
		case 'heading':
		case 'paragraph':
			return inlineChars(block.c);
		case 'list':
			return block.items.reduce((n, item) => n + item.reduce((m, b) => m + blockChars(b), 0), 0);
		case 'callout':
			return block.c.reduce((n, b) => n + blockChars(b), 0);
		case 'image':
			return 50;
		case 'exercise':
			return STEP_CHARS;
	}
}

/**
 * The index of the first top-level block with a large screen's worth of text before it: from
 * there on, text blocks can wait to be laid out until they near the screen (`paint-later`), as
 * none of them is on the first screen (the lesson's length if there is no such block).
 */
export function heldFrom(blocks: Block[]): number {
	let chars = 0;
	for (let i = 0; i < blocks.length; i++) {
		if (chars >= MAX_SCREEN_CHARS) return i;
		chars += blockChars(blocks[i]!);
	}
	return blocks.length;
}

/**
 * How many of the lesson's top-level blocks are drawn after each step: increasing, the last one
 * is all of them (at least one step, and every step adds at least one block, in reading order).
 */
export function drawSteps(blocks: Block[], first = FIRST_STEP_CHARS, step = STEP_CHARS): number[] {
	const counts: number[] = [];
	let budget = first;
	let used = 0;
	blocks.forEach((block, i) => {
		const chars = blockChars(block);
		// A block that would overflow a step that already has something starts the next one.
		if (used > 0 && used + chars > budget) {
			counts.push(i);
			budget = step;
			used = 0;
		}
		used += chars;
	});
	counts.push(blocks.length);
	return counts;
}

/**
 * The step after which the drawn blocks hold at least `chars` characters (or every block): when
 * the lesson is drawn in small steps under the server's painted copy, the copy goes at that
 * step, with the learner's screen filled.
 */
export function screenStep(blocks: Block[], steps: number[], chars: number): number {
	let drawn = 0;
	let counted = 0;
	for (let i = 0; i < steps.length; i++) {
		for (; counted < steps[i]!; counted++) drawn += blockChars(blocks[counted]!);
		if (drawn >= chars) return i;
	}
	return steps.length - 1;
}

/**
 * The next task after the browser has drawn a frame, so each step is laid out on its own. A
 * hidden tab draws no frames: it goes on after a short timer instead.
 */
export function afterNextFrame(): Promise<void> {
	return new Promise((go) => {
		const fallback = setTimeout(go, 100);
		requestAnimationFrame(() => {
			clearTimeout(fallback);
			setTimeout(go);
		});
	});
}
