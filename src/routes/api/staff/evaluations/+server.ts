import type { RequestHandler } from '@sveltejs/kit';
import { recordEvaluation } from '$lib/server/staff/assessor';
import { body, staffEndpoint } from '$lib/server/staff/endpoint';

export const prerender = false;

/** An assessor records a rubric `{learner, course_id, rubric, notes}`; RLS checks the scope. */
export const POST: RequestHandler = (event) =>
	staffEndpoint(event, ['assessor'], async (s) => {
		const input = await body(event);
		return recordEvaluation(s.client, {
			learner: input?.learner,
			course_id: input?.course_id,
			rubric: input?.rubric,
			notes: input?.notes
		});
	});
