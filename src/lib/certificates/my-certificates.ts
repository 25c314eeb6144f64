import { getDb } from '$lib/db/db';
import { failure, isErrorCode, ok, type ErrorCode, type Result } from '$lib/result';

/**
 * The learner's certificates and graded final attempts, pulled from the server after sync and
 * kept in Dexie `meta` (one small entry each) so /certificates works offline.
 */
export interface StoredCertificate {
	id: string;
	course_id: string;
	centre: string;
	learner_name: string;
	code: string;
	jwt: string;
	issued_at: string;
	revoked_at: string | null;
}

export interface StoredResult {
	event_id: string;
	course_id: string;
	status: 'passed' | 'failed' | 'rejected';
	reason: string | null;
	/** Never sent to learners any more (issue 10); kept optional for results saved before. */
	score?: number | null;
	pass_mark: number | null;
	revise_topics: string[];
	graded_at: string;
	/** On the latest graded result of a course: failed attempts left before a pause. */
	attempts_left?: number;
}

const CERTS = 'certificates';
const RESULTS = 'assessment-results';

export async function storedCertificates(): Promise<StoredCertificate[]> {
	const entry = await getDb().meta.get(CERTS);
	return Array.isArray(entry?.value) ? (entry.value as StoredCertificate[]) : [];
}

export async function storedResults(): Promise<StoredResult[]> {
	const entry = await getDb().meta.get(RESULTS);
	return Array.isArray(entry?.value) ? (entry.value as StoredResult[]) : [];
}

/** Pulls both lists with the learner's token; on failure the stored copies stay as they were. */
export async function refreshFromServer(token: string): Promise<Result<null>> {
	let response: Response;
	try {
		response = await fetch('/api/certificates/mine', { headers: { authorization: `Bearer ${token}` } });
	} catch {
		return failure('offline');
	}
	if (!response.ok) return failure(await errorOf(response));
	const body = (await response.json()) as { certificates: StoredCertificate[]; results: StoredResult[] };
	const db = getDb();
	await db.transaction('rw', db.meta, async () => {
		await db.meta.put({ key: CERTS, value: body.certificates });
		await db.meta.put({ key: RESULTS, value: body.results });
	});
	return ok(null);
}

/**
 * Codes the certificate pages have a message for (`cert:problems.<code>`, and the Certified
 * Trainer requirements the checklist names); any other refusal is shown as `server`.
 */
const CLAIM_ERRORS: readonly ErrorCode[] = [
	'sign_in',
	'not_passed',
	'needs_demonstration',
	'bad_name',
	'bad_centre',
	'verify_account',
	'awareness_not_completed',
	'foundations_not_passed',
	'ttt_not_passed',
	'no_trainer_cohort',
	'attendance_below_80'
];

/** The code in a failed answer's body (docs/architecture.md), if the pages can say it. */
async function errorOf(response: Response): Promise<ErrorCode> {
	if (response.status === 401) return 'sign_in';
	const error = ((await response.json().catch(() => ({}))) as { error?: unknown }).error;
	return isErrorCode(error) && CLAIM_ERRORS.includes(error) ? error : 'server';
}

/** Asks the server to issue the certificate; on success the stored list is refreshed. */
export async function claimCertificate(
	token: string,
	courseId: string,
	name: string,
	centre: string
): Promise<Result<null>> {
	let response: Response;
	try {
		response = await fetch('/api/certificates/claim', {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ course_id: courseId, name, centre })
		});
	} catch {
		return failure('offline');
	}
	if (!response.ok) return failure(await errorOf(response));
	return refreshFromServer(token);
}
