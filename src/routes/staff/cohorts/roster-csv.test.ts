import { describe, expect, it } from 'vitest';
import { normaliseJoinCode, JOIN_CODE } from '$lib/cohorts/types';
import type { RosterRow } from '$lib/cohorts/types';
import { rosterCsv } from './roster-csv';

const row = (over: Partial<RosterRow>): RosterRow => ({
	user_id: 'u1',
	display_name: 'عائشہ',
	joined_at: '2026-12-01T09:00:00Z',
	shares_progress: true,
	progress: { 'ai-awareness': { lessons: {}, completed: 3, of: 10 } },
	last_synced_at: '2026-12-02T10:00:00Z',
	failed_quizzes: [],
	sessions_held: 4,
	sessions_attended: 3,
	attendance: {},
	needs_help: ['inactive_7_days'],
	...over
});

describe('roster CSV', () => {
	it('has a BOM, translated headers, one line per learner, and flags in words', () => {
		const csv = rosterCsv(
			[row({})],
			['نام', 'شمولیت', 'پیش رفت', 'ہم آہنگی', 'حاضری', 'مدد'],
			(f) => `flag:${f}`
		);
		expect(csv.startsWith('\uFEFF"نام"')).toBe(true);
		const lines = csv.trim().split('\r\n');
		expect(lines).toHaveLength(2);
		expect(lines[1]).toBe(
			'"عائشہ","2026-12-01","ai-awareness 3/10","2026-12-02T10:00:00Z","3/4","flag:inactive_7_days"'
		);
	});

	it('never lets a name run as a spreadsheet formula, and quotes quotes', () => {
		const csv = rosterCsv(
			[row({ display_name: '=HYPERLINK("x")', progress: null })],
			['a', 'b', 'c', 'd', 'e', 'f'],
			String
		);
		expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
	});
});

describe('join codes', () => {
	it('reads what people type the Crockford way', () => {
		expect(normaliseJoinCode(' ab1o-ilxz ')).toBe('AB10-11XZ'.replace('-', ''));
		expect(JOIN_CODE.test(normaliseJoinCode('7k3m-9pqr'))).toBe(true);
		expect(JOIN_CODE.test('UUUUUUUU')).toBe(false);
	});
});
