import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	MIN_POSSIBLE_VALUES,
	SMALL,
	intervalOf,
	primary,
	publish,
	showText,
	type Publication,
	type TableInput
} from './suppress';

/**
 * The attacker in these tests is deliberately NOT the propagation suppress.ts uses: for every
 * total the publication allows, and every value a small cell could take, it asks whether the
 * rest of that cell's table can still add up (integer ranges add up to every integer between
 * their sums) and whether every other table sharing the total can too. The values that survive
 * are all the attacker can know. A withheld figure is unbounded above; CAP stands for ∞ here.
 */
const CAP = 2000;
const bounded = (r: { lo: number; hi: number }) => ({ lo: r.lo, hi: Math.min(r.hi, CAP) });

function bruteForce(pub: Publication): Map<string, Set<number>> {
	const possible = new Map<string, Set<number>>();
	for (const [totalId, shownTotal] of Object.entries(pub.totals)) {
		const tables = pub.tables.filter((t) => t.total === totalId);
		const ranges = tables.map((t) => t.cells.map((c) => bounded(intervalOf(c.shown))));
		const canAddUp = (rs: { lo: number; hi: number }[], total: number) =>
			rs.reduce((s, r) => s + r.lo, 0) <= total && total <= rs.reduce((s, r) => s + r.hi, 0);
		const totalRange = bounded(intervalOf(shownTotal));
		for (let total = totalRange.lo; total <= totalRange.hi; total++) {
			if (!ranges.every((rs) => canAddUp(rs, total))) continue;
			tables.forEach((t, ti) => {
				t.cells.forEach((c, ci) => {
					if (c.shown.kind !== 'small') return;
					const rest = ranges[ti]!.filter((_, i) => i !== ci);
					for (let v = 1; v < SMALL; v++) {
						if (!canAddUp(rest, total - v)) continue;
						const id = `${t.id}:${c.key}`;
						if (!possible.has(id)) possible.set(id, new Set());
						possible.get(id)!.add(v);
					}
				});
			});
		}
	}
	return possible;
}

/** A population cross-classified three ways (province × language × programme), published as
 * the three one-way tables that all add up to the same total — as /progress publishes them. */
const population = fc
	.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
	.chain((dims) =>
		fc
			.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 30 })), {
				minLength: dims[0] * dims[1] * dims[2],
				maxLength: dims[0] * dims[1] * dims[2]
			})
			.map((flat) => ({ dims, flat }))
	);

function marginals({ dims, flat }: { dims: [number, number, number]; flat: number[] }) {
	const names = ['province', 'language', 'programme'];
	const tables: TableInput[] = dims.map((size, axis) => ({
		id: names[axis]!,
		total: 'learners',
		cells: Array.from({ length: size }, (_, k) => ({ key: `${names[axis]}-${k}`, count: 0 }))
	}));
	flat.forEach((n, i) => {
		const at = [Math.floor(i / (dims[1] * dims[2])), Math.floor(i / dims[2]) % dims[1], i % dims[2]];
		at.forEach((k, axis) => (tables[axis]!.cells[k]!.count += n));
	});
	return { totals: { learners: flat.reduce((a, b) => a + b, 0) }, tables };
}

describe('small-cell suppression', () => {
	it('applies the primary rule: 0 shown, 1–9 hidden, the rest rounded to 5', () => {
		expect(primary(0)).toEqual({ kind: 'zero' });
		expect(primary(1)).toEqual({ kind: 'small' });
		expect(primary(9)).toEqual({ kind: 'small' });
		expect(primary(12)).toEqual({ kind: 'rounded', value: 10 });
		expect(primary(13)).toEqual({ kind: 'rounded', value: 15 });
		expect(showText({ kind: 'small' }, String)).toBe('<10');
		expect(showText({ kind: 'withheld' }, String)).toBe('–');
		expect(() => primary(-1)).toThrow();
	});

	it('hides a second cell when one hidden cell could be worked out from the total', () => {
		// 10 + 2 = 12 → total shown 10, "a" shown 10: alone, "b" would be 1 or 2. Withhold "a" too.
		const pub = publish({ all: 12 }, [
			{
				id: 't',
				total: 'all',
				cells: [
					{ key: 'a', count: 10 },
					{ key: 'b', count: 2 }
				]
			}
		]);
		expect(pub.tables[0]!.cells.map((c) => c.shown.kind)).toEqual(['withheld', 'small']);
		expect(bruteForce(pub).get('t:b')!.size).toBeGreaterThanOrEqual(MIN_POSSIBLE_VALUES);
	});

	it('no published figure other than 0 is under 10, and every shown figure is a multiple of 5', () => {
		fc.assert(
			fc.property(population, (p) => {
				const { totals, tables } = marginals(p);
				const pub = publish(totals, tables);
				const shown = [
					...Object.values(pub.totals),
					...pub.tables.flatMap((t) => t.cells.map((c) => c.shown))
				];
				for (const s of shown)
					if (s.kind === 'rounded') {
						expect(s.value).toBeGreaterThanOrEqual(SMALL);
						expect(s.value % 5).toBe(0);
					}
			}),
			{ numRuns: 400 }
		);
	});

	it('an attacker using every published table cannot pin down any hidden cell', () => {
		fc.assert(
			fc.property(population, (p) => {
				const { totals, tables } = marginals(p);
				const pub = publish(totals, tables);
				const truth = new Map(tables.flatMap((t) => t.cells.map((c) => [`${t.id}:${c.key}`, c.count])));
				for (const [id, values] of bruteForce(pub)) {
					expect(values.has(truth.get(id)!), `${id} true value must be possible`).toBe(true);
					expect(values.size, `${id} narrowed to ${[...values].join(',')}`).toBeGreaterThanOrEqual(
						MIN_POSSIBLE_VALUES
					);
				}
			}),
			{ numRuns: 400 }
		);
	});

	it('without secondary suppression the same attacker does recover cells (the test can fail)', () => {
		// Primary rule alone on the table from the second test: "b" is narrowed to 1..2.
		const naive: Publication = {
			totals: { all: primary(12) },
			tables: [
				{
					id: 't',
					total: 'all',
					cells: [
						{ key: 'a', shown: primary(10) },
						{ key: 'b', shown: primary(2) }
					]
				}
			]
		};
		expect(bruteForce(naive).get('t:b')!.size).toBeLessThan(MIN_POSSIBLE_VALUES);
	});

	it('refuses tables that do not add up to their total', () => {
		expect(() => publish({ all: 5 }, [{ id: 't', total: 'all', cells: [{ key: 'a', count: 4 }] }])).toThrow(
			/adds up/
		);
	});
});
