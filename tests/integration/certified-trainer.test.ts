import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import type { SupabaseClient } from '@supabase/supabase-js';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { keyAsSeededForTests } from '../../scripts/assessment-seed.js';
import { createAdminClient } from '$lib/server/supabase-admin';
import { claimCertificate } from '$lib/server/certificates/issue';
import { revokeCertificate, signedStatusList } from '$lib/server/certificates/revocation';
import { generateSigningJwk, keyringFromJwks } from '$lib/server/certificates/signing-keys';
import { recordEvaluation } from '$lib/server/staff/assessor';
import { myTrainerRequirements, trainerCascade } from '$lib/server/staff/trainers';
import { verifyCredential } from '$lib/certificates/verifier';
import type { Rubric } from '$lib/certificates/rubric';
import { CERTIFIED_TRAINER, type TrainerRequirements } from '$lib/trainer/requirements';
import { client, newLearner, newVerifiedLearner, stacks, type Learner } from './helpers';
import { event } from './stack-helpers';

/**
 * The Certified Trainer credential on both backends, as real accounts through the real paths:
 * lessons synced, finals graded by the server, attendance from the trainer's events, a rubric
 * from an assessor, the credential from the same issuer as every certificate. Each requirement
 * missing is refused with its own code; all met → issued, verifies, validates as OB 3.0, and
 * the cascade (who trained whom, the trainer role) is recorded for CoE-AI only.
 */
const origin = 'https://seekh.test';
const keyOf = (course: string) =>
	keyAsSeededForTests(fileURLToPath(new URL(`../../courses/${course}`, import.meta.url)));
const keys = {
	'ai-foundations-ethics': keyOf('ai-foundations-ethics'),
	'train-the-trainer': keyOf('train-the-trainer')
};
const rubric: Rubric = {
	'plans-session': 4,
	'explains-clearly': 3,
	'checks-understanding': 3,
	'includes-everyone': 3,
	'assesses-fairly': 3
};
const schema = JSON.parse(
	readFileSync(
		new URL('../fixtures/openbadges-3.0/achievementcredential.schema.json', import.meta.url),
		'utf8'
	)
) as object;
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validateOb3 = ajv.compile(schema);

async function push(person: Learner, events: unknown[]) {
	const { data, error } = await person.client.rpc('sync_push', { events });
	if (error) throw new Error(error.message);
	expect((data as { accepted: string[] }).accepted).toHaveLength(events.length);
}

async function passFinal(learner: Learner, course: keyof typeof keys) {
	const got = await learner.client.rpc('assessment_tickets', { course });
	if (got.error) throw new Error(got.error.message);
	const ticket = (got.data as { tickets: { ticket_id: string; sig: string; questions: string[] }[] })
		.tickets[0]!;
	const answers = Object.fromEntries(ticket.questions.map((q) => [q, keys[course][q]!.map(String)]));
	await push(learner, [
		event(learner.id, 'assessment_submitted', course, {
			ticket_id: ticket.ticket_id,
			sig: ticket.sig,
			answers
		})
	]);
}

