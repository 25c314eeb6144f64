import { fileURLToPath } from 'node:url';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { RequestEvent } from '@sveltejs/kit';
import WebSocket from 'ws';
import { keyAsSeededForTests } from '../../scripts/assessment-seed.js';
import { describe, expect, it } from 'vitest';
import { createAdminClient } from '$lib/server/supabase-admin';
import { sessionHandle, loadSession } from '$lib/server/session';
import { staffEndpoint } from '$lib/server/staff/endpoint';
import { claimCertificate } from '$lib/server/certificates/issue';
import { revokeCertificate } from '$lib/server/certificates/revocation';
import { generateSigningJwk, keyringFromJwks } from '$lib/server/certificates/signing-keys';
import { pendingDemonstrations, recordEvaluation } from '$lib/server/staff/assessor';
import { certificateForAdmin } from '$lib/server/staff/certificates';
import type { Result } from '$lib/result';
import type { StaffRole } from '$lib/staff/types';
import type { Rubric } from '$lib/certificates/rubric';
import { newLearner, newVerifiedLearner, stacks, type Learner } from './helpers';
import { event } from './stack-helpers';

/**
 * The staff screens' server code against the real embedded stack, as each kind of person:
 * the role checks that matter live in RLS and SQL, so a learner calling the same code (or the
 * API behind /staff) is refused by the database itself.
 */
const COURSE = 'train-the-trainer';
// Real keys are sealed (issue 10): the test stack seeds a stand-in key for the real pool.
const key = keyAsSeededForTests(fileURLToPath(new URL(`../../courses/${COURSE}`, import.meta.url)));
const rubric: Rubric = {
	'plans-session': 4,
	'explains-clearly': 3,
	'checks-understanding': 3,
	'includes-everyone': 4,
	'assesses-fairly': 3
};

/** A supabase-js client acting with this token, as the app server makes it. */
const clientAs = (url: string, anonKey: string) => (token: string) =>
	createClient(url, anonKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		global: { headers: { Authorization: `Bearer ${token}` } },
		realtime: { transport: WebSocket as never }
	});
const tokenOf = async (learner: Learner) =>
	(await learner.client.auth.getSession()).data.session!.access_token;

