import type { Cohort, RosterRow } from './types';

/**
 * The cohort dashboard's figures, computed on the phone from the roster the trainer already
 * loaded (and keeps offline): so the dashboard opens at a venue with no signal, shows exactly
 * what the roster shows, and costs the database nothing more. Progress figures count only the
 * learners who share their progress (docs/roles.md); the funnel says how many that is.
 */
export const FUNNEL = ['joined', 'shares', 'started', 'halfway', 'completed'] as const;
export type FunnelStage = (typeof FUNNEL)[number];

export const BUCKETS = ['0', '1-24', '25-49', '50-74', '75-99', '100'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface SessionAttendance {
	session: string;
	starts_at: string;
	/** Present or late. */
	came: number;
	/** Members who had joined before the session ended (late joiners are not due earlier). */
	due: number;
}

export interface CohortDashboard {
	funnel: Record<FunnelStage, number>;
	attendance: SessionAttendance[];
	progress: Record<Bucket, number>;
}

/** Share of the cohort's lessons a learner completed, 0–1 (null when they do not share). */
export function completedShare(
	row: RosterRow,
	courses: readonly string[],
	lessonCounts: Record<string, number>
): number | null {
	if (!row.shares_progress || !row.progress) return null;
	let done = 0;
	let of = 0;
	for (const course of courses) {
		const p = row.progress[course];
		of += p?.of ?? lessonCounts[course] ?? 0;
		done += p?.completed ?? 0;
	}
	return of > 0 ? Math.min(1, done / of) : 0;
}

export function bucketOf(share: number): Bucket {
	if (share <= 0) return '0';
	if (share >= 1) return '100';
	const pct = Math.floor(share * 100);
	return pct < 25 ? '1-24' : pct < 50 ? '25-49' : pct < 75 ? '50-74' : '75-99';
}

export function cohortDashboard(
	cohort: Pick<Cohort, 'course_ids' | 'cohort_sessions'>,
	roster: readonly RosterRow[],
	lessonCounts: Record<string, number> = {},
	now: Date = new Date()
): CohortDashboard {
	const funnel: Record<FunnelStage, number> = {
		joined: roster.length,
		shares: 0,
		started: 0,
		halfway: 0,
		completed: 0
	};
	const progress = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<Bucket, number>;
	for (const row of roster) {
		const share = completedShare(row, cohort.course_ids, lessonCounts);
		if (share === null) continue;
		funnel.shares++;
		if (share > 0) funnel.started++;
		if (share >= 0.5) funnel.halfway++;
		if (share >= 1) funnel.completed++;
		progress[bucketOf(share)]++;
	}
	// Each learner's join time parsed once, not once per session (300 learners × every session).
	const joined = roster.map((r) => Date.parse(r.joined_at));
	const attendance = [...cohort.cohort_sessions]
		.filter((s) => Date.parse(s.starts_at) <= now.getTime())
		.sort((a, b) => a.starts_at.localeCompare(b.starts_at))
		.map((s) => {
			const ends = Date.parse(s.ends_at);
			let came = 0;
			let due = 0;
			roster.forEach((r, i) => {
				const mark = r.attendance[s.id];
				if (mark === 'present' || mark === 'late') came++;
				if ((joined[i] ?? Infinity) <= ends) due++;
			});
			return { session: s.id, starts_at: s.starts_at, came, due };
		});
	return { funnel, attendance, progress };
}
