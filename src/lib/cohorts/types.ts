/** What the cohort screens show (shapes answered by src/lib/server/staff/cohorts.ts). */
export interface CohortSession {
	id: string;
	starts_at: string;
	ends_at: string;
	venue: string | null;
	online_url: string | null;
}

export interface Cohort {
	id: string;
	title: string;
	course_ids: string[];
	language: string;
	capacity: number;
	join_code: string;
	lead_trainer: string | null;
	created_at: string;
	cohort_sessions: CohortSession[];
}

export type NeedsHelp = 'failed_quiz_twice' | 'inactive_7_days' | 'low_attendance';

/** lesson id → what the learner did in it (course_progress.lessons). */
export type LessonTicks = Record<
	string,
	{ opened?: boolean; completed?: boolean; bestQuizScore?: number | null }
>;

export interface RosterRow {
	user_id: string;
	display_name: string | null;
	joined_at: string;
	shares_progress: boolean;
	/**
	 * Per course: completed, of (and, straight from cohort_roster, the lesson ticks; the phone
	 * gets counts only and asks for one learner's ticks: roster-wire.ts). Null without consent.
	 */
	progress: Record<string, { lessons?: LessonTicks; completed: number; of: number }> | null;
	last_synced_at: string | null;
	failed_quizzes: string[];
	sessions_held: number;
	sessions_attended: number;
	/** session id → present | late | absent | excused */
	attendance: Record<string, string>;
	needs_help: NeedsHelp[];
}

export interface MyCohort {
	id: string;
	title: string;
	language: string;
	courses: string[];
	joined_at: string;
	unit: Record<string, string>;
	next_session: CohortSession | null;
}

export interface CohortPreview {
	title: string;
	language: string;
	courses: string[];
	unit: Record<string, string>;
	trainer: string | null;
}

/** What a person types is read the Crockford way: case, spaces and dashes ignored, O→0, I/L→1. */
export function normaliseJoinCode(typed: string): string {
	return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const JOIN_CODE = /^[0-9A-HJKMNP-TV-Z]{8}$/;
