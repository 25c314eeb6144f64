import { getDb } from '$lib/db/db';

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

export type ServerProblem = 'sign_in' | 'offline' | 'server';

/** Pulls both lists with the learner's token; on failure the stored copies stay as they were. */
export async function refreshFromServer(token: string): Promise<ServerProblem | null> {
	let response: Response;
	try {
		response = await fetch('/api/certificates/mine', { headers: { authorization: `Bearer ${token}` } });
	} catch {
		return 'offline';
	}
	if (response.status === 401) return 'sign_in';
	if (!response.ok) return 'server';
	const body = (await response.json()) as { certificates: StoredCertificate[]; results: StoredResult[] };
	const db = getDb();
	await db.transaction('rw', db.meta, async () => {
		await db.meta.put({ key: CERTS, value: body.certificates });
		await db.meta.put({ key: RESULTS, value: body.results });
	});
	return null;
}

export type ClaimProblem =
	| ServerProblem
	| 'not_passed'
	| 'needs_demonstration'
	| 'bad_name'
	| 'bad_centre'
	| 'verify_account'
	// The Certified Trainer credential's own refusals (docs/certification.md).
	| 'awareness_not_completed'
	| 'foundations_not_passed'
	| 'ttt_not_passed'
	| 'no_trainer_cohort'
	| 'attendance_below_80';

const CLAIM_PROBLEMS: readonly string[] = [
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

/** Asks the server to issue the certificate; on success the stored list is refreshed. */
export async function claimCertificate(
	token: string,
	courseId: string,
	name: string,
	centre: string
): Promise<ClaimProblem | null> {
	let response: Response;
	try {
		response = await fetch('/api/certificates/claim', {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ course_id: courseId, name, centre })
		});
	} catch {
		return 'offline';
	}
	if (response.status === 401) return 'sign_in';
	if (!response.ok) {
		const error = ((await response.json().catch(() => ({}))) as { error?: string }).error;
		return error && CLAIM_PROBLEMS.includes(error) ? (error as ClaimProblem) : 'server';
	}
	return refreshFromServer(token);
}
