import type { SupabaseClient } from '@supabase/supabase-js';
import { ok, type Result } from '$lib/result';
import type { TrainerCascade, TrainerRequirements } from '$lib/trainer/requirements';
import { refusal } from './sql-errors';

/**
 * Certified trainers, asked as the caller: a learner's own checklist, and the cascade for
 * CoE-AI at the programme root. The SQL decides (certified_trainer_check, may_monitor).
 */
export async function myTrainerRequirements(client: SupabaseClient): Promise<Result<TrainerRequirements>> {
	const { data, error } = await client.rpc('my_trainer_requirements');
	if (error) return refusal(error);
	return ok(data as TrainerRequirements);
}

export async function trainerCascade(client: SupabaseClient): Promise<Result<TrainerCascade>> {
	const { data, error } = await client.rpc('trainer_cascade');
	if (error) return refusal(error);
	return ok(data as TrainerCascade);
}
