import type { SupabaseClient } from '@supabase/supabase-js';
import { failure, ok, type Result } from '$lib/result';
import type { StaffCertificate } from '$lib/staff/types';
import { refusal } from './sql-errors';

/**
 * The certificate tool (CoE-AI admins): a certificate by its code. The caller must hold
 * coe_admin somewhere; RLS then shows only certificates of learners under their units.
 */
export async function certificateForAdmin(
	client: SupabaseClient,
	code: string
): Promise<Result<StaffCertificate>> {
	const units = await client.rpc('orgs_with_role', { wanted: 'coe_admin' }).limit(1);
	if (units.error) return refusal(units.error);
	if ((units.data ?? []).length === 0) return failure('forbidden');
	const { data, error } = await client
		.from('certificates')
		.select('code, learner_name, course_id, centre, issued_at, revoked_at, revoke_reason, status_index')
		.eq('code', code)
		.maybeSingle();
	if (error) return refusal(error);
	return data ? ok(data as StaffCertificate) : failure('not_found');
}
