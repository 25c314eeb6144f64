/**
 * Small-cell suppression for everything Seekh publishes without sign-in (/progress and its
 * downloads). A count that could point at a few people must never be shown or be recoverable:
 *
 * - 0 is shown as 0 (it describes nobody);
 * - 1–9 is shown as "<10" (primary suppression);
 * - 10 and more is rounded to the nearest 5;
 * - secondary suppression: tables that add up to a published total are checked the way an
 *   attacker would use them (every table sharing a total, every interval the rounding leaves),
 *   and more cells are withheld (shown as a dash) until no small cell can be narrowed to fewer
 *   than MIN_POSSIBLE_VALUES values.
 *
 * The attacker here is exact for this shape of publication (disjoint tables whose cells add up
 * to a shared total): one linear equation per table over integer intervals. The property tests
 * (suppress.test.ts) attack the output with an independent brute-force search.
 */

export const SMALL = 10;
export const ROUND_TO = 5;
/** A hidden cell must keep at least this many possible values after every published figure. */
export const MIN_POSSIBLE_VALUES = 3;

/**
 * zero: 0 · rounded: the count to the nearest 5 · small: 1–9, shown "<10" · withheld: hidden to
 * protect a small cell elsewhere (secondary suppression), so at least 10 — shown as a dash.
 */
export type Shown =
	{ kind: 'zero' } | { kind: 'rounded'; value: number } | { kind: 'small' } | { kind: 'withheld' };

export interface TableInput {
	id: string;
	/** Which total the cells add up to (several tables may partition the same total). */
	total: string;
	cells: { key: string; count: number }[];
}

export interface PublishedTable {
	id: string;
	total: string;
	cells: { key: string; shown: Shown }[];
}

export interface Publication {
	totals: Record<string, Shown>;
	tables: PublishedTable[];
	/** Tables that could not be protected and are left out, so the page can say so. */
	dropped?: string[];
}

export interface Interval {
	lo: number;
	hi: number;
}

export function roundCount(n: number): number {
	return Math.round(n / ROUND_TO) * ROUND_TO;
}

