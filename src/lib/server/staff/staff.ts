import type { PostgrestError, SupabaseClient } from '@supabase/supabase-js';
import { decisionFor, MAX_NOTES, parseRubric, type Decision } from '$lib/certificates/rubric';
import type { StaffCertificate, WaitingLearner } from '$lib/staff/staff-types';
import { isCourseId, isUuid } from '../ids';

/**
 * What the staff screens ask of the database, always as the signed-in person (`client` carries
 * their JWT), so RLS and the role checks inside the SQL functions decide — never this code. A
 * refusal by the database comes back as `forbidden`; nothing here grants anything.
 */
export type StaffFailure = 'forbidden' | 'sign_in' | 'invalid' | 'not_found';
export type StaffResult<T> = { ok: true; value: T } | { ok: false; reason: StaffFailure };

/** Maps a PostgREST error to a refusal the caller can show; anything else is a server fault. */
function refusal(error: PostgrestError): StaffResult<never> {
	if (error.code === '42501') return { ok: false, reason: 'forbidden' };
	if (error.code === 'PGRST301' || error.code === 'PGRST303') return { ok: false, reason: 'sign_in' };
	// 23514: rubric rule or learner = assessor; 23503: no such learner or course; 22P02: bad uuid.
	if (['23514', '23503', '22P02', '23502'].includes(error.code)) return { ok: false, reason: 'invalid' };
	throw new Error(`${error.code}: ${error.message}`);
}

/** The signed-in person's roles (their own rows in user_roles, readable under RLS). */
export async function staffRoles(client: SupabaseClient): Promise<StaffResult<string[]>> {
	const { data, error } = await client.from('user_roles').select('role');
	if (error) return refusal(error);
	return { ok: true, value: [...new Set((data ?? []).map((r) => (r as { role: string }).role))].sort() };
}

export async function pendingDemonstrations(
	client: SupabaseClient,
	search: string | null
): Promise<StaffResult<WaitingLearner[]>> {
	const { data, error } = await client.rpc('pending_demonstrations', {
		search: search?.slice(0, 200) ?? null
	});
	if (error) return refusal(error);
	return { ok: true, value: (data ?? []) as WaitingLearner[] };
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
): Promise<StaffResult<{ id: string; decision: Decision; created_at: string }>> {
	const rubric = parseRubric(input.rubric);
	const notes = typeof input.notes === 'string' ? input.notes.trim() : '';
	if (!rubric || !isUuid(input.learner) || !isCourseId(input.course_id) || notes.length > MAX_NOTES)
		return { ok: false, reason: 'invalid' };
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
	return { ok: true, value: data as { id: string; decision: Decision; created_at: string } };
}

/**
 * A certificate by its code, for a CoE-AI admin. RLS shows an admin scoped to one centre only
 * that centre's certificates (a global admin sees all), so another centre's code is not found.
 */
export async function certificateForAdmin(
	client: SupabaseClient,
	code: string
): Promise<StaffResult<StaffCertificate>> {
	const role = await client.from('user_roles').select('role').eq('role', 'coe_admin').limit(1);
	if (role.error) return refusal(role.error);
	if ((role.data ?? []).length === 0) return { ok: false, reason: 'forbidden' };
	const { data, error } = await client
		.from('certificates')
		.select('code, learner_name, course_id, centre, issued_at, revoked_at, revoke_reason, status_index')
		.eq('code', code)
		.maybeSingle();
	if (error) return refusal(error);
	return data ? { ok: true, value: data as StaffCertificate } : { ok: false, reason: 'not_found' };
}