describe.each(stacks())('certified trainer on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	const orgId = async (code: string) =>
		(
			(await service.from('organisations').select('id').eq('code', code).single().throwOnError()).data as {
				id: string;
			}
		).id;
	async function staff(code: string, role: string): Promise<Learner> {
		const person = await newLearner(stack);
		await service
			.rpc('grant_org_role_by_email', { email: person.email, org_code: code, role })
			.throwOnError();
		return person;
	}
	const checklist = async (learner: Learner) => {
		const got = await myTrainerRequirements(learner.client);
		if (!got.ok) throw new Error(got.error);
		return got.value;
	};
	const missing = (r: TrainerRequirements) => r.requirements.filter((q) => !q.met).map((q) => q.id);

	it('refuses each missing requirement with its code, then issues a credential that verifies; the cascade is recorded', async () => {
		const keyring = await keyringFromJwks([await generateSigningJwk()]);
		const claim = (learner: Learner) =>
			claimCertificate(service, keyring, {
				learnerId: learner.id,
				courseId: CERTIFIED_TRAINER,
				learnerName: 'صائمہ بی بی',
				centre: 'lahore',
				origin
			});
		const lhr = await orgId('COE-LHR-TC1');
		const lead = await staff('COE-LHR-TC1', 'trainer');
		const assessor = await staff('PK', 'assessor');
		const trainee = await newVerifiedLearner(stack); // finals need a proven email (issue 10)
		await lead.client
			.from('profiles')
			.upsert({ id: lead.id, display_name: 'Trainer Sana', consent_terms: true })
			.throwOnError();

		// An anonymous account is never certified.
		const anon = client(stack);
		const anonymous = (await anon.auth.signInAnonymously()).data.user!;
		expect(await claim({ client: anon, id: anonymous.id, email: '', password: '' })).toEqual({
			ok: false,
			error: 'verify_account'
		});
		expect((await anon.rpc('my_trainer_requirements')).error?.code).toBe('42501');

		// Nothing done yet: the first missing requirement is the refusal, the checklist lists all.
		expect(await claim(trainee)).toEqual({ ok: false, error: 'awareness_not_completed' });
		expect(missing(await checklist(trainee))).toEqual([
			'awareness_not_completed',
			'foundations_not_passed',
			'ttt_not_passed',
			'no_trainer_cohort',
			'attendance_below_80',
			'needs_demonstration'
		]);

		// Awareness: every lesson completed, synced as the device sends it.
		const lessons = (
			await service.from('lessons').select('id').eq('course_id', 'ai-awareness').throwOnError()
		).data as { id: string }[];
		expect(lessons.length).toBeGreaterThan(1);
		const done = (ids: { id: string }[]) =>
			ids.map((l) => ({ ...event(trainee.id, 'lesson_completed', 'ai-awareness', {}), lesson_id: l.id }));
		await push(trainee, done(lessons.slice(1)));
		expect(await claim(trainee)).toEqual({ ok: false, error: 'awareness_not_completed' });
		const part = (await checklist(trainee)).requirements.find((r) => r.id === 'awareness_not_completed');
		expect([part?.done, part?.of]).toEqual([lessons.length - 1, lessons.length]);
		await push(trainee, done(lessons.slice(0, 1)));
		expect(await claim(trainee)).toEqual({ ok: false, error: 'foundations_not_passed' });

		await passFinal(trainee, 'ai-foundations-ethics');
		expect(await claim(trainee)).toEqual({ ok: false, error: 'ttt_not_passed' });
		await passFinal(trainee, 'train-the-trainer');
		expect(await claim(trainee)).toEqual({ ok: false, error: 'no_trainer_cohort' });

		// A Train-the-Trainer cohort with five sessions running now; the trainee joins.
		const made = await lead.client.rpc('create_cohort', {
			org: lhr,
			title: 'تربیت کاروں کا بیچ',
			course_ids: ['train-the-trainer'],
			language: 'ur',
			capacity: 30
		});
		expect(made.error).toBeNull();
		const { id: cohort, join_code: code } = made.data as { id: string; join_code: string };
		const sessions: string[] = [];
		for (let i = 0; i < 5; i++) {
			const s = await lead.client.rpc('add_cohort_session', {
				cohort,
				starts_at: new Date(Date.now() - 10 * 60e3).toISOString(),
				ends_at: new Date(Date.now() + (i + 1) * 3600e3).toISOString(),
				venue: 'Room 4'
			});
			expect(s.error).toBeNull();
			sessions.push(s.data as string);
		}
		expect((await trainee.client.rpc('join_cohort', { code })).error).toBeNull();
		expect(await claim(trainee)).toEqual({ ok: false, error: 'attendance_below_80' });

		// 3 of 5 is 60%: not enough; the fourth makes 80%.
		const mark = (session: string, status = 'present') =>
			event(lead.id, 'attendance_marked', '', { session_id: session, learner: trainee.id, status });
		const marks = (list: unknown[]) => list.map((e) => ({ ...(e as object), course_id: undefined }));
		await push(
			lead,
			marks([
				mark(sessions[0]!),
				mark(sessions[1]!),
				mark(sessions[2]!, 'late'),
				mark(sessions[3]!, 'absent')
			])
		);
		expect(await claim(trainee)).toEqual({ ok: false, error: 'attendance_below_80' });
		const att = (await checklist(trainee)).requirements.find((r) => r.id === 'attendance_below_80');
		expect([att?.attended, att?.sessions]).toEqual([3, 5]);
		await push(lead, marks([mark(sessions[3]!, 'present')]));
		expect(await claim(trainee)).toEqual({ ok: false, error: 'needs_demonstration' });

		// The demonstration: not yet → refused; approved → eligible; a later "not yet" supersedes.
		const evaluate = async (r: Rubric) => {
			const got = await recordEvaluation(assessor.client, {
				learner: trainee.id,
				course_id: 'train-the-trainer',
				rubric: r,
				notes: ''
			});
			expect(got.ok).toBe(true);
		};
		await evaluate({ ...rubric, 'includes-everyone': 2 });
		expect(await claim(trainee)).toEqual({ ok: false, error: 'needs_demonstration' });
		await evaluate(rubric);
		expect((await checklist(trainee)).eligible).toBe(true);
		await evaluate({ ...rubric, 'assesses-fairly': 1 });
		expect(await claim(trainee)).toEqual({ ok: false, error: 'needs_demonstration' });
		await evaluate(rubric);

		// All met: issued by the one issuing path, verifiable, valid Open Badges 3.0.
		const issued = await claim(trainee);
		if (!issued.ok) throw new Error(issued.error);
		expect(issued.value.created).toBe(true);
		expect(issued.value.certificate.course_id).toBe(CERTIFIED_TRAINER);
		const payload = decodeJwt(issued.value.certificate.jwt) as Record<string, unknown>;
		expect(validateOb3(payload), JSON.stringify(validateOb3.errors)).toBe(true);
		const achievement = (payload.credentialSubject as { achievement: Record<string, unknown> }).achievement;
		expect(achievement.achievementType).toBe('Certification');
		expect(achievement.name).toBe('Certified Trainer');
		expect(achievement.id).toBe(`${origin}/achievements/certified-trainer`);
		const live = { jwt: await signedStatusList(service, keyring, origin), live: true };
		expect(
			(
				await verifyCredential(
					issued.value.certificate.jwt,
					{ keys: keyring.publicJwks },
					{ statusList: live }
				)
			).kind
		).toBe('valid');
		expect(await claim(trainee)).toMatchObject({ ok: true, value: { created: false } });
		expect(await checklist(trainee)).toMatchObject({ eligible: true, certified: true });

		// The cascade: the lead trainer trained them, and they may now run cohorts in that centre
		// (and only there).
		const row = await service.from('trainer_certifications').select('*').eq('trainer', trainee.id).single();
		expect(row.data).toMatchObject({
			trained_by: lead.id,
			cohort_id: cohort,
			org_id: lhr,
			granted_role: true
		});
		const theirs = await trainee.client.rpc('create_cohort', {
			org: lhr,
			title: 'آگاہی بیچ',
			course_ids: ['ai-awareness'],
			language: 'ur',
			capacity: 30
		});
		expect(theirs.error).toBeNull();
		const elsewhere = await trainee.client.rpc('create_cohort', {
			org: await orgId('COE-KHI-TC1'),
			title: 'X',
			course_ids: ['ai-awareness'],
			language: 'ur',
			capacity: 3
		});
		expect(elsewhere.error?.code).toBe('42501');
		const reached = await newLearner(stack);
		const theirCode = (theirs.data as { join_code: string }).join_code;
		expect((await reached.client.rpc('join_cohort', { code: theirCode })).error).toBeNull();

		// CoE-AI at the programme root reads the cascade; a centre's coe_admin, the lead trainer
		// and another centre's trainer are refused by the SQL.
		const root = await staff('PK', 'coe_admin');
		const got = await trainerCascade(root.client);
		if (!got.ok) throw new Error(got.error);
		const leadRow = got.value.per_trainer.find((t) => t.trainer === lead.id);
		expect(leadRow).toMatchObject({
			name: 'Trainer Sana',
			learners_reached: 1,
			trainers_trained: 1,
			learners_reached_through_trainers: 1
		});
		expect(got.value.per_trainer.find((t) => t.trainer === trainee.id)).toMatchObject({
			certified: true,
			trained_by_name: 'Trainer Sana',
			learners_reached: 1,
			trainers_trained: 0
		});
		expect(got.value.trainers_trained).toBeGreaterThanOrEqual(1);
		const centreCoe = await staff('COE-LHR', 'coe_admin');
		const otherTrainer = await staff('COE-KHI-TC1', 'trainer');
		for (const person of [centreCoe, lead, otherTrainer, trainee])
			expect(await trainerCascade(person.client)).toEqual({ ok: false, error: 'overseer_only' });
		expect((await otherTrainer.client.from('trainer_certifications').select('*')).data).toEqual([]);
		expect(
			(await lead.client.rpc('certificate_eligibility', { learner: trainee.id, course: CERTIFIED_TRAINER }))
				.error
		).not.toBeNull();

		// Revoking the credential takes back the role certification gave.
		const coe = await newLearner(stack);
		await service.from('user_roles').insert({ user_id: coe.id, role: 'coe_admin' }).throwOnError();
		expect(
			await revokeCertificate(coe.client, { code: issued.value.certificate.code, reason: 'issued in error' })
		).toMatchObject({ ok: true, value: { revoked: expect.any(String) } });
		const again = await trainee.client.rpc('create_cohort', {
			org: lhr,
			title: 'Y',
			course_ids: ['ai-awareness'],
			language: 'ur',
			capacity: 3
		});
		expect(again.error?.code).toBe('42501');
		const after = await trainerCascade(root.client);
		expect(after.ok && after.value.per_trainer.find((t) => t.trainer === lead.id)?.trainers_trained).toBe(0);
	});

	it('"delete my account" erases a certified trainer\'s credential and takes back the role, naming no one', async () => {
		const keyring = await keyringFromJwks([await generateSigningJwk()]);
		const lhr = await orgId('COE-LHR-TC1');
		const lead = await staff('COE-LHR-TC1', 'trainer');
		const assessor = await staff('PK', 'assessor');
		const trainee = await newVerifiedLearner(stack); // finals need a proven email (issue 10)
		const lessons = (
			await service.from('lessons').select('id').eq('course_id', 'ai-awareness').throwOnError()
		).data as { id: string }[];
		await push(
			trainee,
			lessons.map((l) => ({ ...event(trainee.id, 'lesson_completed', 'ai-awareness', {}), lesson_id: l.id }))
		);
		await passFinal(trainee, 'ai-foundations-ethics');
		await passFinal(trainee, 'train-the-trainer');
		const made = await lead.client.rpc('create_cohort', {
			org: lhr,
			title: 'TtT',
			course_ids: ['train-the-trainer'],
			language: 'en',
			capacity: 5
		});
		const { id: cohort, join_code: code } = made.data as { id: string; join_code: string };
		const s = await lead.client.rpc('add_cohort_session', {
			cohort,
			starts_at: new Date(Date.now() - 60e3).toISOString(),
			ends_at: new Date(Date.now() + 3600e3).toISOString(),
			venue: 'Hall'
		});
		await trainee.client.rpc('join_cohort', { code });
		await push(lead, [
			{
				...event(lead.id, 'attendance_marked', '', {
					session_id: s.data,
					learner: trainee.id,
					status: 'present'
				}),
				course_id: undefined
			}
		]);
		expect(
			(
				await recordEvaluation(assessor.client, {
					learner: trainee.id,
					course_id: 'train-the-trainer',
					rubric,
					notes: ''
				})
			).ok
		).toBe(true);
		const issued = await claimCertificate(service, keyring, {
			learnerId: trainee.id,
			courseId: CERTIFIED_TRAINER,
			learnerName: 'Saima',
			centre: 'lahore',
			origin
		});
		if (!issued.ok) throw new Error(issued.error);
		const roles = async () =>
			(await service.from('org_roles').select('role').eq('user_id', trainee.id).eq('org_id', lhr)).data;
		expect(await roles()).toEqual([{ role: 'trainer' }]);

		expect((await trainee.client.rpc('delete_my_account')).error).toBeNull();
		expect(await roles()).toEqual([]);
		const row = await service
			.from('certificates')
			.select('owner, jwt, revoked_at')
			.eq('id', issued.value.certificate.id)
			.single();
		expect(row.data).toMatchObject({ owner: null, jwt: null });
		expect(row.data?.revoked_at).not.toBeNull();
		const audit = await service
			.from('audit_log')
			.select('target_id')
			.eq('action', 'trainer.certification_revoked')
			.contains('after', { certificate: issued.value.certificate.id });
		expect(audit.data).toEqual([{ target_id: null }]);
	});
});
