import { createHash } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import Papa from 'papaparse';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { createAdminClient } from '$lib/server/supabase-admin';
import { deleteAccount } from '$lib/server/account/delete-account';
import { generateVerificationCode } from '$lib/certificates/verification-code';
import { collectMyData, myDataCsv, myDataRows } from '$lib/sync/my-data';
import { newDevice, newLearner, signInAgain, stacks, TEST_COURSE, type Learner } from './helpers';
import { event } from './stack-helpers';

/**
 * The learner's rights through the real stack: a complete copy of their data, and deleting the
 * account — data gone from the server, auth user gone, certificates revoked down to a minimal
 * record, other learners untouched, nothing taken from the request but the token.
 */
describe.each(stacks())('download and delete my data on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	const asUser = (token: string) =>
		createClient(stack.url, stack.anonKey, {
			auth: { persistSession: false, autoRefreshToken: false },
			global: { headers: { Authorization: `Bearer ${token}` } },
			realtime: { transport: WebSocket as never }
		});
	const tokenOf = async (learner: Learner) =>
		(await learner.client.auth.getSession()).data.session!.access_token;
	const callDelete = async (token: string | null) => {
		const request = new Request('http://app.test/api/account/delete', {
			method: 'POST',
			headers: token ? { authorization: `Bearer ${token}` } : {}
		});
		const response = await deleteAccount(request, service, asUser);
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};

	/** A learner with a profile, two synced events and a certificate (inserted as the issuer would). */
	async function activeLearner() {
		const learner = await newLearner(stack);
		await learner.client
			.from('profiles')
			.upsert({ id: learner.id, display_name: 'سارہ خان', district: 'Lahore', consent_terms: true })
			.throwOnError();
		const events = [
			event(learner.id, 'lesson_opened', TEST_COURSE.id, {}),
			event(learner.id, 'lesson_completed', TEST_COURSE.id, {})
		].map((e) => ({ ...e, lesson_id: TEST_COURSE.lessons[0] }));
		const pushed = await learner.client.rpc('sync_push', { events });
		expect(pushed.error).toBeNull();
		const code = generateVerificationCode();
		await service
			.from('certificates')
			.insert({
				id: crypto.randomUUID(),
				owner: learner.id,
				course_id: TEST_COURSE.id,
				centre: 'islamabad',
				learner_name: 'سارہ خان',
				code,
				status_index: Math.floor(Math.random() * 131072),
				kid: 'test-kid',
				jwt: 'header.payload.signature'
			})
			.throwOnError();
		return { learner, code, events };
	}

	it('downloads everything kept about the learner, as JSON and as CSV', async () => {
		const { learner, code, events } = await activeLearner();
		const device = await newDevice(learner.id);
		const data = await collectMyData(learner.client, device.db);
		expect(data.account).toMatchObject({ id: learner.id, email: learner.email });
		expect(data.profile).toMatchObject({ display_name: 'سارہ خان', district: 'Lahore' });
		expect(data.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
		expect(data.certificates.map((c) => c.code)).toEqual([code]);
		// What institutions keep about them is in the copy too: a partner's enrolment (with the
		// contact the partner sent) and the unit it made them a member of.
		const digiskills = (
			await service.from('organisations').select('id').eq('code', 'P-DIGISKILLS').single().throwOnError()
		).data!.id as string;
		await service
			.from('partner_enrolments')
			.insert({
				partner_id: digiskills,
				sourced_id: `DS-${learner.id.slice(0, 8)}`,
				org_id: digiskills,
				given_name: 'سارہ',
				family_name: 'خان',
				email: learner.email,
				courses: [TEST_COURSE.id],
				status: 'active',
				user_id: learner.id,
				claimed_at: new Date().toISOString()
			})
			.throwOnError();
		const withEnrolments = await collectMyData(learner.client, device.db);
		expect(withEnrolments.enrolments.partner_enrolments).toEqual([
			expect.objectContaining({
				sourced_id: `DS-${learner.id.slice(0, 8)}`,
				email: learner.email,
				partner: { code: 'P-DIGISKILLS' }
			})
		]);
		expect(withEnrolments.enrolments.units).toEqual([
			expect.objectContaining({
				org_id: digiskills,
				organisations: expect.objectContaining({ code: 'P-DIGISKILLS' })
			})
		]);
		expect(myDataRows(withEnrolments)).toContainEqual(['partner_enrolments', '1', 'email', learner.email]);

		const csv = await myDataCsv(data);
		const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, '')).data;
		expect(rows[0]).toEqual(['section', 'row', 'field', 'value']);
		expect(rows).toContainEqual(['profile', '1', 'display_name', 'سارہ خان']);
		expect(rows).toContainEqual(['certificates', '1', 'code', code]);
		expect(rows.filter((r) => r[0] === 'events' && r[2] === 'id')).toHaveLength(2);
	});

	it('refuses without a valid session, and a learner can delete only their own account', async () => {
		expect(await callDelete(null)).toEqual({ status: 401, body: { error: 'sign_in' } });
		expect((await callDelete('not-a-jwt')).status).toBe(401);
		const anon = createClient(stack.url, stack.anonKey, {
			auth: { persistSession: false },
			realtime: { transport: WebSocket as never }
		});
		const direct = await anon.rpc('delete_my_account');
		expect(direct.error).not.toBeNull();
	});

	it('deletes profile, events, results and the sign-in; revokes certificates to a minimal record', async () => {
		const { learner, code } = await activeLearner();
		const other = await activeLearner();

		const reply = await callDelete(await tokenOf(learner));
		expect(reply).toEqual({ status: 200, body: { deleted: true, events: 2, certificates: 1 } });

		const left = async (table: string, column: string, id: string) =>
			(await service.from(table).select('*', { count: 'exact', head: true }).eq(column, id)).count;
		expect(await left('profiles', 'id', learner.id)).toBe(0);
		expect(await left('learner_events', 'owner', learner.id)).toBe(0);
		expect(await left('course_progress', 'owner', learner.id)).toBe(0);
		const { data: cert } = await service
			.from('certificates')
			.select('owner, learner_name, jwt, revoked_at, revoke_reason, course_id, centre')
			.eq('code', code)
			.single()
			.throwOnError();
		expect(cert).toMatchObject({
			owner: null,
			learner_name: null,
			jwt: null,
			revoke_reason: "deleted at the learner's request",
			course_id: TEST_COURSE.id,
			centre: 'islamabad'
		});
		expect(cert.revoked_at).not.toBeNull();

		// That it happened is recorded, keyed by a hash of the id — not what was deleted.
		const hash = createHash('sha256').update(learner.id).digest('hex');
		const { data: audit } = await service
			.from('audit_log')
			.select('action, target_type, target_id, before, after')
			.eq('target_id', hash)
			.throwOnError();
		expect(audit).toEqual([
			{ action: 'account.deleted', target_type: 'user', target_id: hash, before: null, after: null }
		]);

		// The sign-in is gone: neither the password nor the old token works any more.
		await expect(signInAgain(stack, learner)).rejects.toThrow();
		expect((await callDelete(await tokenOf(learner))).status).toBe(401);

		// Another learner is untouched.
		expect(await left('profiles', 'id', other.learner.id)).toBe(1);
		expect(await left('learner_events', 'owner', other.learner.id)).toBe(2);
		const { data: theirs } = await service
			.from('certificates')
			.select('learner_name, revoked_at')
			.eq('code', other.code)
			.single()
			.throwOnError();
		expect(theirs).toEqual({ learner_name: 'سارہ خان', revoked_at: null });
	});

	it('an assessor and a lead trainer can delete their accounts; learners keep their records', async () => {
		const orgId = async (code: string) =>
			(await service.from('organisations').select('id').eq('code', code).single().throwOnError()).data!
				.id as string;
		const staff = async (code: string, role: string) => {
			const person = await newLearner(stack);
			await service
				.rpc('grant_org_role_by_email', { email: person.email, org_code: code, role })
				.throwOnError();
			return person;
		};
		const learner = await newLearner(stack);
		const assessor = await newLearner(stack);
		// An evaluation is a record about the learner (inserted as the assessor tool would).
		const { data: evaluation } = await service
			.from('skill_evaluations')
			.insert({
				learner: learner.id,
				course_id: TEST_COURSE.id,
				assessor: assessor.id,
				rubric: {
					'plans-session': 4,
					'explains-clearly': 3,
					'checks-understanding': 3,
					'includes-everyone': 4,
					'assesses-fairly': 3
				},
				decision: 'approved'
			})
			.select('id')
			.single()
			.throwOnError();
		expect((await callDelete(await tokenOf(assessor))).status).toBe(200);
		const { data: kept } = await service
			.from('skill_evaluations')
			.select('learner, assessor, decision')
			.eq('id', evaluation!.id)
			.single()
			.throwOnError();
		expect(kept).toEqual({ learner: learner.id, assessor: null, decision: 'approved' });

		// A lead trainer: the first assistant takes the cohort; a cohort with none keeps no lead.
		const hub = await orgId('COE-LHR-TC1');
		const lead = await staff('COE-LHR-TC1', 'trainer');
		const assistant = await staff('COE-LHR-TC1', 'trainer');
		const cohort = async (assistants: string[]) =>
			(
				await lead.client
					.rpc('create_cohort', {
						org: hub,
						title: 'آگاہی بیچ',
						course_ids: [TEST_COURSE.id],
						language: 'ur',
						capacity: 5,
						assistant_trainers: assistants
					})
					.throwOnError()
			).data as { id: string };
		const shared = await cohort([assistant.id]);
		const alone = await cohort([]);
		expect(await callDelete(await tokenOf(lead))).toMatchObject({ status: 200 });
		const { data: cohorts } = await service
			.from('cohorts')
			.select('id, lead_trainer, assistant_trainers')
			.in('id', [shared.id, alone.id])
			.throwOnError();
		expect(cohorts).toHaveLength(2);
		expect(cohorts!.find((c) => c.id === shared.id)).toMatchObject({
			lead_trainer: assistant.id,
			assistant_trainers: []
		});
		expect(cohorts!.find((c) => c.id === alone.id)).toMatchObject({ lead_trainer: null });
		await expect(signInAgain(stack, lead)).rejects.toThrow();
	});

	it('the auth admin API refuses anything but the service key', async () => {
		const learner = await newLearner(stack);
		const asLearner = createAdminClient(stack.url, await tokenOf(learner));
		const { error } = await asLearner.auth.admin.deleteUser(learner.id);
		expect(error).not.toBeNull();
		await expect(signInAgain(stack, learner)).resolves.toBeTruthy();
	});
});
