import type { RosterRow } from './types';

/**
 * The roster as it travels to the trainer's phone (issue 13: 300 learners in under a second on
 * slow 4G). Same learners, same order, same figures as public.cohort_roster; two things are
 * written shorter:
 * - progress per course is the counts the roster and dashboard show (completed, of); one
 *   learner's lesson ticks are fetched when the trainer opens that learner;
 * - attendance is one letter per session instead of a session id per mark: `sessions` lists
 *   the ids once, and each row's `marks` has the letter of that session at the same place.
 * 300 learners × 20 sessions of uuids was over half of the old answer.
 */
export interface RosterWire {
	sessions: string[];
	rows: WireRow[];
}

export type WireRow = Omit<RosterRow, 'attendance' | 'progress'> & {
	progress: Record<string, { completed: number; of: number }> | null;
	/** One letter per entry of `sessions`: p present, l late, a absent, e excused, - not marked. */
	marks: string;
};

const LETTER: Record<string, string> = { present: 'p', late: 'l', absent: 'a', excused: 'e' };
const STATUS: Record<string, string> = { p: 'present', l: 'late', a: 'absent', e: 'excused' };

export function toWire(rows: readonly RosterRow[]): RosterWire {
	const sessions = [...new Set(rows.flatMap((r) => Object.keys(r.attendance ?? {})))].sort();
	const at = new Map(sessions.map((s, i) => [s, i]));
	return {
		sessions,
		rows: rows.map(({ attendance, progress, ...rest }) => {
			const marks = Array<string>(sessions.length).fill('-');
			for (const [session, status] of Object.entries(attendance ?? {})) {
				const letter = LETTER[status];
				// The table allows only these four; anything else would be a new status to teach the phone.
				if (!letter) throw new Error(`unknown attendance status ${status}`);
				marks[at.get(session)!] = letter;
			}
			return {
				...rest,
				progress: progress
					? Object.fromEntries(
							Object.entries(progress).map(([course, p]) => [course, { completed: p.completed, of: p.of }])
						)
					: null,
				marks: marks.join('')
			};
		})
	};
}

/** Back to the rows the roster, dashboard and exports read (lesson ticks left out). */
export function fromWire(wire: RosterWire): RosterRow[] {
	return wire.rows.map(({ marks, ...rest }) => {
		const attendance: Record<string, string> = {};
		for (let i = 0; i < marks.length; i++) {
			const status = STATUS[marks[i]!];
			if (status) attendance[wire.sessions[i]!] = status;
		}
		return { ...rest, attendance };
	});
}
