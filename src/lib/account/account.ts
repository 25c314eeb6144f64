import type { User } from '@supabase/supabase-js';
import type { SeekhClient } from '$lib/db/typed-client';
import { adoptIntoAccount, returnToAnonymous } from '$lib/db/adopt';
import type { SeekhDatabase } from '$lib/db/db';
import { accountErrorKey, type AccountErrorKey } from './auth-errors';

/**
 * Sign-in, sign-up and sign-out for the account UI. On success the device's anonymous
 * progress is adopted into the account (one Dexie transaction) before anything syncs.
 */
export type AccountResult = { ok: true; adopted: number } | { ok: false; error: AccountErrorKey };

async function afterSignIn(
	db: SeekhDatabase,
	user: User | null,
	error: unknown,
	client?: SeekhClient
): Promise<AccountResult> {
	if (error || !user) return { ok: false, error: accountErrorKey(error) };
	const { adopted } = await adoptIntoAccount(db, user.id);
	// Only the one-time-code sign-in passes the client: the phone it proved counts for final
	// assessments (the database checks the token's sign-in method, not this call).
	await Promise.resolve(client?.rpc('record_verified_contact', { kind: 'phone' })).catch(() => undefined);
	// An HR record with this verified mobile/email becomes theirs (the database checks the
	// one-time-code sign-in); failing here never blocks signing in.
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
		/** Local sign-out always succeeds, even offline; this device's copy stays. */
		signOut: async () => {
			await client.auth.signOut({ scope: 'local' }).catch(() => undefined);
			await returnToAnonymous(db);
		}
	};
}