describe.each(stacks())('staff tools on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	/** The roles `handle` puts in locals for this person's request. */
	const staffRoles = async (learner: Learner) => {
		const request = new Request('http://app.test/api/staff/roles', {
			headers: { authorization: `Bearer ${await tokenOf(learner)}` }
		});
		const session = await loadSession(request, clientAs(stack.url, stack.anonKey));
		return [...new Set(session!.grants.map((g) => g.role))].sort();
	};
	const anon = () =>
		createClient(stack.url, stack.anonKey, {
			auth: { persistSession: false },
			realtime: { transport: WebSocket as never }
		});

	/** A learner who passed the Train-the-Trainer assessment through the real grading path. */
	async function passedTrainer(): Promise<Learner> {
		const learner = await newVerifiedLearner(stack);
		const got = await learner.client.rpc('assessment_tickets', { course: COURSE });
		if (got.error) throw new Error(got.error.message);
		const ticket = (got.data as { tickets: { ticket_id: string; sig: string; questions: string[] }[] })
			.tickets[0]!;
		const answers = Object.fromEntries(ticket.questions.map((q) => [q, key[q]!.map(String)]));
		const ev = event(learner.id, 'assessment_submitted', COURSE, {
			ticket_id: ticket.ticket_id,
			sig: ticket.sig,
			answers
		});
		const pushed = await learner.client.rpc('sync_push', { events: [ev] });
		expect(pushed.error).toBeNull();
		return learner;
	}

	async function withRole(role: 'assessor' | 'coe_admin') {
		const person = await newLearner(stack);
		const granted = await service.rpc('grant_role', { email: person.email, role });
		expect(granted.error).toBeNull();
		expect(granted.data).toBe(person.id);
		return person;
	}

	it('only the service role can grant roles', async () => {
		const learner = await newLearner(stack);
		const self = await learner.client.rpc('grant_role', { email: learner.email, role: 'coe_admin' });
		expect(self.error).not.toBeNull();
		expect(await staffRoles(learner)).toEqual([]);
		const unknown = await service.rpc('grant_role', { email: 'nobody@example.test', role: 'assessor' });
		expect(unknown.error?.message).toMatch(/no account/);
	});

	it('an assessor finds a waiting learner and records a rubric; a learner cannot', async () => {
		const trainee = await passedTrainer();
		const assessor = await withRole('assessor');
		expect(await staffRoles(assessor)).toEqual(['assessor']);

		const byEmail = await pendingDemonstrations(assessor.client, trainee.email.toUpperCase());
		expect(byEmail.ok && byEmail.value.map((w) => [w.learner, w.course_id])).toEqual([[trainee.id, COURSE]]);
		const byId = await pendingDemonstrations(assessor.client, trainee.id);
		expect(byId.ok && byId.value).toHaveLength(1);

		// A learner (even one who passed) and anon are refused by the database, not by the UI.
		const other = await passedTrainer();
		expect(await pendingDemonstrations(other.client, null)).toEqual({ ok: false, error: 'forbidden' });
		expect((await anon().rpc('pending_demonstrations', { search: null })).error).not.toBeNull();
		expect(
			await recordEvaluation(other.client, { learner: trainee.id, course_id: COURSE, rubric, notes: '' })
		).toEqual({ ok: false, error: 'forbidden' });
		expect(
			await recordEvaluation(other.client, { learner: other.id, course_id: COURSE, rubric, notes: '' })
		).toEqual({
			ok: false,
			error: 'forbidden'
		});

		const notYet = await recordEvaluation(assessor.client, {
			learner: trainee.id,
			course_id: COURSE,
			rubric: { ...rubric, 'assesses-fairly': 2 },
			notes: 'Practise fair marking.'
		});
		expect(notYet.ok && notYet.value.decision).toBe('not_yet');
		const still = await pendingDemonstrations(assessor.client, trainee.id);
		expect(still.ok && still.value[0]?.last_decision).toBe('not_yet');

		const approved = await recordEvaluation(assessor.client, {
			learner: trainee.id,
			course_id: COURSE,
			rubric,
			notes: ''
		});
		expect(approved.ok && approved.value.decision).toBe('approved');
		expect(await pendingDemonstrations(assessor.client, trainee.id)).toEqual({ ok: true, value: [] });
		const rows = await service
			.from('skill_evaluations')
			.select('decision, assessor')
			.eq('learner', trainee.id);
		expect(rows.data?.map((r) => r.decision).sort()).toEqual(['approved', 'not_yet']);
		expect(rows.data?.every((r) => r.assessor === assessor.id)).toBe(true);

		// Bad input is refused, never stored: an incomplete rubric, an assessor rating themself.
		expect(
			await recordEvaluation(assessor.client, {
				learner: trainee.id,
				course_id: COURSE,
				rubric: { 'plans-session': 4 },
				notes: ''
			})
		).toEqual({ ok: false, error: 'invalid' });
		expect(
			await recordEvaluation(assessor.client, { learner: assessor.id, course_id: COURSE, rubric, notes: '' })
		).toEqual({ ok: false, error: 'invalid' });
	});

	it('a CoE-AI admin looks up and revokes a certificate; another centre’s assessor and a learner cannot', async () => {
		const trainee = await passedTrainer();
		const assessor = await withRole('assessor');
		const coe = await withRole('coe_admin');
		await recordEvaluation(assessor.client, { learner: trainee.id, course_id: COURSE, rubric, notes: '' });
		const keyring = await keyringFromJwks([await generateSigningJwk()]);
		const claimed = await claimCertificate(service, keyring, {
			learnerId: trainee.id,
			courseId: COURSE,
			learnerName: 'عائشہ خان',
			centre: 'lahore',
			origin: 'https://seekh.test'
		});
		if (!claimed.ok) throw new Error(claimed.error);
		const code = claimed.value.certificate.code;
		// Issued at Lahore: an assessor of the Karachi centre (a sibling) reaches none of it.
		const karachi = await newLearner(stack);
		await service
			.rpc('grant_org_role_by_email', { email: karachi.email, org_code: 'COE-KHI', role: 'assessor' })
			.throwOnError();

		const seen = await certificateForAdmin(coe.client, code);
		expect(seen).toMatchObject({
			ok: true,
			value: { code, learner_name: 'عائشہ خان', course_id: COURSE, centre: 'lahore', revoked_at: null }
		});
		expect(await certificateForAdmin(karachi.client, code)).toEqual({ ok: false, error: 'not_found' });
		expect(await certificateForAdmin(trainee.client, code)).toEqual({ ok: false, error: 'forbidden' });
		// RLS: that assessor reading the table directly sees no one else's certificate.
		expect((await karachi.client.from('certificates').select('id').eq('code', code)).data).toEqual([]);
		expect(await certificateForAdmin(coe.client, 'ZZZZZZZZZZZZZZZZ')).toEqual({
			ok: false,
			error: 'not_found'
		});

		expect(await revokeCertificate(karachi.client, { code, reason: 'no' })).toEqual({
			ok: false,
			error: 'forbidden'
		});
		expect(await revokeCertificate(trainee.client, { code, reason: 'no' })).toEqual({
			ok: false,
			error: 'forbidden'
		});
		// Nor can either write the row themselves.
		const direct = await karachi.client
			.from('certificates')
			.update({ revoked_at: new Date().toISOString() })
			.eq('code', code)
			.select();
		expect(direct.data ?? []).toEqual([]);

		expect(await revokeCertificate(coe.client, { code, reason: 'issued in error' })).toMatchObject({
			ok: true,
			value: { revoked: expect.any(String) }
		});
		const after = await certificateForAdmin(coe.client, code);
		expect(after.ok && after.value.revoke_reason).toBe('issued in error');
		expect(after.ok && after.value.revoked_at).not.toBeNull();
	});
});

