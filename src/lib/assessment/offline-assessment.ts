import { getDb, type SeekhDatabase } from '$lib/db/db';
import { recordEvent } from '$lib/db/learner-events';

/**
 * Final assessments taken offline (docs/certification.md). While online the device fetches a
 * few server-signed attempt tickets (question ids + their text, never answers) and keeps them
 * in Dexie `meta`. An attempt uses one ticket; answers are learner events, graded by the server
 * when sync delivers them. Without a ticket there is no offline attempt.
 */
export interface TicketQuestion {
	id: string;
	type: 'single' | 'multiple' | 'true-false';
	options: string[];
	text: Record<string, { prompt?: string; options?: Record<string, string> }>;
}

export interface AttemptTicket {
	ticket_id: string;
	owner: string;
	course_id: string;
	questions: string[];
	expires_at: string;
	sig: string;
	content: TicketQuestion[];
}

export interface TicketBundle {
	course_id: string;
	title: string;
	topics: Record<string, Record<string, string>>;
	rules: {
		pass_mark: number;
		draw: number;
		attempts: number;
		cooldown_hours: number;
		requires_demonstration: boolean;
	};
	passed: boolean;
	locked_until: string | null;
	/** Failed attempts left before a pause, as of the last fetch (older bundles lack it). */
	attempts_left?: number;
	tickets: AttemptTicket[];
	fetchedAt: string;
}

const key = (courseId: string) => `assessment-tickets:${courseId}`;

export type TicketProblem =
	'sign_in' | 'verify_account' | 'verify_contact' | 'offline' | 'no_assessment' | 'server';

/** Online: tops up this learner's tickets for a course and stores them for offline use. */
export async function fetchTickets(
	token: string,
	courseId: string,
	db: SeekhDatabase = getDb(),
	retried = false
): Promise<TicketBundle | TicketProblem> {
	let response: Response;
	try {
		response = await fetch(`/api/assessment/tickets?course=${encodeURIComponent(courseId)}`, {
			headers: { authorization: `Bearer ${token}` },
			cache: 'no-store'
		});
	} catch {
		return 'offline';
	}
	if (response.status === 401) return 'sign_in';
	// Anonymous accounts sit no final assessment (issue 10); a permanent one first proves its
	// email or phone with a one-time code (verify_contact).
	if (response.status === 403) {
		const body = (await response.json().catch(() => ({}))) as { error?: unknown };
		if (body.error !== 'verify_contact') return 'verify_account';
		// Signing in with a code records the proven contact; if the learner left the page before
		// that call finished, record it now while the code's session is fresh (the database
		// checks the session's sign-in method and refuses otherwise), then ask once more.
		if (!retried && (await recordProvenContact())) return fetchTickets(token, courseId, db, true);
		return 'verify_contact';
	}
	if (response.status === 404) return 'no_assessment';
	if (!response.ok) return 'server';
	const bundle = {
		...((await response.json()) as Omit<TicketBundle, 'fetchedAt'>),
		fetchedAt: new Date().toISOString()
	};
	await db.meta.put({ key: key(courseId), value: bundle });
	return bundle;
}

export async function storedTickets(
	courseId: string,
	db: SeekhDatabase = getDb()
): Promise<TicketBundle | null> {
	const value = (await db.meta.get(key(courseId)))?.value as TicketBundle | undefined;
	return value && Array.isArray(value.tickets) ? value : null;
}

/** Tickets this device already submitted an attempt with (the server would reject a reuse). */
export async function usedTicketIds(db: SeekhDatabase = getDb()): Promise<Set<string>> {
	const submitted = await db.events.where('type').equals('assessment_submitted').toArray();
	return new Set(submitted.map((e) => String(e.payload.ticket_id ?? '')));
}

/** The ticket for the next attempt: unused here and not yet expired, or null ("connect once"). */
export function nextTicket(
	bundle: TicketBundle | null,
	used: Set<string>,
	now = new Date()
): AttemptTicket | null {
	return (
		bundle?.tickets.find((t) => !used.has(t.ticket_id) && Date.parse(t.expires_at) > now.getTime()) ?? null
	);
}

export function startAttempt(ticket: AttemptTicket, db?: SeekhDatabase) {
	return recordEvent(
		{ type: 'assessment_started', course_id: ticket.course_id, payload: { ticket_id: ticket.ticket_id } },
		db
	);
}

/** Each answer is saved as it is given, so a closed tab or flat battery loses nothing. */
export function recordAnswer(
	ticket: AttemptTicket,
	questionId: string,
	answer: string[],
	db?: SeekhDatabase
) {
	return recordEvent(
		{
			type: 'assessment_answered',
			course_id: ticket.course_id,
			payload: { ticket_id: ticket.ticket_id, question_id: questionId, answer }
		},
		db
	);
}

/** The attempt the server grades: the signed ticket reference and every answer given. */
export function submitAttempt(ticket: AttemptTicket, answers: Record<string, string[]>, db?: SeekhDatabase) {
	const drawn = Object.fromEntries(Object.entries(answers).filter(([q]) => ticket.questions.includes(q)));
	return recordEvent(
		{
			type: 'assessment_submitted',
			course_id: ticket.course_id,
			payload: { ticket_id: ticket.ticket_id, sig: ticket.sig, answers: drawn }
		},
		db
	);
}

/** True when the database accepted this session's one-time code as proof of its phone or email. */
async function recordProvenContact(): Promise<boolean> {
	const { getSupabase } = await import('$lib/sync/client');
	const client = getSupabase();
	if (!client) return false;
	for (const kind of ['phone', 'email'] as const) {
		const { error } = await client.rpc('record_verified_contact', { kind }).then(
			(r) => r,
			() => ({ error: true })
		);
		if (!error) return true;
	}
	return false;
}
