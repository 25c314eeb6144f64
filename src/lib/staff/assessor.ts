import type { Rubric } from '$lib/certificates/rubric';
import { call, post } from './api';
import type { WaitingLearner } from './types';

/** The assessor tool's calls (src/lib/server/staff/assessor.ts answers them). */
export const findWaiting = (search: string) =>
	call<WaitingLearner[]>(`/api/staff/demonstrations?q=${encodeURIComponent(search.trim())}`);

export const saveEvaluation = (input: {
	learner: string;
	course_id: string;
	rubric: Rubric;
	notes: string;
}) =>
	post<{ id: string; decision: 'approved' | 'not_yet'; created_at: string }>('/api/staff/evaluations', input);
