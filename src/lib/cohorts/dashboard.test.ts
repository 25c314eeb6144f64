import { describe, expect, it } from 'vitest';
import type { RosterRow } from './types';
import { bucketOf, cohortDashboard } from './dashboard';

const row = (over: Partial<RosterRow>): RosterRow => ({
	user_id: crypto.randomUUID(),
	display_name: null,
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
const prog = (completed: number, of: number) => ({ c: { lessons: {}, completed, of } });
const sessions = [
	{
		id: 's2',
		starts_at: '2026-11-10T09:00:00Z',
		ends_at: '2026-11-10T11:00:00Z',
		venue: 'x',
		online_url: null
	},
	{
		id: 's1',
		starts_at: '2026-11-03T09:00:00Z',
		ends_at: '2026-11-03T11:00:00Z',
		venue: 'x',
		online_url: null
	},
	{
		id: 's3',
		starts_at: '2026-12-30T09:00:00Z',
		ends_at: '2026-12-30T11:00:00Z',
		venue: 'x',
		online_url: null
	}
];

describe('cohort dashboard figures', () => {
	it('counts the funnel, progress buckets and attendance per held session, late joiners not due earlier', () => {
		const roster = [
			row({ progress: prog(0, 4), attendance: { s1: 'present', s2: 'late' } }),
			row({ progress: prog(1, 4), attendance: { s1: 'absent', s2: 'present' } }),
			row({ progress: prog(2, 4) }),
			row({ progress: prog(4, 4), joined_at: '2026-11-05T00:00:00Z', attendance: { s2: 'excused' } }),
			row({ shares_progress: false, progress: null, attendance: { s1: 'present' } })
		];
		const d = cohortDashboard(
			{ course_ids: ['c'], cohort_sessions: sessions },
			roster,
			{},
			new Date('2026-12-01')
		);
		expect(d.funnel).toEqual({ joined: 5, shares: 4, started: 3, halfway: 2, completed: 1 });
		expect(d.progress).toEqual({ '0': 1, '1-24': 0, '25-49': 1, '50-74': 1, '75-99': 0, '100': 1 });
		expect(d.attendance).toEqual([
			{ session: 's1', starts_at: '2026-11-03T09:00:00Z', came: 2, due: 4 },
			{ session: 's2', starts_at: '2026-11-10T09:00:00Z', came: 2, due: 5 }
		]);
	});

	it('puts shares in the right bucket at the edges', () => {
		expect([0, 0.01, 0.249, 0.25, 0.5, 0.749, 0.75, 0.999, 1].map(bucketOf)).toEqual([
			'0',
			'1-24',
			'1-24',
			'25-49',
			'50-74',
			'50-74',
			'75-99',
			'75-99',
			'100'
		]);
	});

	it('falls back to the course lesson count when a learner has no progress row for a course', () => {
		const d = cohortDashboard(
			{ course_ids: ['c', 'd'], cohort_sessions: [] },
			[row({ progress: prog(4, 4) })],
			{
				d: 4
			}
		);
		expect(d.funnel.completed).toBe(0);
		expect(d.progress['50-74']).toBe(1);
	});
});
