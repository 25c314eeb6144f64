import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SupabaseClient } from '@supabase/supabase-js';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../../scripts/stack/stack.js';
import { createAdminClient } from '$lib/server/supabase-admin';
import { claimCertificate, credentialByCode } from '$lib/server/certificates/issue';
import {
	revokeCertificate,
	signedStatusList,
	clearStatusListCache
} from '$lib/server/certificates/revocation';
import { generateSigningJwk, keyringFromJwks, type Keyring } from '$lib/server/certificates/signing-keys';
import { verifyCredential } from '$lib/certificates/verifier';
import { event, verifiedLearner, type Learner } from './stack-helpers';

/**
 * Certification through the real embedded stack: tickets, server grading, keys nobody can
 * read, certificates nobody can write, rubric approval, issuance, revocation.
 */
const fixtures = fileURLToPath(new URL('../fixtures/cert-courses', import.meta.url));
const key = parse(readFileSync(`${fixtures}/cert-sample/assessment/key.yaml`, 'utf8')) as Record<
	string,
	unknown[]
>;
const answerKey = Object.fromEntries(Object.entries(key).map(([q, a]) => [q, a.map(String)]));
const COURSE = 'cert-sample';
const origin = 'https://seekh.test';

let stack: Awaited<ReturnType<typeof startStack>>;
let admin: SupabaseClient;
let anon: SupabaseClient;
let keyring: Keyring;
// The one-time codes the stand-in "sends" (learners confirm their email before a final).
const codes = new Map<string, string>();
const verified = (label?: string) =>
	verifiedLearner(stack.url, stack.anonKey, (to) => codes.get(to) ?? '', label);

interface Ticket {
	ticket_id: string;
	owner: string;
	course_id: string;
	questions: string[];
	expires_at: string;
	sig: string;
}

async function tickets(learner: Learner, course = COURSE) {
	const { data, error } = await learner.client.rpc('assessment_tickets', { course });
	if (error) throw new Error(error.message);
	return data as {
		tickets: Ticket[];
		locked_until: string | null;
		passed: boolean;
		rules: Record<string, number>;
	};
}

async function submit(learner: Learner, payload: Record<string, unknown>, course = COURSE) {
	const ev = event(learner.id, 'assessment_submitted', course, payload);
	const { data, error } = await learner.client.rpc('sync_push', { events: [ev] });
	if (error) throw new Error(error.message);
	expect((data as { accepted: string[] }).accepted).toContain(ev.id);
	// Learners cannot read scores (issue 10); the service role reads the whole row for assertions.
	const result = await admin.from('assessment_results').select('*').eq('event_id', ev.id).single();
	if (result.error) throw new Error(result.error.message);
	return result.data as {
		status: string;
		reason: string | null;
		score: number;
		revise_topics: string[];
		total: number;
	};
}

function answersFor(ticket: Ticket, correct: boolean) {
	return Object.fromEntries(
		ticket.questions.map((q) => {
			const right = answerKey[q]!;
			const opts = q.endsWith('-3')
				? ['true', 'false']
				: ['a', 'b', 'c', 'd'].slice(0, q === 'q-safety-1' ? 2 : q === 'q-basics-2' ? 4 : 3);
			return [q, correct ? right : [opts.find((o) => !right.includes(o))!]];
		})
	);
}

const submission = (t: Ticket, correct = true) => ({
	ticket_id: t.ticket_id,
	sig: t.sig,
	answers: answersFor(t, correct)
});

beforeAll(async () => {
	process.env.SEEKH_EXTRA_COURSES = fixtures;
	stack = await startStack({ port: 0, log: () => {}, onOtp: (to, code) => codes.set(to, code) });
	admin = createAdminClient(stack.url, stack.serviceKey);
	anon = createAdminClient(stack.url, stack.anonKey);
	keyring = await keyringFromJwks([await generateSigningJwk()]);
});

afterAll(async () => {
	await stack?.stop();
});

