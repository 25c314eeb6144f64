import type { SupabaseClient } from '@supabase/supabase-js';
import { decisionFor, MAX_NOTES, parseRubric, type Decision } from '$lib/certificates/rubric';
import { failure, ok, type Result } from '$lib/result';
import type { WaitingLearner } from '$lib/staff/types';
import { refusal } from './sql-errors';

/**
 * The assessor tool: learners under the assessor's units who await a skill demonstration, and
 * recording a rubric. Always as the signed-in person (`client` carries their JWT), so the SQL
 * (pending_demonstrations, the skill_evaluations insert policy) decides whom they reach.
 */
export async function pendingDemonstrations(
	client: SupabaseClient,
	search: string | null
): Promise<Result<WaitingLearner[]>> {
	const { data, error } = await client.rpc('pending_demonstrations', {
		search: search?.slice(0, 200) ?? null
	});
	if (error) return refusal(error);
	return ok((data ?? []) as WaitingLearner[]);
}

export interface EvaluationInput {
	learner: unknown;
	course_id: unknown;
	rubric: unknown;
	notes: unknown;
}

/** Records an assessor's rubric. The decision follows from the rubric (all ≥ 3 → approved). */
export async function recordEvaluation(
	client: SupabaseClient,
	input: EvaluationInput
): Promise<Result<{ id: string; decision: Decision; created_at: string }>> {
	const rubric = parseRubric(input.rubric);
	const notes = typeof input.notes === 'string' ? input.notes.trim() : '';
	if (
		!rubric ||
		typeof input.learner !== 'string' ||
		typeof input.course_id !== 'string' ||
		notes.length > MAX_NOTES
	)
		return failure('invalid');
	const { data, error } = await client
		.from('skill_evaluations')
		.insert({
			learner: input.learner,
			course_id: input.course_id,
			rubric,
			decision: decisionFor(rubric),
			notes: notes || null
		})
		.select('id, decision, created_at')
		.single();
	if (error) return refusal(error);
	return ok(data as { id: string; decision: Decision; created_at: string });
}
