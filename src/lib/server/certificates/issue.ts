import type { SupabaseClient } from '@supabase/supabase-js';
import { isCentreId, type CentreId } from '$lib/certificates/centres';
import { buildCredential } from '$lib/certificates/credential';
import { randomStatusIndex } from '$lib/certificates/status-list';
import { generateVerificationCode } from '$lib/certificates/verification-code';
import { signCredential } from './sign';
import { signatoryFields } from './signatories';
import type { Keyring } from './signing-keys';
import { failure, ok, type ErrorCode, type Result } from '$lib/result';
import { CERTIFIED_TRAINER, REQUIREMENT_IDS } from '$lib/trainer/requirements';

/**
 * Issues a learner's certificate for a course, in server code with the service key. The
 * database decides eligibility (certificate_eligibility: a server-graded pass, plus an
 * assessor's approved rubric where the course needs one); learners cannot write these rows.
 */
export interface CertificateRow {
	id: string;
	owner: string;
	course_id: string;
	centre: string;
	learner_name: string;
	code: string;
	status_index: number;
	kid: string;
	jwt: string;
	issued_at: string;
	revoked_at: string | null;
}

export const CERTIFICATE_COLUMNS =
	'id, owner, course_id, centre, learner_name, code, status_index, kid, jwt, issued_at, revoked_at';

/** The one result shape (src/lib/result.ts): the certificate, or why it is not issued. */
export type ClaimResult = Result<{ certificate: CertificateRow; created: boolean }>;

/** Why the database refuses a certificate: certificate_eligibility and certified_trainer_check. */
const REFUSALS: readonly ErrorCode[] = ['not_passed', 'no_final_assessment', ...REQUIREMENT_IDS];
const refusal = (reason: string | null): ErrorCode =>
	REFUSALS.includes(reason as ErrorCode) ? (reason as ErrorCode) : 'not_passed';

/** The Certified Trainer credential's id where a course id goes (certificates.course_id). */
export { CERTIFIED_TRAINER };

export interface ClaimInput {
	learnerId: string;
	courseId: string;
	learnerName: string;
	centre: string;
	origin: string;
	now?: Date;
	/** A staff member issuing at their centre (staff certificate tool); absent for a learner's claim. */
	issuedBy?: string;
}

/**
 * Invisible characters that change how a signed name reads: controls (C0 and C1, e.g. U+0085,
 * U+009B), bidi overrides, embeddings, isolates and marks (U+202A–U+202E, U+2066–U+2069,
 * U+200E/U+200F, U+061C), and every other format character — except ZWNJ (U+200C) and ZWJ
 * (U+200D), which Urdu, Sindhi and Pashto spellings need to join or break letters correctly.
 * Also unassigned, private-use and lone surrogate code points.
 */
const FORBIDDEN_IN_NAME = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}\u2028\u2029]/u;

/** Names as people write them, in any script, NFC-normalised; 1–120 characters. */
export function cleanLearnerName(name: unknown): string | null {
	if (typeof name !== 'string' || name.length > 1000) return null;
	const nfc = name.normalize('NFC');
	// Checked before trimming: trim() would quietly drop a leading U+FEFF and sign the rest.
	if (FORBIDDEN_IN_NAME.test(nfc)) return null;
	const clean = nfc.replace(/[ \u00a0\u3000]+/g, ' ').trim();
	if (clean.length < 1 || clean.length > 120) return null;
	return clean;
}