describe('answer keys and tickets are out of every client role’s reach', () => {
	it('anon and a learner cannot read pools, keys or tickets through PostgREST', async () => {
		const learner = await verified();
		for (const client of [anon, learner.client]) {
			for (const table of [
				'assessment_questions',
				'assessment_config',
				'assessment_tickets',
				'ticket_secret'
			]) {
				const direct = await client.from(table).select('*');
				expect(direct.error, table).not.toBeNull();
				const viaSchema = await client.schema('private').from(table).select('*');
				expect(viaSchema.error, table).not.toBeNull();
				expect(viaSchema.data).toBeNull();
			}
		}
		// The issuer's eligibility check is for the service role only.
		const probe = await learner.client.rpc('certificate_eligibility', {
			learner: learner.id,
			course: COURSE
		});
		expect(probe.error).not.toBeNull();
		// Sanity: the service role does see the seeded pool (so the denials above mean something).
		const served = await admin.rpc('certificate_eligibility', { learner: learner.id, course: COURSE });
		expect(served.error).toBeNull();
		expect((served.data as { title: string }).title).toBe('Certification Sample Course');
	});

	it('hands a learner three signed tickets with fresh random draws, and tops up rather than piling up', async () => {
		const learner = await verified();
		const first = await tickets(learner);
		expect(first.tickets).toHaveLength(3);
		expect(first.rules).toMatchObject({ pass_mark: 60, draw: 4, attempts: 2 });
		for (const t of first.tickets) {
			expect(t.questions).toHaveLength(4);
			expect(new Set(t.questions).size).toBe(4);
			expect(t.sig).toMatch(/^[0-9a-f]{64}$/);
			expect(t.owner).toBe(learner.id);
		}
		// Enough to sit the attempt offline (text per language, option ids), never an answer.
		const content = (
			first.tickets[0] as unknown as { content: { id: string; text: Record<string, { prompt: string }> }[] }
		).content;
		expect(content.map((q) => q.id)).toEqual(first.tickets[0]!.questions);
		expect(content[0]!.text.ur!.prompt.length).toBeGreaterThan(5);
		expect(JSON.stringify(first)).not.toMatch(/"answer"/);
		const again = await tickets(learner);
		expect(again.tickets.map((t) => t.ticket_id)).toEqual(first.tickets.map((t) => t.ticket_id));
		const anonTickets = await anon.rpc('assessment_tickets', { course: COURSE });
		expect(anonTickets.error).not.toBeNull();
	});
});

