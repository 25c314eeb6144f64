import type { Cohort, CohortPreview, LessonTicks, MyCohort, RosterRow } from '$lib/cohorts/types';
import { fromWire, type RosterWire } from '$lib/cohorts/roster-wire';
import { ok } from '$lib/result';
import type { Result } from '$lib/result';
import { answerOf, call, post, query } from './api';

/** The cohorts tool's calls (src/lib/server/staff/cohorts.ts answers them). */
export const listCohorts = (org: string) => call<Cohort[]>(`/api/staff/cohorts${query({ org })}`);
export const getCohort = (id: string) => call<Cohort>(`/api/staff/cohorts${query({ id })}`);
/** The roster, sent short (roster-wire.ts) and read back into rows here. */
export const loadRoster = (cohort: string) =>
	rosterOf(call<RosterWire>(`/api/staff/cohorts${query({ cohort })}`));
const rosterOf = async (answer: Promise<Result<RosterWire>>): Promise<Result<RosterRow[]>> => {
	const got = await answer;
	return got.ok ? ok(fromWire(got.value)) : got;
};
/** The cohort and its roster from the requests static/cohort-early.js sent before the app loaded. */
export const cohortFrom = (response: Promise<Response>) => answerOf<Cohort>(response);
export const rosterFrom = (response: Promise<Response>) => rosterOf(answerOf<RosterWire>(response));
/** One learner's lesson ticks per course, when the trainer opens them in the roster. */
export const loadLearnerLessons = (cohort: string, learner: string) =>
	call<Record<string, LessonTicks>>(`/api/staff/cohorts${query({ cohort, learner })}`);
export const checkInCode = (session: string) =>
	call<{ code: string; open: boolean; turns_at: string }>(`/api/staff/cohorts${query({ session })}`);
export const createCohort = (input: {
	org: string;
	title: string;
	course_ids: string[];
	language: string;
	capacity: number;
}) => post<{ id: string; join_code: string }>('/api/staff/cohorts', { action: 'create', ...input });
export const addSession = (input: {
	cohort: string;
	starts_at: string;
	ends_at: string;
	venue: string;
	online_url: string;
}) => post<{ id: string }>('/api/staff/cohorts', { action: 'session', ...input });
export const removeMember = (cohort: string, person: string) =>
	post<{ removed: string }>('/api/staff/cohorts', { action: 'remove', cohort, person });

// The learner's side.
export const myCohorts = () => call<MyCohort[]>('/api/cohorts');
export const previewCohort = (code: string) => call<CohortPreview>(`/api/cohorts${query({ code })}`);
export const joinCohort = (code: string) =>
	post<{ cohort_id: string; title: string; already: boolean }>('/api/cohorts', { action: 'join', code });
export const leaveCohort = (cohort: string) =>
	post<{ left: string }>('/api/cohorts', { action: 'leave', cohort });
export const checkIn = (session: string, code: string) =>
	post<{ status: string }>('/api/cohorts', { action: 'check_in', session, code });
