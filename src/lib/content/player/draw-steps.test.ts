import { describe, expect, it } from 'vitest';
import type { Block } from '../pack-types';
import { blockChars, drawSteps, screenStep } from './draw-steps';

const para = (n: number): Block => ({ t: 'paragraph', c: [{ t: 'text', v: 'ا'.repeat(n) }] });

describe('drawSteps', () => {
	it('draws a short lesson in one step', () => {
		expect(drawSteps([para(100), para(100)], 500, 500)).toEqual([2]);
		expect(drawSteps([], 500, 500)).toEqual([0]);
	});

	it('draws a screenful first, then the rest in steps, every block once and in order', () => {
		const blocks = [para(200), para(200), para(200), para(300), para(300), para(100)];
		const steps = drawSteps(blocks, 500, 500);
		expect(steps).toEqual([2, 4, 6]);
		// Increasing, ending with every block: nothing is skipped or drawn twice.
		expect(steps.every((n, i) => i === 0 || n > steps[i - 1]!)).toBe(true);
		expect(steps.at(-1)).toBe(blocks.length);
	});

	it('gives a block longer than a step a step of its own', () => {
		expect(drawSteps([para(100), para(2000), para(100)], 500, 500)).toEqual([1, 2, 3]);
		expect(drawSteps([para(2000), para(100)], 500, 500)).toEqual([1, 2]);
	});

	it('counts the text inside lists, callouts and inline runs', () => {
		const list: Block = { t: 'list', ordered: false, items: [[para(10)], [para(20)]] };
		const callout: Block = {
			t: 'callout',
			kind: 'example',
			c: [{ t: 'paragraph', c: [{ t: 'strong', c: [{ t: 'text', v: 'abc' }] }, { t: 'br' }] }]
		};
		expect(blockChars(list)).toBe(30);
		expect(blockChars(callout)).toBe(4);
	});

	it('finds the step that fills the screen, or the last one', () => {
		const blocks = [para(200), para(200), para(200), para(300), para(300), para(100)];
		const steps = drawSteps(blocks, 250, 250);
		expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
		expect(screenStep(blocks, steps, 500)).toBe(2); // 600 characters after three blocks
		expect(screenStep(blocks, steps, 200)).toBe(0);
		expect(screenStep(blocks, steps, 5000)).toBe(5);
		expect(screenStep([], [0], 500)).toBe(0);
	});
});