describe('server grading of offline attempts', () => {
	it('grades a correct attempt as passed, and a replay of the same ticket is rejected', async () => {
		const learner = await verified();
		const [t] = (await tickets(learner)).tickets;
		const graded = await submit(learner, submission(t!));
		expect(graded).toMatchObject({ status: 'passed', score: 100, total: 4, reason: null });
		const replay = await submit(learner, submission(t!));
		expect(replay).toMatchObject({ status: 'rejected', reason: 'ticket_used' });
		expect((await tickets(learner)).passed).toBe(true);
	});

	it('fails a wrong attempt with the topics to revise, never the key', async () => {
		const learner = await verified();
		const [t] = (await tickets(learner)).tickets;
		const graded = await submit(learner, submission(t!, false));
		expect(graded.status).toBe('failed');
		expect(graded.score).toBe(0);
		expect(graded.revise_topics.length).toBeGreaterThan(0);
		expect(JSON.stringify(graded)).not.toMatch(/"answer"|q-basics|q-safety/);
	});

	it('rejects altered, fabricated, stolen and out-of-draw attempts', async () => {
		const learner = await verified();
		const other = await verified();
		const [t1, t2] = (await tickets(learner)).tickets;
		const [theirs] = (await tickets(other)).tickets;
		const tampered = { ...submission(t1!), sig: t1!.sig.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
		expect(await submit(learner, tampered)).toMatchObject({ status: 'rejected', reason: 'bad_signature' });
		expect(await submit(learner, { ...submission(t1!), ticket_id: crypto.randomUUID() })).toMatchObject({
			reason: 'unknown_ticket'
		});
		expect(await submit(learner, { answers: {} })).toMatchObject({ reason: 'unknown_ticket' });
		expect(await submit(learner, submission(theirs!))).toMatchObject({ reason: 'ticket_not_yours' });
		const notDrawn = Object.keys(answerKey).find((q) => !t2!.questions.includes(q))!;
		const extra = submission(t2!);
		extra.answers[notDrawn] = answerKey[notDrawn]!;
		expect(await submit(learner, extra)).toMatchObject({ reason: 'question_not_drawn' });
		const bogus = submission(t2!);
		bogus.answers[t2!.questions[0]!] = ['z'];
		expect(await submit(learner, bogus)).toMatchObject({ reason: 'bad_answer' });
		// The rejected attempts did not use up the ticket: the honest attempt still grades.
		expect(await submit(learner, submission(t2!))).toMatchObject({ status: 'passed' });
	});

	it('enforces the attempt limit and cooldown from course.yaml', async () => {
		const learner = await verified();
		const [a, b, c] = (await tickets(learner)).tickets;
		expect((await submit(learner, submission(a!, false))).status).toBe('failed');
		expect((await submit(learner, submission(b!, false))).status).toBe('failed');
		expect(await submit(learner, submission(c!))).toMatchObject({
			status: 'rejected',
			reason: 'attempt_limit'
		});
		const after = await tickets(learner);
		expect(after.tickets).toHaveLength(0);
		expect(Date.parse(after.locked_until!)).toBeGreaterThan(Date.now() + 23 * 3600_000);
	});

	it('a learner cannot write results or grade themselves', async () => {
		const learner = await verified();
		const fake = await learner.client.from('assessment_results').insert({
			event_id: crypto.randomUUID(),
			owner: learner.id,
			course_id: COURSE,
			status: 'passed',
			score: 100
		});
		expect(fake.error).not.toBeNull();
		const before = await admin.rpc('certificate_eligibility', { learner: learner.id, course: COURSE });
		expect((before.data as { eligible: boolean }).eligible).toBe(false);
	});
});

describe('certificates', () => {
	it('are issued by server code only after a server-graded pass, and learners cannot write them', async () => {
		const learner = await verified();
		const base = {
			learnerId: learner.id,
			courseId: COURSE,
			learnerName: 'عائشہ خان',
			centre: 'lahore',
			origin
		};
		expect(await claimCertificate(admin, keyring, base)).toEqual({ ok: false, error: 'not_passed' });
		const [t] = (await tickets(learner)).tickets;
		await submit(learner, submission(t!));
		const claimed = await claimCertificate(admin, keyring, base);
		expect(claimed.ok).toBe(true);
		if (!claimed.ok) return;
		expect(claimed.value.certificate.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
		const again = await claimCertificate(admin, keyring, base);
		expect(again.ok && again.value.certificate.id).toBe(claimed.value.certificate.id);

		const own = await learner.client.from('certificates').select('id, jwt');
		expect(own.data).toHaveLength(1);
		const forged = await learner.client.from('certificates').insert({
			...claimed.value.certificate,
			id: crypto.randomUUID(),
			code: 'ZZZZZZZZZZZZZZZZ',
			status_index: 1,
			course_id: 'cert-trainers'
		});
		expect(forged.error).not.toBeNull();
		const edited = await learner.client
			.from('certificates')
			.update({ learner_name: 'Someone Else' })
			.eq('id', claimed.value.certificate.id)
			.select();
		expect(edited.data ?? []).toHaveLength(0);
		const stillMine = await admin
			.from('certificates')
			.select('learner_name')
			.eq('id', claimed.value.certificate.id)
			.single();
		expect(stillMine.data?.learner_name).toBe('عائشہ خان');
		const otherLearner = await verified();
		expect((await otherLearner.client.from('certificates').select('id')).data).toEqual([]);
		expect((await anon.from('certificates').select('id')).error).not.toBeNull();

		// Public verification path: code → credential → verifies against the keys; then revocation.
		const jwt = await credentialByCode(admin, claimed.value.certificate.code);
		clearStatusListCache();
		const live = { jwt: await signedStatusList(admin, keyring, origin), live: true };
		const result = await verifyCredential(jwt, { keys: keyring.publicJwks }, { statusList: live });
		expect(result.kind).toBe('valid');

		expect(
			await revokeCertificate(learner.client, { code: claimed.value.certificate.code, reason: 'self' })
		).toEqual({
			ok: false,
			error: 'forbidden'
		});
		const coe = await verified('coe-admin');
		await admin.from('user_roles').insert({ user_id: coe.id, role: 'coe_admin' }).throwOnError();
		expect(
			await revokeCertificate(coe.client, { code: claimed.value.certificate.code, reason: 'issued in error' })
		).toMatchObject({ ok: true, value: { revoked: expect.any(String) } });
		const after = { jwt: await signedStatusList(admin, keyring, origin), live: true };
		expect((await verifyCredential(jwt, { keys: keyring.publicJwks }, { statusList: after })).kind).toBe(
			'revoked'
		);
	});

	it('Train-the-Trainer needs the assessment AND an assessor’s approved rubric', async () => {
		const learner = await verified();
		const [t] = (await tickets(learner, 'cert-trainers')).tickets;
		await submit(learner, submission(t!), 'cert-trainers');
		const input = {
			learnerId: learner.id,
			courseId: 'cert-trainers',
			learnerName: 'Ali Raza',
			centre: 'quetta',
			origin
		};
		expect(await claimCertificate(admin, keyring, input)).toEqual({
			ok: false,
			error: 'needs_demonstration'
		});

		const rubric = {
			'plans-session': 4,
			'explains-clearly': 3,
			'checks-understanding': 3,
			'includes-everyone': 4,
			'assesses-fairly': 3
		};
		const self = await learner.client.from('skill_evaluations').insert({
			learner: learner.id,
			course_id: 'cert-trainers',
			assessor: learner.id,
			rubric,
			decision: 'approved'
		});
		expect(self.error).not.toBeNull();

		const assessor = await verified('assessor');
		await admin.from('user_roles').insert({ user_id: assessor.id, role: 'assessor' }).throwOnError();
		const weak = await assessor.client.from('skill_evaluations').insert({
			learner: learner.id,
			course_id: 'cert-trainers',
			rubric: { ...rubric, 'assesses-fairly': 2 },
			decision: 'approved'
		});
		expect(weak.error).not.toBeNull();
		const notYet = await assessor.client.from('skill_evaluations').insert({
			learner: learner.id,
			course_id: 'cert-trainers',
			rubric: { ...rubric, 'assesses-fairly': 2 },
			decision: 'not_yet'
		});
		expect(notYet.error).toBeNull();
		expect(await claimCertificate(admin, keyring, input)).toEqual({
			ok: false,
			error: 'needs_demonstration'
		});
		const approved = await assessor.client
			.from('skill_evaluations')
			.insert({ learner: learner.id, course_id: 'cert-trainers', rubric, decision: 'approved' });
		expect(approved.error).toBeNull();
		const claimed = await claimCertificate(admin, keyring, input);
		expect(claimed.ok).toBe(true);
		const seen = await learner.client.from('skill_evaluations').select('decision');
		expect(seen.data?.map((r) => r.decision).sort()).toEqual(['approved', 'not_yet']);
	});
});
