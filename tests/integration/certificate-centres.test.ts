import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { keyAsSeededForTests } from '../../scripts/assessment-seed.js';
import {
	CENTRE_RELATIONS,
	centreCellAllows,
	readCentreMatrix,
	STAFF_ROLES,
	type CentreRelation
} from '../../scripts/roles-matrix.js';
import { verifyCredential } from '$lib/certificates/verifier';
import { createAdminClient } from '$lib/server/supabase-admin';
import {
	clearStatusListCache,
	revokeCertificate,
	signedStatusList
} from '$lib/server/certificates/revocation';
import { generateSigningJwk, keyringFromJwks, type Keyring } from '$lib/server/certificates/signing-keys';
import {
	centreCertificates,
	certificateForAdmin,
	issueAtCentre,
	myCentres
} from '$lib/server/staff/certificates';
import { newLearner, newVerifiedLearner, stacks, type Learner } from './helpers';
import { event } from './stack-helpers';

/**
 * Certificate centres are organisations (issue 11): who may read, issue and revoke at a centre
 * is decided in SQL by where the role is held. The scope suite is generated from the centre
 * matrix in docs/roles.md; the journey issues, lists, revokes and verifies for real.
 */
const COURSE = 'train-the-trainer';
const key = keyAsSeededForTests(fileURLToPath(new URL(`../../courses/${COURSE}`, import.meta.url)));
const ORIGIN = 'https://seekh.test';
/** Where the role is held for each relation to the Lahore centre (sample tree). */
const ROLE_UNIT: Record<CentreRelation, string> = {
	same: 'COE-LHR',
	above: 'COE',
	sibling: 'COE-KHI',
	below: 'COE-LHR-TC1'
};
const code16 = () =>
	Array.from({ length: 16 }, () => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(Math.random() * 32)]).join(
		''
	);