/** The primary rule for one count. */
export function primary(n: number): Shown {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a count: ${n}`);
	if (n === 0) return { kind: 'zero' };
	if (n < SMALL) return { kind: 'small' };
	return { kind: 'rounded', value: roundCount(n) };
}

/** What a published figure tells anyone about the true count. */
export function intervalOf(shown: Shown): Interval {
	if (shown.kind === 'zero') return { lo: 0, hi: 0 };
	if (shown.kind === 'small') return { lo: 1, hi: SMALL - 1 };
	if (shown.kind === 'withheld') return { lo: SMALL, hi: Infinity };
	const half = Math.floor(ROUND_TO / 2);
	return { lo: Math.max(SMALL, shown.value - half), hi: shown.value + half };
}

/** The display text for a figure, with the caller's number formatter (locale digits). */
export function showText(shown: Shown, format: (n: number) => string): string {
	if (shown.kind === 'zero') return format(0);
	if (shown.kind === 'small') return `<${format(SMALL)}`;
	if (shown.kind === 'withheld') return '–';
	return format(shown.value);
}

/**
 * Everything an attacker can deduce: for each total and each cell, the range of true values
 * consistent with all published figures. Exact for disjoint tables sharing totals.
 */
export function attack(publication: Publication): {
	totals: Record<string, Interval>;
	cells: Map<string, Interval>;
} {
	const totals: Record<string, Interval> = {};
	for (const [id, shown] of Object.entries(publication.totals)) totals[id] = intervalOf(shown);
	const cells = new Map<string, Interval>();
	for (const table of publication.tables)
		for (const cell of table.cells) cells.set(cellId(table.id, cell.key), intervalOf(cell.shown));

	// Propagate until nothing narrows: each table bounds its total, the total bounds each cell.
	for (let changed = true, rounds = 0; changed && rounds < 50; rounds++) {
		changed = false;
		for (const table of publication.tables) {
			const total = totals[table.total];
			if (!total) throw new Error(`table ${table.id} adds up to an unpublished total ${table.total}`);
			const ranges = table.cells.map((c) => cells.get(cellId(table.id, c.key))!);
			const sumOf = (pick: (r: Interval) => number, skip = -1) =>
				ranges.reduce((sum, r, i) => (i === skip ? sum : sum + pick(r)), 0);
			const narrowedTotal = {
				lo: Math.max(
					total.lo,
					sumOf((r) => r.lo)
				),
				hi: Math.min(
					total.hi,
					sumOf((r) => r.hi)
				)
			};
			if (narrowedTotal.lo > narrowedTotal.hi) throw new Error(`inconsistent publication at ${table.id}`);
			if (narrowedTotal.lo !== total.lo || narrowedTotal.hi !== total.hi) {
				totals[table.total] = narrowedTotal;
				changed = true;
			}
			const t = totals[table.total]!;
			table.cells.forEach((c, i) => {
				const own = ranges[i]!;
				// Sums of the other cells, so an unbounded (withheld) cell never meets ∞ − ∞.
				const lo = Math.max(own.lo, t.lo - sumOf((r) => r.hi, i));
				const hi = Math.min(own.hi, t.hi - sumOf((r) => r.lo, i));
				if (lo !== own.lo || hi !== own.hi) {
					cells.set(cellId(table.id, c.key), { lo, hi });
					changed = true;
				}
			});
		}
	}
	return { totals, cells };
}

const cellId = (table: string, key: string) => `${table}\u0000${key}`;

/** Hidden cells (and hidden totals) an attacker can narrow too far. */
export function exposed(publication: Publication): string[] {
	const { totals, cells } = attack(publication);
	const narrow = (r: Interval) => r.hi - r.lo + 1 < MIN_POSSIBLE_VALUES;
	const out: string[] = [];
	for (const [id, shown] of Object.entries(publication.totals))
		if (shown.kind === 'small' && narrow(totals[id]!)) out.push(`total:${id}`);
	for (const table of publication.tables)
		for (const cell of table.cells)
			if (cell.shown.kind === 'small' && narrow(cells.get(cellId(table.id, cell.key))!))
				out.push(`${table.id}:${cell.key}`);
	return out;
}

/**
 * Publishes tables and their totals with primary and secondary suppression. `totals` are the
 * true totals the tables add up to (each table's cells must add up to its total exactly).
 */
export function publish(totalCounts: Record<string, number>, tables: TableInput[]): Publication {
	for (const table of tables) {
		const sum = table.cells.reduce((s, c) => s + c.count, 0);
		if (totalCounts[table.total] !== sum)
			throw new Error(`table ${table.id} adds up to ${sum}, not its total ${totalCounts[table.total]}`);
	}
	const totals: Record<string, Shown> = {};
	for (const [id, n] of Object.entries(totalCounts)) totals[id] = primary(n);
	const published: PublishedTable[] = tables.map((t) => ({
		id: t.id,
		total: t.total,
		cells: t.cells.map((c) => ({ key: c.key, shown: primary(c.count) }))
	}));
	const counts = new Map(tables.map((t) => [t.id, new Map(t.cells.map((c) => [c.key, c.count]))]));
	const dropped: string[] = [];

	// Hide the smallest visible cell of a table with an exposed cell, until nothing is exposed.
	// Each round hides at least one more figure, so this ends.
	for (;;) {
		const bad = exposed({ totals, tables: published });
		if (bad.length === 0) return { totals, tables: published, dropped };
		const first = bad[0]!;
		if (first.startsWith('total:')) throw new Error(`cannot protect ${first}`);
		const tableId = first.slice(0, first.indexOf(':'));
		const table = published.find((t) => t.id === tableId)!;
		const visible = table.cells
			.filter((c) => c.shown.kind === 'rounded')
			.sort((a, b) => counts.get(tableId)!.get(a.key)! - counts.get(tableId)!.get(b.key)!);
		const next = visible[0];
		if (next) {
			next.shown = { kind: 'withheld' };
			continue;
		}
		// Nothing visible is left in this table: the total, bounded by its own figure and by every
		// other table that adds up to it, gives the small cells away. Withhold the total and one
		// cell of each of those tables, so no sum bounds it from above any more.
		if (totals[table.total]!.kind === 'rounded' || siblingsBound(published, table)) {
			if (totals[table.total]!.kind === 'rounded') totals[table.total] = { kind: 'withheld' };
			for (const other of published.filter((t) => t.total === table.total && t !== table)) {
				if (other.cells.some((c) => c.shown.kind === 'withheld')) continue;
				const smallest = other.cells
					.filter((c) => c.shown.kind === 'rounded')
					.sort((a, b) => counts.get(other.id)!.get(a.key)! - counts.get(other.id)!.get(b.key)!)[0];
				if (smallest) smallest.shown = { kind: 'withheld' };
			}
			if (!exposed({ totals, tables: published }).includes(first)) continue;
		}
		// Still exposed (e.g. every figure around it is small): this table is not published.
		published.splice(published.indexOf(table), 1);
		dropped.push(table.id);
		continue;
	}
}

/** Whether another table sharing this table's total still bounds it from above. */
function siblingsBound(published: PublishedTable[], table: PublishedTable): boolean {
	return published.some(
		(t) => t !== table && t.total === table.total && !t.cells.some((c) => c.shown.kind === 'withheld')
	);
}
