import { describe, expect, it } from 'vitest';
import type { RosterRow } from './types';
import { fromWire, toWire } from './roster-wire';

const row = (over: Partial<RosterRow>): RosterRow => ({
	user_id: crypto.randomUUID(),
	display_name: 'x',
	joined_at: '2026-11-01T00:00:00Z',
	shares_progress: true,
	progress: {},
	last_synced_at: null,
	failed_quizzes: [],
	sessions_held: 0,
	sessions_attended: 0,
	attendance: {},
	needs_help: [],
	...over
});

describe('the roster on the wire', () => {
	it('keeps every learner, order, count and mark, and drops only the lesson ticks', () => {
		const rows = [
			row({
				display_name: 'Ayesha',
				progress: { c: { lessons: { l1: { completed: true, bestQuizScore: 40 } }, completed: 1, of: 10 } },
				attendance: { s2: 'late', s1: 'present', s3: 'excused' },
				sessions_held: 3,
				sessions_attended: 2,
				needs_help: ['failed_quiz_twice'],
				failed_quizzes: ['c/l2']
			}),
			row({ display_name: 'Bilal', shares_progress: false, progress: null, attendance: { s1: 'absent' } }),
			row({ display_name: null, attendance: {} })
		];
		const wire = toWire(rows);
		expect(wire.sessions).toEqual(['s1', 's2', 's3']);
		expect(wire.rows.map((r) => r.marks)).toEqual(['ple', 'a--', '---']);
		expect(wire.rows[0]!.progress).toEqual({ c: { completed: 1, of: 10 } });
		expect(JSON.stringify(wire)).not.toContain('bestQuizScore');

		const back = fromWire(JSON.parse(JSON.stringify(wire)));
		expect(back.map((r) => r.display_name)).toEqual(['Ayesha', 'Bilal', null]);
		expect(back[0]!.attendance).toEqual({ s1: 'present', s2: 'late', s3: 'excused' });
		expect(back[1]!.attendance).toEqual({ s1: 'absent' });
		expect(back[1]!.progress).toBeNull();
		expect(back[2]!.attendance).toEqual({});
		const { attendance: _a, progress: _p, ...rest } = rows[0]!;
		expect(back[0]).toMatchObject(rest);
	});

	it('refuses an attendance status it cannot write (rather than dropping the mark)', () => {
		expect(() => toWire([row({ attendance: { s1: 'maybe' } })])).toThrow(/maybe/);
	});
});