describe.each(stacks())('certificate centres on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	let keyring: Keyring;
	const orgId = async (code: string) =>
		(
			(await service.from('organisations').select('id').eq('code', code).single().throwOnError()).data as {
				id: string;
			}
		).id;
	const staffAt = async (unit: string, role: string) => {
		const person = await newLearner(stack);
		await service
			.rpc('grant_org_role_by_email', { email: person.email, org_code: unit, role })
			.throwOnError();
		return person;
	};
	/** A certificate issued at `centre` to a learner in no unit (only the centre's staff reach it). */
	async function certificateAt(centre: string) {
		const holder = await newLearner(stack);
		// Status indexes are unique and drawn at random, as the issuer does; other suites share
		// the stack, so a collision just draws again.
		for (let attempt = 0; ; attempt++) {
			const code = code16();
			const { error } = await service.from('certificates').insert({
				id: randomUUID(),
				owner: holder.id,
				course_id: COURSE,
				centre,
				learner_name: 'Holder',
				code,
				status_index: 100_000 + Math.floor(Math.random() * 31_000),
				kid: 'centre-test',
				jwt: 'not-a-real-credential'
			});
			if (!error) return code;
			if (error.code !== '23505' || attempt > 5) throw new Error(error.message);
		}
	}
	/** A learner who passed the Train-the-Trainer final and whose demonstration was approved. */
	async function eligibleTrainer(): Promise<Learner> {
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
		expect((await learner.client.rpc('sync_push', { events: [ev] })).error).toBeNull();
		const evaluator = await newLearner(stack);
		await service
			.from('skill_evaluations')
			.insert({
				learner: learner.id,
				course_id: COURSE,
				assessor: evaluator.id,
				rubric: {
					'plans-session': 3,
					'explains-clearly': 3,
					'checks-understanding': 3,
					'includes-everyone': 3,
					'assesses-fairly': 3
				},
				decision: 'approved'
			})
			.throwOnError();
		return learner;
	}

	beforeAll(async () => {
		keyring = await keyringFromJwks([await generateSigningJwk()]);
	});

	describe('the centre matrix (docs/roles.md), generated', () => {
		const matrix = readCentreMatrix();
		for (const role of STAFF_ROLES)
			for (const relation of CENTRE_RELATIONS)
				it(`${role} held ${relation === 'same' ? 'at the centre' : relation}`, async () => {
					const person = await staffAt(ROLE_UNIT[relation], role);
					const expected = (action: string) =>
						centreCellAllows(matrix.find((r) => r.action.startsWith(action))!.cells[role]!, relation);

					const readCode = await certificateAt('lahore');
					const read = await person.client.from('certificates').select('code').eq('code', readCode);
					expect(read.error).toBeNull();
					expect({ read: (read.data ?? []).length === 1 }).toEqual({ read: expected('read') });

					const learner = await newLearner(stack);
					const issue = await person.client.rpc('authorise_certificate_issue', {
						learner_contact: learner.email,
						course: COURSE,
						centre: 'lahore'
					});
					expect({ issue: issue.error === null }).toEqual({ issue: expected('issue') });
					if (issue.error) expect(issue.error.code).toBe('42501');

					const revokeCode = await certificateAt('lahore');
					const revoke = await revokeCertificate(person.client, { code: revokeCode, reason: 'matrix' });
					expect({ revoke: revoke.ok }).toEqual({ revoke: expected('revoke') });
					const row = await service.from('certificates').select('revoked_at').eq('code', revokeCode).single();
					expect({ revoked: row.data?.revoked_at != null }).toEqual({ revoked: expected('revoke') });
				});
	});

	it('an assessor of one centre cannot issue or revoke at a sibling; a root coe_admin can; revocation fails verification', async () => {
		const lahore = await staffAt('COE-LHR', 'assessor');
		const karachi = await staffAt('COE-KHI', 'assessor');
		const root = await staffAt('PK', 'coe_admin');
		const learner = await eligibleTrainer();
		const input = { contact: learner.email, courseId: COURSE, name: 'زینب بی بی', centre: 'lahore' };

		// Karachi's assessor may not issue at Lahore; nothing is stored.
		expect(await issueAtCentre(karachi.client, service, keyring, karachi.id, ORIGIN, input)).toEqual({
			ok: false,
			error: 'forbidden'
		});
		expect((await service.from('certificates').select('id').eq('owner', learner.id)).data).toEqual([]);

		// Lahore's assessor may: the row records the centre's unit and who issued it, audited.
		const issued = await issueAtCentre(lahore.client, service, keyring, lahore.id, ORIGIN, input);
		if (!issued.ok) throw new Error(issued.error);
		const code = issued.value.certificate.code;
		const lhr = await orgId('COE-LHR');
		const row = (
			await service
				.from('certificates')
				.select('centre, centre_org, issued_by')
				.eq('code', code)
				.single()
				.throwOnError()
		).data;
		expect(row).toEqual({ centre: 'lahore', centre_org: lhr, issued_by: lahore.id });
		const issuedLog = await service
			.from('audit_log')
			.select('actor, org_id')
			.eq('action', 'certificate.issued')
			.eq('target_id', code);
		expect(issuedLog.data).toEqual([{ actor: lahore.id, org_id: lhr }]);

		// The list by centre: Lahore's staff see it, Karachi's see nothing of Lahore.
		const listed = await centreCertificates(lahore.client, { centre: lhr, after: null });
		expect(listed.ok && listed.value.items.map((c) => c.code)).toContain(code);
		expect(await centreCertificates(karachi.client, { centre: lhr, after: null })).toEqual({
			ok: true,
			value: { items: [], next: null }
		});
		expect(await certificateForAdmin(karachi.client, code)).toEqual({ ok: false, error: 'not_found' });
		const centres = await myCentres(karachi.client);
		expect(centres.ok && centres.value.map((c) => c.certificate_centre)).toEqual(['karachi']);
		const all = await myCentres(root.client);
		expect(all.ok && all.value.map((c) => c.certificate_centre).sort()).toEqual(
			['faisalabad', 'hyderabad', 'islamabad', 'karachi', 'lahore', 'peshawar', 'quetta'].sort()
		);

		// Karachi's assessor may not revoke it; the root coe_admin may, and verifiers see it revoked.
		expect(await revokeCertificate(karachi.client, { code, reason: 'no' })).toEqual({
			ok: false,
			error: 'forbidden'
		});
		const jwt = issued.value.certificate.jwt;
		clearStatusListCache();
		const before = { jwt: await signedStatusList(service, keyring, ORIGIN), live: true };
		expect((await verifyCredential(jwt, { keys: keyring.publicJwks }, { statusList: before })).kind).toBe(
			'valid'
		);
		expect(await revokeCertificate(root.client, { code, reason: 'issued in error' })).toMatchObject({
			ok: true
		});
		const after = { jwt: await signedStatusList(service, keyring, ORIGIN), live: true };
		expect((await verifyCredential(jwt, { keys: keyring.publicJwks }, { statusList: after })).kind).toBe(
			'revoked'
		);
		const revokedLog = await service
			.from('audit_log')
			.select('actor, org_id')
			.eq('action', 'certificate.revoked')
			.eq('target_id', code);
		expect(revokedLog.data).toEqual([{ actor: root.id, org_id: lhr }]);

		// The root coe_admin issues at any centre.
		const other = await eligibleTrainer();
		const atKarachi = await issueAtCentre(root.client, service, keyring, root.id, ORIGIN, {
			...input,
			contact: other.email,
			centre: 'karachi'
		});
		expect(atKarachi.ok && atKarachi.value.certificate.centre).toBe('karachi');
	});

	it('refuses a centre no unit carries, and an unknown learner, plainly', async () => {
		const refused = await service.from('certificates').insert({
			id: randomUUID(),
			course_id: COURSE,
			centre: 'gilgit',
			learner_name: 'X',
			code: code16(),
			status_index: 99_000,
			kid: 'k',
			jwt: 'x'
		});
		expect(refused.error?.code).toBe('23514');
		const root = await staffAt('PK', 'coe_admin');
		const base = { contact: 'nobody-at-all@example.test', courseId: COURSE, name: 'A', centre: 'lahore' };
		expect(await issueAtCentre(root.client, service, keyring, root.id, ORIGIN, base)).toEqual({
			ok: false,
			error: 'no_account'
		});
		expect(
			await issueAtCentre(root.client, service, keyring, root.id, ORIGIN, { ...base, centre: 'gilgit' })
		).toEqual({
			ok: false,
			error: 'bad_centre'
		});
		// A learner who has not passed is refused with the certificate's own reason.
		const learner = await newVerifiedLearner(stack);
		expect(
			await issueAtCentre(root.client, service, keyring, root.id, ORIGIN, { ...base, contact: learner.email })
		).toEqual({ ok: false, error: 'not_passed' });
	});
});
