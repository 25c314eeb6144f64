import type { User } from '@supabase/supabase-js';
import type { SeekhClient } from '$lib/db/typed-client';
import { adoptIntoAccount, returnToAnonymous } from '$lib/db/adopt';
import type { SeekhDatabase } from '$lib/db/db';
import { accountErrorKey, type AccountErrorKey } from './auth-errors';
import { forgetOthersData } from './forget-others';
import { recordPendingProof, rememberProof } from './proof';

/**
 * Sign-in, sign-up and sign-out for the account UI. On success the device's anonymous
 * progress is adopted into the account (one Dexie transaction) before anything syncs.
 */
export type AccountResult = { ok: true; adopted: number } | { ok: false; error: AccountErrorKey };

async function afterSignIn(
	db: SeekhDatabase,
	user: User | null,
	error: unknown,
	client?: SeekhClient,
	proved: 'phone' | 'email' = 'phone'
): Promise<AccountResult> {
	if (error || !user) return { ok: false, error: accountErrorKey(error) };
	// Remembered until the database has it, before anything else is awaited: the page shows the
	// person signed in as soon as the session changes, so they may leave while the device's
	// progress is adopted. Whatever is not done here is then recorded (and their HR record
	// claimed) on the home page. Remembered after adoption, it was lost that way (compliance e2e).
	if (client) rememberProof(proved);
	const { adopted } = await adoptIntoAccount(db, user.id);
	// Only the one-time-code sign-ins pass the client: the phone or email it proved counts for
	// final assessments and for claiming (the database checks the token's sign-in method and
	// takes the contact from the account, not from this call).
	if (client) await recordPendingProof(client);
	// An HR record with a proven mobile/email becomes theirs; failing here never blocks signing in.
	await Promise.resolve(client?.rpc('claim_employee_records')).catch(() => undefined);
	// Likewise a delivery partner's enrolment keyed to it (docs/partner-api.md).
	await Promise.resolve(client?.rpc('claim_partner_enrolments')).catch(() => undefined);
	return { ok: true, adopted };
}

async function attempt(run: () => Promise<AccountResult>): Promise<AccountResult> {
	try {
		return await run();
	} catch (error) {
		return { ok: false, error: accountErrorKey(error) };
	}
}

export function accountActions(client: SeekhClient, db: SeekhDatabase) {
	return {
		signUpWithEmail: (email: string, password: string) =>
			attempt(async () => {
				const { data, error } = await client.auth.signUp({ email: email.trim(), password });
				return afterSignIn(db, data.user, error);
			}),
		signInWithEmail: (email: string, password: string) =>
			attempt(async () => {
				const { data, error } = await client.auth.signInWithPassword({ email: email.trim(), password });
				return afterSignIn(db, data.user, error);
			}),
		sendPhoneCode: (phone: string) =>
			attempt(async () => {
				const { error } = await client.auth.signInWithOtp({ phone: phone.trim() });
				return error ? { ok: false, error: accountErrorKey(error) } : { ok: true, adopted: 0 };
			}),
		verifyPhoneCode: (phone: string, token: string) =>
			attempt(async () => {
				const { data, error } = await client.auth.verifyOtp({
					phone: phone.trim(),
					token: token.trim(),
					type: 'sms'
				});
				return afterSignIn(db, data.user, error, client);
			}),
		/** A code to the email HR has on file: how a civil servant without a password signs in. */
		sendEmailCode: (email: string) =>
			attempt(async () => {
				const { error } = await client.auth.signInWithOtp({ email: email.trim() });
				return error ? { ok: false, error: accountErrorKey(error) } : { ok: true, adopted: 0 };
			}),
		verifyEmailCode: (email: string, token: string) =>
			attempt(async () => {
				const { data, error } = await client.auth.verifyOtp({
					email: email.trim(),
					token: token.replace(/\s/g, ''),
					type: 'email'
				});
				return afterSignIn(db, data.user, error, client, 'email');
			}),
		/** Local sign-out always succeeds, even offline; the learner's own copy stays, other people's data goes. */
		signOut: async () => {
			await client.auth.signOut({ scope: 'local' }).catch(() => undefined);
			forgetOthersData(globalThis.localStorage);
			await returnToAnonymous(db);
		}
	};
}
