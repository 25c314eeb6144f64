/**
 * A k-nearest-neighbours classifier for 8×8 drawings, written out in full so the lesson can
 * show its reasoning: each drawing is first moved to the middle of the grid (so where it was
 * drawn does not matter), the distance between two drawings is the number of squares that
 * differ, and a new drawing gets the label its k nearest examples vote for — nearer examples
 * get a bigger vote (1 / (1 + distance)), so an exact match is not outvoted by two far ones.
 */
export const GRID_SIZE = 8;
export const CELLS = GRID_SIZE * GRID_SIZE;

export interface Example {
	label: string;
	pixels: readonly boolean[];
}

export interface Neighbour {
	/** Position in the training list, so the UI can show the same example. */
	index: number;
	example: Example;
	distance: number;
}

export interface Prediction {
	label: string;
	neighbours: Neighbour[];
	/** How many of the neighbours had each label. */
	votes: Record<string, number>;
}

/** The drawing shifted so its filled squares sit in the middle of the grid. */
export function centre(pixels: readonly boolean[]): boolean[] {
	let top = GRID_SIZE,
		bottom = -1,
		start = GRID_SIZE,
		end = -1;
	for (let i = 0; i < CELLS; i++) {
		if (!pixels[i]) continue;
		const row = Math.floor(i / GRID_SIZE),
			col = i % GRID_SIZE;
		top = Math.min(top, row);
		bottom = Math.max(bottom, row);
		start = Math.min(start, col);
		end = Math.max(end, col);
	}
	const out = new Array<boolean>(CELLS).fill(false);
	if (bottom < 0) return out;
	const down = Math.floor((GRID_SIZE - 1 - bottom - top) / 2);
	const across = Math.floor((GRID_SIZE - 1 - end - start) / 2);
	for (let i = 0; i < CELLS; i++) {
		if (pixels[i]) out[(Math.floor(i / GRID_SIZE) + down) * GRID_SIZE + (i % GRID_SIZE) + across] = true;
	}
	return out;
}

/** Squares that are filled in one drawing and empty in the other, after centring both. */
export function distance(a: readonly boolean[], b: readonly boolean[]): number {
	const ca = centre(a);
	const cb = centre(b);
	let d = 0;
	for (let i = 0; i < CELLS; i++) if (ca[i] !== cb[i]) d++;
	return d;
}

/** The k nearest examples, nearest first; equal distances keep training order. */
export function nearest(train: readonly Example[], pixels: readonly boolean[], k: number): Neighbour[] {
	return train
		.map((example, index) => ({ index, example, distance: distance(example.pixels, pixels) }))
		.sort((a, b) => a.distance - b.distance || a.index - b.index)
		.slice(0, k);
}

/** Distance-weighted vote of the k nearest; a tie goes to the label of the nearest example. */
export function predict(train: readonly Example[], pixels: readonly boolean[], k = 3): Prediction | null {
	if (train.length === 0) return null;
	const neighbours = nearest(train, pixels, k);
	const votes: Record<string, number> = {};
	const weight: Record<string, number> = {};
	for (const { example, distance } of neighbours) {
		votes[example.label] = (votes[example.label] ?? 0) + 1;
		weight[example.label] = (weight[example.label] ?? 0) + 1 / (1 + distance);
	}
	const top = Math.max(...Object.values(weight));
	const label = neighbours.find((n) => weight[n.example.label] === top)?.example.label ?? '';
	return { label, neighbours, votes };
}

/**
 * Keeps every third example of each label aside (the 3rd, 6th, ...), so accuracy is measured
 * on drawings the classifier never saw — the honest test of whether it generalises.
 */
export function splitHoldout(examples: readonly Example[]): { train: Example[]; test: Example[] } {
	const seen: Record<string, number> = {};
	const train: Example[] = [];
	const test: Example[] = [];
	for (const example of examples) {
		const n = (seen[example.label] = (seen[example.label] ?? 0) + 1);
		(n % 3 === 0 ? test : train).push(example);
	}
	return { train, test };
}

/** How many held-out examples the classifier labels correctly. */
export function holdoutAccuracy(train: readonly Example[], test: readonly Example[], k = 3) {
	const correct = test.filter((e) => predict(train, e.pixels, k)?.label === e.label).length;
	return { correct, total: test.length };
}

/** Parses a drawing written as 8 rows of `#` (filled) and `.` (empty) — for tests and samples. */
export function fromRows(rows: readonly string[]): boolean[] {
	return rows
		.join('')
		.split('')
		.map((c) => c === '#');
}
