import { describe, expect, it } from 'vitest';
import { moveInGrid } from './grid-keys';
import {
	centre,
	distance,
	fromRows,
	holdoutAccuracy,
	nearest,
	predict,
	splitHoldout,
	type Example
} from './knn';

/** A small pattern placed at a row and column of an empty 8×8 grid. */
function place(pattern: string[], row: number, col: number): boolean[] {
	const rows = Array.from({ length: 8 }, () => '.'.repeat(8).split(''));
	pattern.forEach((line, r) => line.split('').forEach((c, k) => (rows[row + r]![col + k] = c)));
	return fromRows(rows.map((r) => r.join('')));
}
const ring = ['.##.', '#..#', '#..#', '.##.'];
const x = ['#..#', '.##.', '.##.', '#..#'];
const bigRing = fromRows([
	'..####..',
	'.#....#.',
	'#......#',
	'#......#',
	'#......#',
	'#......#',
	'.#....#.',
	'..####..'
]);
const bigX = fromRows([
	'#......#',
	'.#....#.',
	'..#..#..',
	'...##...',
	'...##...',
	'..#..#..',
	'.#....#.',
	'#......#'
]);

const boxRing = fromRows([
	'........',
	'.######.',
	'.#....#.',
	'.#....#.',
	'.#....#.',
	'.#....#.',
	'.######.',
	'........'
]);
const plus = fromRows([
	'........',
	'...#....',
	'...#....',
	'.#####..',
	'...#....',
	'...#....',
	'........',
	'........'
]);

describe('k-nearest-neighbours classifier', () => {
	it('centres drawings, so where a shape is drawn does not matter', () => {
		expect(centre(place(ring, 0, 0))).toEqual(place(ring, 2, 2));
		expect(distance(place(ring, 0, 0), place(ring, 4, 4))).toBe(0);
		expect(distance(place(ring, 0, 0), place(x, 0, 0))).toBe(16);
		expect(distance(bigRing, bigX)).toBe(28);
		expect(centre(new Array<boolean>(64).fill(false))).not.toContain(true);
	});

	it('predicts by the weighted vote of the 3 nearest and explains with them', () => {
		const train: Example[] = [
			{ label: 'circle', pixels: place(ring, 0, 0) },
			{ label: 'circle', pixels: bigRing },
			{ label: 'circle', pixels: boxRing },
			{ label: 'cross', pixels: place(x, 1, 3) },
			{ label: 'cross', pixels: bigX },
			{ label: 'cross', pixels: plus }
		];
		const result = predict(train, place(ring, 3, 1));
		expect(result?.label).toBe('circle');
		expect(result?.neighbours.map((n) => [n.index, n.distance])).toEqual([
			[0, 0],
			[5, 9],
			[3, 16]
		]);
		// Two of three neighbours are crosses, but the exact match counts far more.
		expect(result?.votes).toEqual({ circle: 1, cross: 2 });
		expect(predict(train, bigX)?.label).toBe('cross');
	});

	it('breaks a tie with the nearest example, and returns nothing without training data', () => {
		const train: Example[] = [
			{ label: 'cross', pixels: bigX },
			{ label: 'circle', pixels: place(ring, 0, 0) }
		];
		expect(predict(train, place(x, 2, 2), 3)).toMatchObject({
			label: 'cross',
			votes: { cross: 1, circle: 1 }
		});
		expect(predict([], bigX)).toBeNull();
		expect(nearest(train, bigX, 1)[0]?.index).toBe(0);
	});

	it('holds out every third example per label and measures accuracy on them only', () => {
		const examples: Example[] = [
			{ label: 'circle', pixels: place(ring, 0, 0) },
			{ label: 'cross', pixels: place(x, 0, 0) },
			{ label: 'circle', pixels: bigRing },
			{ label: 'cross', pixels: bigX },
			{ label: 'circle', pixels: place(ring, 4, 4) },
			{ label: 'cross', pixels: place(x, 3, 1) }
		];
		const { train, test } = splitHoldout(examples);
		expect(train).toHaveLength(4);
		expect(test.map((e) => e.label)).toEqual(['circle', 'cross']);
		expect(holdoutAccuracy(train, test)).toEqual({ correct: 2, total: 2 });
	});

	it('misreads a big circle from small examples only: varied examples fix it', () => {
		const small: Example[] = [
			{ label: 'circle', pixels: place(ring, 0, 0) },
			{ label: 'cross', pixels: plus }
		];
		expect(predict(small, boxRing)?.label).toBe('cross');
		expect(predict([...small, { label: 'circle', pixels: bigRing }], boxRing)?.label).toBe('circle');
	});
});

describe('grid arrow keys', () => {
	it('moves by cell, mirrors left and right in RTL, and stops at the edges', () => {
		expect(moveInGrid(0, 'ArrowRight', 'ltr')).toBe(1);
		expect(moveInGrid(0, 'ArrowLeft', 'rtl')).toBe(1);
		expect(moveInGrid(0, 'ArrowLeft', 'ltr')).toBe(0);
		expect(moveInGrid(3, 'ArrowDown', 'ltr')).toBe(11);
		expect(moveInGrid(60, 'ArrowDown', 'ltr')).toBe(60);
		expect(moveInGrid(13, 'Home', 'rtl')).toBe(8);
		expect(moveInGrid(13, 'End', 'rtl')).toBe(15);
		expect(moveInGrid(13, 'x', 'rtl')).toBe(13);
	});
});
