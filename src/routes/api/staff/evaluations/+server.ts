import type { RequestHandler } from '@sveltejs/kit';
import { asCaller } from '$lib/server/staff/respond';
import { recordEvaluation, type EvaluationInput } from '$lib/server/staff/staff';

export const prerender = false;

/** An assessor records a rubric `{learner, course_id, rubric, notes}`; RLS requires the role. */
export const POST: RequestHandler = (event) =>
	asCaller(event, async (client) => {
		const body = (await event.request.json().catch(() => null)) as EvaluationInput | null;
		return recordEvaluation(client, body ?? { learner: null, course_id: null, rubric: null, notes: null });
	});
