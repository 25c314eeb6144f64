import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { uuidv7 } from '$lib/events/uuidv7';

/** A signed-in learner on the embedded stack: their own supabase-js client and id. */
export interface Learner {
	id: string;
	client: SupabaseClient;
	token: string;
	email?: string;
}

/** Reads the one-time code the auth stand-in "sent" to an address (called after it was sent). */
export type CodeReader = (target: string) => string | Promise<string>;

let counter = 0;

export async function signUp(url: string, anonKey: string, label = 'learner'): Promise<Learner> {
	const client = createClient(url, anonKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never }
	});
	const email = `${label}-${Date.now()}-${counter++}@example.pk`;
	const { data, error } = await client.auth.signUp({ email, password: 'correct horse battery staple' });
	if (error || !data.session || !data.user) throw new Error(`sign-up failed: ${error?.message}`);
	return { id: data.user.id, client, token: data.session.access_token, email };
}

/**
 * Proves the learner's email as the final-assessment page does (issue 10): a code to the
 * address, the new one-time-code session, then the database records the proof. Sign-ups are
 * auto-confirmed, so without this a learner gets no tickets, no grading and no certificate.
 */
export async function confirmEmail(learner: Learner, codeFor: CodeReader): Promise<Learner> {
	const email = learner.email;
	if (!email) throw new Error('this learner has no email');
	const sent = await learner.client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
	if (sent.error) throw new Error(`sending the code: ${sent.error.message}`);
	const { data, error } = await learner.client.auth.verifyOtp({
		email,
		token: await codeFor(email),
		type: 'email'
	});
	if (error || !data.session) throw new Error(`the code: ${error?.message}`);
	const recorded = await learner.client.rpc('record_verified_contact', { kind: 'email' });
	if (recorded.error) throw new Error(`recording the proof: ${recorded.error.message}`);
	return { ...learner, token: data.session.access_token };
}

/** A learner who signed up and confirmed their email: may sit final assessments. */
export async function verifiedLearner(
	url: string,
	anonKey: string,
	codeFor: CodeReader,
	label = 'learner'
): Promise<Learner> {
	return confirmEmail(await signUp(url, anonKey, label), codeFor);
}

/** A learner event as the device makes it (owner and device stamped at creation). */
export function event(owner: string, type: string, courseId: string, payload: Record<string, unknown>) {
	return {
		id: uuidv7(),
		v: 1,
		owner,
		// One device per learner (their own id as its id): the database rate-limits final attempts
		// per device, and a whole test file's learners on one device would share that budget.
		device_id: owner,
		type,
		course_id: courseId,
		payload,
		client_ts: new Date().toISOString()
	};
}
