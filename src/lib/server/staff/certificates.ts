import type { SupabaseClient } from '@supabase/supabase-js';
import { isCentreId } from '$lib/certificates/centres';
import { failure, ok, type Result } from '$lib/result';
import type { CertificateCentre, Page, StaffCertificate } from '$lib/staff/types';
import { claimCertificate, type CertificateRow } from '../certificates/issue';
import type { Keyring } from '../certificates/signing-keys';
import { isUuid, refusal } from './sql-errors';

/**
 * The certificate tool (CoE-AI admins, assessors, auditors): the centres the caller holds, the
 * certificates issued at one of them, one by its code, and issuing at a centre. Every read runs
 * as the caller under RLS; who may issue or revoke at a centre is decided in SQL
 * (private.may_act_at_centre: coe_admin or assessor at the centre or above).
 */
export const PAGE = 50;
const COLUMNS = 'code, learner_name, course_id, centre, issued_at, revoked_at, revoke_reason, status_index';

export async function myCentres(client: SupabaseClient): Promise<Result<CertificateCentre[]>> {
	const { data, error } = await client.rpc('my_certificate_centres');
	if (error) return refusal(error);
	return ok((data ?? []) as CertificateCentre[]);
}

/** A cursor is the last row's issue time and code: newest first, stable under new issues. */
const encode = (row: StaffCertificate) => `${row.issued_at}|${row.code}`;
function decode(cursor: unknown): { at: string; code: string } | null {
	if (typeof cursor !== 'string' || cursor.length > 80) return null;
	const [at, code] = cursor.split('|');
	return at && code && !Number.isNaN(Date.parse(at)) && /^[0-9A-Z]{16}$/.test(code) ? { at, code } : null;
}

export async function centreCertificates(
	client: SupabaseClient,
	input: { centre: unknown; after: unknown }
): Promise<Result<Page<StaffCertificate>>> {
	if (!isUuid(input.centre)) return failure('invalid');
	const after = input.after == null || input.after === '' ? null : decode(input.after);
	if (input.after && !after) return failure('invalid');
	let query = client
		.from('certificates')
		.select(COLUMNS)
		.eq('centre_org', input.centre)
		.order('issued_at', { ascending: false })
		.order('code', { ascending: false })
		.limit(PAGE + 1);
	if (after) query = query.or(`issued_at.lt.${after.at},and(issued_at.eq.${after.at},code.lt.${after.code})`);
	const { data, error } = await query;
	if (error) return refusal(error);
	const rows = (data ?? []) as StaffCertificate[];
	const items = rows.slice(0, PAGE);
	return ok({ items, next: rows.length > PAGE ? encode(items[items.length - 1]!) : null });
}

/** Look-ups are for certificate staff only: a learner would otherwise find their own row. */
async function holdsCertificateRole(client: SupabaseClient): Promise<Result<boolean>> {
	for (const wanted of ['coe_admin', 'assessor', 'auditor']) {
		const units = await client.rpc('orgs_with_role', { wanted }).limit(1);
		if (units.error) return refusal(units.error);
		if ((units.data ?? []).length > 0) return ok(true);
	}
	return ok(false);
}

export async function certificateForAdmin(
	client: SupabaseClient,
	code: string
): Promise<Result<StaffCertificate>> {
	const staff = await holdsCertificateRole(client);
	if (!staff.ok) return staff;
	if (!staff.value) return failure('forbidden');
	const { data, error } = await client.from('certificates').select(COLUMNS).eq('code', code).maybeSingle();
	if (error) return refusal(error);
	return data ? ok(data as StaffCertificate) : failure('not_found');
}

export interface IssueInput {
	contact: unknown;
	courseId: unknown;
	name: unknown;
	centre: unknown;
}

/**
 * Issues a learner's certificate at a centre on a staff member's word: SQL checks the caller's
 * scope at that centre and the learner's eligibility (as the caller), then the server signs and
 * stores it with the service key, recording the staff member (audited by the insert trigger).
 */
export async function issueAtCentre(
	asStaff: SupabaseClient,
	admin: SupabaseClient,
	keyring: Keyring,
	staffId: string,
	origin: string,
	input: IssueInput
): Promise<Result<{ certificate: CertificateRow; created: boolean }>> {
	const contact = typeof input.contact === 'string' ? input.contact.trim() : '';
	const course = typeof input.courseId === 'string' ? input.courseId : '';
	if (!contact || contact.length > 320 || !/^[a-z0-9-]{1,64}$/.test(course)) return failure('invalid');
	if (!isCentreId(input.centre)) return failure('bad_centre');
	const { data, error } = await asStaff.rpc('authorise_certificate_issue', {
		learner_contact: contact,
		course,
		centre: input.centre
	});
	if (error) return refusal(error);
	const verdict = data as { learner: string; eligible: boolean; reason: string | null };
	return claimCertificate(admin, keyring, {
		learnerId: verdict.learner,
		courseId: course,
		learnerName: typeof input.name === 'string' ? input.name : '',
		centre: input.centre,
		origin,
		issuedBy: staffId
	});
}
