import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, tooDeep } from './gateway.js';

/** Defect 11: the gateway measures nesting without parsing (parsing is what wedged PGlite). */
describe('gateway JSON depth check', () => {
	const nested = (depth: number) => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`);

	it('passes ordinary learner events and refuses anything deeper than the cap', () => {
		const batch = { events: [{ id: 'x', payload: { answers: { q1: ['a', 'b'] } } }] };
		expect(tooDeep(Buffer.from(JSON.stringify(batch)))).toBe(false);
		expect(tooDeep(nested(MAX_JSON_DEPTH))).toBe(false);
		expect(tooDeep(nested(MAX_JSON_DEPTH + 1))).toBe(true);
		expect(tooDeep(nested(10_000))).toBe(true);
	});

	it('does not count brackets inside strings, escaped quotes included', () => {
		const text = JSON.stringify({ note: '['.repeat(500) + '\\"' + '{'.repeat(500) });
		expect(tooDeep(Buffer.from(text))).toBe(false);
	});
});