describe.each(stacks())('the staff API on $name', (stack) => {
	const service = createAdminClient(stack.url, stack.serviceKey);
	/** A request through `handle` (session verified once) into a staff endpoint needing `roles`. */
	const call = async (
		token: string | null,
		roles: readonly StaffRole[],
		run: (c: SupabaseClient) => Promise<Result<unknown>>
	) => {
		const request = new Request('http://app.test/api/staff/x', {
			headers: token ? { authorization: `Bearer ${token}` } : {}
		});
		const event = { request, url: new URL(request.url), locals: {} } as unknown as RequestEvent;
		const response = await sessionHandle(clientAs(stack.url, stack.anonKey))({
			event,
			resolve: (e) => staffEndpoint(e, roles, (session) => run(session.client))
		});
		return { status: response.status, body: (await response.json()) as unknown };
	};

	it('answers 401 without a session, 403 to a learner, 200 to an assessor', async () => {
		const learner = await newLearner(stack);
		const assessor = await newLearner(stack);
		await service.rpc('grant_role', { email: assessor.email, role: 'assessor' }).throwOnError();
		const waiting = (c: SupabaseClient) => pendingDemonstrations(c, null);
		expect(await call(null, ['assessor'], waiting)).toEqual({ status: 401, body: { error: 'sign_in' } });
		expect(await call('not-a-jwt', ['assessor'], waiting)).toMatchObject({ status: 401 });
		expect(await call(await tokenOf(learner), ['assessor'], waiting)).toEqual({
			status: 403,
			body: { error: 'forbidden' }
		});
		// Past the endpoint's door, the database refuses on its own too.
		expect(await call(await tokenOf(learner), [], waiting)).toMatchObject({ status: 403 });
		const ok = await call(await tokenOf(assessor), ['assessor'], waiting);
		expect(ok.status).toBe(200);
		expect(Array.isArray(ok.body)).toBe(true);
		const evaluation = (c: SupabaseClient) =>
			recordEvaluation(c, { learner: learner.id, course_id: COURSE, rubric, notes: '' });
		expect(await call(await tokenOf(learner), [], evaluation)).toEqual({
			status: 403,
			body: { error: 'forbidden' }
		});
	});
});