export async function claimCertificate(
	admin: SupabaseClient,
	keyring: Keyring,
	input: ClaimInput
): Promise<ClaimResult> {
	const existing = await findCertificate(admin, input.learnerId, input.courseId);
	if (existing) return ok({ certificate: existing, created: false });
	const name = cleanLearnerName(input.learnerName);
	if (!name) return failure('bad_name');
	if (!isCentreId(input.centre)) return failure('bad_centre');
	const centre: CentreId = input.centre;

	const { data: eligibility, error } = await admin.rpc('certificate_eligibility', {
		learner: input.learnerId,
		course: input.courseId
	});
	if (error) throw new Error(`eligibility check failed: ${error.message}`);
	const e = eligibility as {
		eligible: boolean;
		reason: string | null;
		title: string;
		description: string;
		pass_mark: number;
		requires_demonstration: boolean;
		/** Set by SQL for achievements that are not one course's final (the Certified Trainer). */
		criteria?: string;
		achievement_type?: 'Certification';
	};
	if (!e.eligible) return failure(refusal(e.reason));

	const criteria =
		e.criteria ??
		`Passed the server-graded final assessment of "${e.title}" (pass mark ${e.pass_mark}%), drawn at random from the course's question pool.` +
			(e.requires_demonstration
				? ' Demonstrated the skill to a CoE-AI assessor, who approved it against the rubric.'
				: '');
	// Random status index and code; a collision with an existing row (unique constraints) just retries.
	for (let attempt = 0; attempt < 5; attempt++) {
		const id = crypto.randomUUID();
		const credential = buildCredential({
			id: `urn:uuid:${id}`,
			origin: input.origin,
			centre,
			courseId: input.courseId,
			courseTitle: e.title,
			courseDescription: e.description || e.title,
			criteria,
			...(e.achievement_type ? { achievementType: e.achievement_type } : {}),
			learnerName: name,
			issuedAt: input.now ?? new Date(),
			statusIndex: randomStatusIndex(() => false)
		});
		// The centre's signatory (name and title) is signed into the credential: it prints offline.
		Object.assign(credential.issuer, signatoryFields(centre));
		const row = {
			id,
			owner: input.learnerId,
			course_id: input.courseId,
			centre,
			learner_name: name,
			code: generateVerificationCode(),
			status_index: Number(credential.credentialStatus.statusListIndex),
			kid: keyring.active.kid,
			jwt: await signCredential(credential, keyring),
			issued_at: credential.validFrom,
			...(input.issuedBy ? { issued_by: input.issuedBy } : {})
		};
		const inserted = await admin.from('certificates').insert(row).select(CERTIFICATE_COLUMNS).single();
		if (!inserted.error) return ok({ certificate: inserted.data as CertificateRow, created: true });
		// The centre code is known to the app but no CoE-AI centre unit carries it (yet).
		if (inserted.error.code === '23514' && /CoE-AI centre/.test(inserted.error.message))
			return failure('bad_centre');
		if (inserted.error.code !== '23505')
			throw new Error(`could not store certificate: ${inserted.error.message}`);
		const raced = await findCertificate(admin, input.learnerId, input.courseId);
		if (raced) return ok({ certificate: raced, created: false });
	}
	throw new Error('could not allocate a unique certificate code');
}

export async function findCertificate(
	admin: SupabaseClient,
	owner: string,
	courseId: string
): Promise<CertificateRow | null> {
	const { data, error } = await admin
		.from('certificates')
		.select(CERTIFICATE_COLUMNS)
		.eq('owner', owner)
		.eq('course_id', courseId)
		.maybeSingle();
	if (error) throw new Error(error.message);
	return (data as CertificateRow | null) ?? null;
}

/** The signed credential behind a verification code: the only thing public verification sees. */
export async function credentialByCode(admin: SupabaseClient, code: string): Promise<string | null> {
	const { data, error } = await admin.from('certificates').select('jwt').eq('code', code).maybeSingle();
	if (error) throw new Error(error.message);
	return (data as { jwt: string } | null)?.jwt ?? null;
}

export async function certificatesOf(admin: SupabaseClient, owner: string): Promise<CertificateRow[]> {
	const { data, error } = await admin
		.from('certificates')
		.select(CERTIFICATE_COLUMNS)
		.eq('owner', owner)
		.order('issued_at');
	if (error) throw new Error(error.message);
	return (data ?? []) as CertificateRow[];
}
