import type { SeekhClient } from '$lib/db/typed-client';

/**
 * "Confirm your email to take the final assessment" (issue 10): sign-ups are not confirmed by
 * mail, so before a final the learner proves the address (or phone) with a one-time code. The
 * code starts a new session whose token says it was an OTP sign-in; the database then records
 * the contact as proven (public.record_verified_contact, which checks the token, never what we
 * send). Only the assessment page loads this, so learners' first visit stays small.
 */
export type ContactKind = 'email' | 'phone';
export interface Contact {
	kind: ContactKind;
	/** The address or number auth holds for this account (shown to the learner). */
	value: string;
}

/** What the learner is told; keys under cert:assessment.confirm.problems. */
export type ConfirmProblem = 'wrongCode' | 'expiredCode' | 'tooMany' | 'offline' | 'server';

/**
 * How long a code lives: 10 minutes in the auth stand-in and in supabase/config.toml
 * ([auth.email] / [auth.sms] otp_expiry = 600; docs/deploy.md asks the same of hosted projects).
 */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;

interface ErrorLike {
	code?: unknown;
	status?: unknown;
	name?: unknown;
	hint?: unknown;
}

/**
 * Maps an auth or PostgREST error to a message. GoTrue answers a wrong and an expired code the
 * same way (403 otp_expired), so the time since the code was sent tells them apart.
 */
export function confirmProblem(error: unknown, sentAt: number | null, now = Date.now()): ConfirmProblem {
	const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
	const code = typeof e.code === 'string' ? e.code : '';
	const status = typeof e.status === 'number' ? e.status : 0;
	if (status === 429 || code.startsWith('over_')) return 'tooMany';
	if (code === 'otp_expired')
		return sentAt !== null && now - sentAt > CODE_LIFETIME_MS ? 'expiredCode' : 'wrongCode';
	// The database saw no recent code in this session (or the contact changed since): a new code.
	if (e.hint === 'otp_required') return 'expiredCode';
	if (
		e.name === 'AuthRetryableFetchError' ||
		e.name === 'TypeError' ||
		(status === 0 && e.name !== undefined)
	)
		return 'offline';
	return 'server';
}

export function contactActions(client: SeekhClient) {
	async function attempt(run: () => Promise<unknown>, sentAt: number | null): Promise<ConfirmProblem | null> {
		if (typeof navigator !== 'undefined' && navigator.onLine === false) return 'offline';
		try {
			const error = await run();
			return error ? confirmProblem(error, sentAt) : null;
		} catch (error) {
			return confirmProblem(error, sentAt);
		}
	}

	return {
		/** The signed-in account's contact, email first; null when there is none (or no session). */
		async contact(): Promise<Contact | null> {
			const { data } = await client.auth.getSession();
			const user = data.session?.user;
			if (!user || user.is_anonymous) return null;
			if (user.email) return { kind: 'email', value: user.email };
			if (user.phone) return { kind: 'phone', value: user.phone };
			return null;
		},

		/** Sends a code to the account's own contact; never creates an account. */
		send: (contact: Contact) =>
			attempt(async () => {
				const { error } = await client.auth.signInWithOtp(
					contact.kind === 'email'
						? { email: contact.value, options: { shouldCreateUser: false } }
						: { phone: contact.value, options: { shouldCreateUser: false } }
				);
				return error;
			}, null),

		/** Checks the code (a new session, kept where the app keeps it) and records the proof. */
		verify: (contact: Contact, code: string, sentAt: number | null) =>
			attempt(async () => {
				const token = code.replace(/\s/g, '');
				const { error } = await client.auth.verifyOtp(
					contact.kind === 'email'
						? { email: contact.value, token, type: 'email' }
						: { phone: contact.value, token, type: 'sms' }
				);
				if (error) return error;
				return (await client.rpc('record_verified_contact', { kind: contact.kind })).error;
			}, sentAt)
	};
}
