import { fileURLToPath } from 'node:url';
import type { SupabaseClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { keyAsSeededForTests } from '../../scripts/assessment-seed.js';
import { createAdminClient } from '$lib/server/supabase-admin';
import { claimCertificate } from '$lib/server/certificates/issue';
import { generateSigningJwk, keyringFromJwks, type Keyring } from '$lib/server/certificates/signing-keys';
import { client, newLearner, otpFor, stacks, type Learner } from './helpers';
import { event } from './stack-helpers';

/**
 * Issue 10, "a final attempt needs an account with a verified email or phone": sign-ups are
 * auto-confirmed, so email_confirmed_at proves nothing. Only a contact proven with a one-time
 * code (recorded by public.record_verified_contact from an OTP session) opens tickets, grading
 * and certificates. On PGlite and, with TEST_DATABASE_URL, on PostgreSQL 15.
 */
const COURSE = 'ai-public-servants';
// Real keys are sealed: the test stacks seed a stand-in key for the real pool.
const key = keyAsSeededForTests(fileURLToPath(new URL(`../../courses/${COURSE}`, import.meta.url)));
const origin = 'https://seekh.test';

interface Ticket {
	ticket_id: string;
	sig: string;
	questions: string[];
}

describe.each(stacks())('a final needs a proven email or phone on $name', (stack) => {
	const admin: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	let keyring: Keyring;
	beforeAll(async () => {
		keyring = await keyringFromJwks([await generateSigningJwk()]);
	});

	const tickets = (c: SupabaseClient) => c.rpc('assessment_tickets', { course: COURSE });
	const record = (c: SupabaseClient, kind = 'email') => c.rpc('record_verified_contact', { kind });
	/** The grade the server gave an attempt (service role: learners never read a score). */
	async function submitted(learner: Learner, c: SupabaseClient, payload: Record<string, unknown>) {
		const ev = event(learner.id, 'assessment_submitted', COURSE, payload);
		const pushed = await c.rpc('sync_push', { events: [ev] });
		expect(pushed.error).toBeNull();
		const { data } = await admin
			.from('assessment_results')
			.select('status, reason')
			.eq('event_id', ev.id)
			.single();
		return data as { status: string; reason: string | null };
	}
	const claim = (learnerId: string) =>
		claimCertificate(admin, keyring, {
			learnerId,
			courseId: COURSE,
			learnerName: 'فاطمہ بی بی',
			centre: 'lahore',
			origin
		});
	/** Sends a code to the learner's email and signs in with it, as the assessment page does. */
	async function signInWithCode(learner: Learner) {
		const c = learner.client;
		const sent = await c.auth.signInWithOtp({ email: learner.email, options: { shouldCreateUser: false } });
		expect(sent.error).toBeNull();
		const session = await c.auth.verifyOtp({
			email: learner.email,
			token: otpFor(stack, learner.email),
			type: 'email'
		});
		expect(session.error).toBeNull();
		return session.data.session!;
	}

	it('a password email account gets no ticket, no grade and no certificate until it proves the address', async () => {
		const learner = await newLearner(stack);
		// "Confirmed" by auto-confirmation: that is exactly what no longer counts.
		expect((await learner.client.auth.getUser()).data.user?.email_confirmed_at).toBeTruthy();
		const refused = await tickets(learner.client);
		expect(refused.error).toMatchObject({ hint: 'verify_contact' });
		const made = await submitted(learner, learner.client, {
			ticket_id: crypto.randomUUID(),
			sig: '0'.repeat(64),
			answers: {}
		});
		expect(made).toEqual({ status: 'rejected', reason: 'verify_account' });
		expect(await claim(learner.id)).toEqual({ ok: false, error: 'verify_account' });

		// The code step: a new session whose token says "otp", then the proof is recorded.
		const session = await signInWithCode(learner);
		expect(decodeJwt(session.access_token).amr).toEqual([{ method: 'otp', timestamp: expect.any(Number) }]);
		expect((await record(learner.client)).data).toEqual({ kind: 'email', verified: true });
		const got = await tickets(learner.client);
		expect(got.error).toBeNull();
		const t = (got.data as { tickets: Ticket[] }).tickets[0]!;
		const answers = Object.fromEntries(t.questions.map((q) => [q, key[q]!.map(String)]));
		expect(await submitted(learner, learner.client, { ticket_id: t.ticket_id, sig: t.sig, answers })).toEqual(
			{
				status: 'passed',
				reason: null
			}
		);
		const certified = await claim(learner.id);
		expect(certified.ok).toBe(true);
	});

	it('a password session cannot record a proof, and the call takes no address from the request', async () => {
		const learner = await newLearner(stack);
		const password = await record(learner.client);
		expect(password.error).toMatchObject({ hint: 'otp_required' });
		// Signed in again with the password on another device: still no code, still refused.
		const again = client(stack);
		await again.auth.signInWithPassword({ email: learner.email, password: learner.password });
		expect((await record(again)).error).toMatchObject({ hint: 'otp_required' });
		// Someone else's address (or any value) cannot be passed: there is no such parameter.
		const other = await newLearner(stack);
		await signInWithCode(other);
		const forged = await learner.client.rpc('record_verified_contact', { kind: 'email', value: other.email });
		expect(forged.error).not.toBeNull();
		expect((await record(learner.client, 'address')).error).not.toBeNull();
		expect((await tickets(learner.client)).error).toMatchObject({ hint: 'verify_contact' });
		// A forged token (an "otp" amr signed with another key) never reaches the database.
		const fake = `${session64({ sub: learner.id, amr: [{ method: 'otp', timestamp: now() }] })}.x`;
		const forgedToken = await fetch(`${stack.url}/rest/v1/rpc/record_verified_contact`, {
			method: 'POST',
			headers: { apikey: stack.anonKey, authorization: `Bearer ${fake}`, 'content-type': 'application/json' },
			body: JSON.stringify({ kind: 'email' })
		});
		expect(forgedToken.status).toBe(401);
		expect((await tickets(learner.client)).error).toMatchObject({ hint: 'verify_contact' });
	});

	it('a code proves only the address held when it was typed: switching to a throw-away one after it does not count', async () => {
		const learner = await newLearner(stack);
		await signInWithCode(learner);
		const throwaway = `x-${Date.now()}-${Math.floor(Math.random() * 1e6)}@nowhere.invalid`;
		expect((await learner.client.auth.updateUser({ email: throwaway })).error).toBeNull();
		// A refreshed token says the new address and keeps the OTP claim (as GoTrue does).
		const refreshed = await learner.client.auth.refreshSession();
		expect(decodeJwt(refreshed.data.session!.access_token)).toMatchObject({
			email: throwaway,
			amr: [{ method: 'otp' }]
		});
		expect((await record(learner.client)).error).toMatchObject({ hint: 'otp_required' });
		expect((await tickets(learner.client)).error).toMatchObject({ hint: 'verify_contact' });
	});

	it('changing the email after proving it takes the proof away until the new address is proven', async () => {
		const learner = await newLearner(stack);
		await signInWithCode(learner);
		expect((await record(learner.client)).error).toBeNull();
		expect((await tickets(learner.client)).error).toBeNull();
		const next = `moved-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
		expect((await learner.client.auth.updateUser({ email: next })).error).toBeNull();
		expect((await tickets(learner.client)).error).toMatchObject({ hint: 'verify_contact' });
		expect(await claim(learner.id)).toEqual({ ok: false, error: 'verify_account' });
		// The new address, proven with its own code, counts again. Sign-in times in tokens are
		// whole seconds and a change in the code's own second counts as after it (fail closed).
		await nextSecond();
		await signInWithCode({ ...learner, email: next });
		expect((await record(learner.client)).error).toBeNull();
		expect((await tickets(learner.client)).error).toBeNull();
	});

	it('a phone proven by SMS code counts once recorded; anonymous accounts are still refused', async () => {
		const phone = `92345${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`;
		const c = client(stack);
		expect((await c.auth.signInWithOtp({ phone })).error).toBeNull();
		const session = await c.auth.verifyOtp({ phone, token: otpFor(stack, phone), type: 'sms' });
		expect(session.error).toBeNull();
		expect((await tickets(c)).error).toMatchObject({ hint: 'verify_contact' });
		// A phone account has no email to claim.
		expect((await record(c, 'email')).error).toMatchObject({ hint: 'no_contact' });
		expect((await record(c, 'phone')).data).toEqual({ kind: 'phone', verified: true });
		expect((await tickets(c)).error).toBeNull();

		const anon = client(stack);
		const signedIn = await anon.auth.signInAnonymously();
		expect(decodeJwt(signedIn.data.session!.access_token).amr).toEqual([
			{ method: 'anonymous', timestamp: expect.any(Number) }
		]);
		expect((await record(anon)).error).toMatchObject({ hint: 'verify_account' });
		expect((await tickets(anon)).error).toMatchObject({ hint: 'verify_account' });
		expect(await claim(signedIn.data.user!.id)).toEqual({ ok: false, error: 'verify_account' });
	});
});

const now = () => Math.floor(Date.now() / 1000);
/** Waits until the clock has moved into the next whole second. */
const nextSecond = () => new Promise((done) => setTimeout(done, 1050 - (Date.now() % 1000)));
/** An unsigned-looking JWT header and body (the signature part is junk). */
function session64(claims: Record<string, unknown>) {
	const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
	return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ role: 'authenticated', aud: 'authenticated', exp: now() + 600, ...claims })}`;
}
