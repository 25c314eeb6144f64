import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SupabaseClient } from '@supabase/supabase-js';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainDeliveries } from '../../scripts/partner-delivery/deliver.js';
import { keyAsSeededForTests } from '../../scripts/assessment-seed.js';
import { uuidv7 } from '$lib/events/uuidv7';
import { claimCertificate } from '$lib/server/certificates/issue';
import { revokeCertificate } from '$lib/server/certificates/revocation';
import { generateSigningJwk, keyringFromJwks, type Keyring } from '$lib/server/certificates/signing-keys';
import { createAdminClient } from '$lib/server/supabase-admin';
import * as tool from '$lib/server/staff/partner-deliveries';
import { newLearner, newVerifiedLearner, stacks, TEST_COURSE, type Learner } from './helpers';
import { validateStatement } from '../../scripts/partner-delivery/xapi-rules.js';

/**
 * Outbound delivery to partners (supabase/migrations/20261203000100_partner_delivery.sql,
 * scripts/partner-delivery/): a partner's own receiver — a real HTTP server that fails on
 * purpose — gets signed webhooks (verified with standardwebhooks) and xAPI statements (checked
 * against the xAPI 1.0.3 rules) exactly once, only about its consenting learners.
 */
// Parsed JSON under test: its shape is exactly what the assertions check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const FINAL = 'ai-public-servants';
const key: Record<string, unknown[]> = keyAsSeededForTests('courses/ai-public-servants');
const ORIGIN = 'https://seekh.test';

interface Received {
	path: string;
	headers: IncomingMessage['headers'];
	body: string;
	status: number;
}

/** A partner's endpoint: webhooks at /hooks, an LRS at /xapi/statements; fails `failFirst` times per webhook-id and per LRS batch. */
async function receiver(failFirst: number) {
	const got: Received[] = [];
	const failures = new Map<string, number>();
	const server: Server = createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString('utf8')));
		req.on('end', () => {
			const key = String(req.headers['webhook-id'] ?? 'xapi-batch');
			const failedSoFar = failures.get(key) ?? 0;
			const status = failedSoFar < failFirst ? 500 : req.url === '/xapi/statements' ? 200 : 204;
			if (status === 500) failures.set(key, failedSoFar + 1);
			else if (key === 'xapi-batch') failures.delete(key);
			got.push({ path: req.url ?? '', headers: req.headers, body, status });
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(status === 200 ? JSON.stringify((JSON.parse(body) as { id: string }[]).map((s) => s.id)) : '');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { got, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let n = 0;
const tag = () => `${Date.now().toString(36).toUpperCase()}${(n++).toString(36).toUpperCase()}`;

describe.each(stacks())('partner delivery on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	let keyring: Keyring;
	let coe: Learner;
	beforeAll(async () => {
		keyring = await keyringFromJwks([await generateSigningJwk()]);
		coe = await newLearner(stack);
		const granted = await service.rpc('grant_org_role_by_email', {
			email: coe.email,
			org_code: 'PK',
			role: 'coe_admin'
		});
		if (granted.error) throw new Error(granted.error.message);
	});

	async function rpc<T>(who: SupabaseClient, fn: string, args: Record<string, unknown>): Promise<T> {
		const { data, error } = await who.rpc(fn, args);
		if (error) throw new Error(`${fn}: ${error.message}`);
		return data as T;
	}
	async function orgId(code: string) {
		const { data, error } = await service.from('organisations').select('id').eq('code', code).single();
		if (error) throw new Error(error.message);
		return (data as { id: string }).id;
	}
	const unit = (parent: string, code: string, kind: string) =>
		rpc<string>(coe.client, 'create_organisation', { parent, kind, code, names: { en: `Unit ${code}` } });

	/** A partner organisation with a centre below it and its partner_admin. */
	async function partner() {
		const code = `P${tag()}`;
		const org = await unit(await orgId('PK'), code, 'partner');
		const centre = await unit(org, `${code}-C1`, 'training_centre');
		const admin = await newLearner(stack);
		await rpc(service, 'grant_org_role_by_email', {
			email: admin.email,
			org_code: code,
			role: 'partner_admin'
		});
		return { org, centre, admin };
	}
	async function learnerIn(org: string, shares: boolean) {
		// Proven email: only such accounts sit finals (issue 10).
		const person = await newVerifiedLearner(stack);
		await person.client
			.from('profiles')
			.upsert({ id: person.id, consent_terms: true, consent_progress_sharing: shares })
			.throwOnError();
		await rpc(coe.client, 'add_organisation_member', { org, person: person.id });
		return person;
	}
	const lessonEvents = (person: Learner) =>
		TEST_COURSE.lessons.map((lesson) => ({
			id: uuidv7(),
			v: 1,
			owner: person.id,
			device_id: person.id,
			type: 'lesson_completed',
			course_id: TEST_COURSE.id,
			lesson_id: lesson,
			payload: {},
			client_ts: new Date().toISOString()
		}));
	async function sitFinal(person: Learner, pass: boolean) {
		const { tickets } = await rpc<{ tickets: { ticket_id: string; sig: string; questions: string[] }[] }>(
			person.client,
			'assessment_tickets',
			{ course: FINAL }
		);
		const t = tickets[0]!;
		const answers = Object.fromEntries(t.questions.map((q) => [q, pass ? key[q]!.map(String) : []]));
		const ev = {
			id: uuidv7(),
			v: 1,
			owner: person.id,
			device_id: person.id,
			type: 'assessment_submitted',
			course_id: FINAL,
			payload: { ticket_id: t.ticket_id, sig: t.sig, answers },
			client_ts: new Date().toISOString()
		};
		await rpc(person.client, 'sync_push', { events: [ev] });
		const graded = await service.from('assessment_results').select('status').eq('event_id', ev.id).single();
		expect(graded.data?.status).toBe(pass ? 'passed' : 'failed');
	}
	/** The drain as the worker runs it, then "time passes": due retries are moved to now in SQL. */
	async function drainAndAdvance(org: string) {
		const result = await drainDeliveries(service, { origin: ORIGIN, allowPrivate: true });
		await service
			.from('partner_deliveries')
			.update({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
			.eq('org_id', org)
			.eq('status', 'pending')
			.throwOnError();
		return result;
	}
	async function deliveries(org: string) {
		const { data } = await service
			.from('partner_deliveries')
			.select('id, channel, event_type, status, attempts, last_status, learner, source_id')
			.eq('org_id', org)
			.throwOnError();
		return (data ?? []) as {
			id: string;
			channel: string;
			event_type: string;
			status: string;
			attempts: number;
			last_status: number | null;
			learner: string;
		}[];
	}

	let hooks: Awaited<ReturnType<typeof receiver>>;
	let other: Awaited<ReturnType<typeof receiver>>;
	beforeAll(async () => {
		hooks = await receiver(2);
		other = await receiver(0);
	});
	afterAll(async () => {
		await hooks.close();
		await other.close();
	});

	it('delivers signed webhooks and valid xAPI statements exactly once, through two failures, only for consenting learners in the subtree', async () => {
		const p = await partner();
		const q = await partner();
		const added = await tool.addWebhook(p.admin.client, {
			org: p.org,
			url: `${hooks.base}/hooks`,
			event_types: ['learner.completed', 'certificate.issued', 'certificate.revoked'],
			description: 'DigiSkills LMS'
		});
		expect(added.ok).toBe(true);
		if (!added.ok) return;
		expect(added.value.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		expect(
			(
				await tool.saveLrs(p.admin.client, {
					org: p.org,
					endpoint: `${hooks.base}/xapi`,
					username: 'lrs-key',
					password: 's3cret pass'
				})
			).ok
		).toBe(true);
		// The other partner has its own receiver, which must hear nothing of p's learners.
		const qHook = await tool.addWebhook(q.admin.client, {
			org: q.org,
			url: `${other.base}/hooks`,
			event_types: ['learner.completed', 'certificate.issued', 'certificate.revoked'],
			description: ''
		});
		expect(qHook.ok).toBe(true);
		await tool.saveLrs(q.admin.client, {
			org: q.org,
			endpoint: `${other.base}/xapi`,
			username: 'q',
			password: 'q'
		});

		// Secrets and credentials: written, never readable by the partner admin (or anyone's client).
		const config = await tool.deliveryConfig(p.admin.client, p.org);
		expect(config.ok && config.value.endpoints.map((e) => e.url)).toEqual([`${hooks.base}/hooks`]);
		expect(config.ok && JSON.stringify(config.value)).not.toMatch(/whsec_|lrs-key|s3cret/);
		expect(
			(await p.admin.client.schema('private').from('partner_webhook_secrets').select('*')).data
		).toBeNull();
		expect((await p.admin.client.from('partner_lrs').select('*')).data?.[0]).not.toHaveProperty('password');

		const ayesha = await learnerIn(p.centre, true); // in the subtree, sharing: everything
		const bilal = await learnerIn(p.centre, false); // in the subtree, not sharing: nothing
		const sana = await learnerIn(q.centre, true); // another partner's learner: nothing for p
		// q enrolled Sana through its roster (partner API), so q hears of her by its own id.
		await service
			.from('partner_enrolments')
			.insert({
				partner_id: q.org,
				sourced_id: 'DS-Q-0001',
				org_id: q.centre,
				given_name: 'Sana',
				family_name: 'Q',
				courses: [],
				status: 'active',
				user_id: sana.id,
				claimed_at: new Date().toISOString()
			})
			.throwOnError();

		for (const person of [ayesha, bilal, sana]) {
			const batch = lessonEvents(person);
			await rpc(person.client, 'sync_push', { events: batch });
			// Sync re-sends the same batch (a lost answer): nothing new is queued.
			await rpc(person.client, 'sync_push', { events: batch });
		}
		await sitFinal(ayesha, false);
		await sitFinal(ayesha, true);
		await sitFinal(bilal, true);
		const claimed = await claimCertificate(service, keyring, {
			learnerId: ayesha.id,
			courseId: FINAL,
			learnerName: 'عائشہ خان',
			centre: 'lahore',
			origin: ORIGIN
		});
		expect(claimed.ok).toBe(true);
		if (!claimed.ok) return;
		const revoker = await newLearner(stack);
		await service.from('user_roles').insert({ user_id: revoker.id, role: 'coe_admin' }).throwOnError();
		expect(
			await revokeCertificate(revoker.client, {
				code: claimed.value.certificate.code,
				reason: 'issued in error'
			})
		).toMatchObject({ ok: true, value: { revoked: expect.any(String) } });

		const queued = await deliveries(p.org);
		expect(new Set(queued.map((d) => d.learner))).toEqual(new Set([ayesha.id]));
		expect(
			queued
				.filter((d) => d.channel === 'webhook')
				.map((d) => d.event_type)
				.sort()
		).toEqual(['certificate.issued', 'certificate.revoked', 'learner.completed', 'learner.completed']);
		expect(
			queued
				.filter((d) => d.channel === 'xapi')
				.map((d) => d.event_type)
				.sort()
		).toEqual([
			'assessment.failed',
			'assessment.passed',
			'certificate.earned',
			...TEST_COURSE.lessons.map(() => 'lesson.completed')
		]);

		// Three drains: the receiver refuses each webhook and the LRS batch twice, then accepts.
		for (let i = 0; i < 4; i++) await drainAndAdvance(p.org);
		const done = await deliveries(p.org);
		expect(done.every((d) => d.status === 'delivered')).toBe(true);
		expect(done.filter((d) => d.channel === 'webhook').every((d) => d.attempts === 3)).toBe(true);

		// Webhooks: each verified with the endpoint's secret, accepted exactly once per webhook-id.
		const wh = new Webhook(added.value.secret);
		const webhooks = hooks.got.filter((r) => r.path === '/hooks');
		const accepted = webhooks.filter((r) => r.status === 204);
		expect(webhooks).toHaveLength(4 * 3);
		expect(new Set(accepted.map((r) => r.headers['webhook-id'])).size).toBe(4);
		expect(accepted).toHaveLength(4);
		const payloads = accepted.map(
			(r) => wh.verify(r.body, r.headers as Record<string, string>) as { type: string; data: Json }
		);
		expect(payloads.map((x) => x.type).sort()).toEqual([
			'certificate.issued',
			'certificate.revoked',
			'learner.completed',
			'learner.completed'
		]);
		for (const x of payloads) {
			expect(x.data.learner).toEqual({ id: ayesha.id, idType: 'seekh' });
			expect(JSON.stringify(x)).not.toMatch(/@example|cnic|email|phone/i);
		}
		expect(payloads.find((x) => x.type === 'certificate.revoked')?.data.certificate.code).toBe(
			claimed.value.certificate.code
		);
		// A forged signature does not verify.
		expect(() =>
			new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(
				accepted[0]!.body,
				accepted[0]!.headers as Record<string, string>
			)
		).toThrow();

		// xAPI: one batch per drain, Basic credentials, valid statements, each id once.
		const batches = hooks.got.filter((r) => r.path === '/xapi/statements');
		expect(batches.map((r) => r.status)).toEqual([500, 500, 200]);
		expect(batches[2]!.headers.authorization).toBe(
			`Basic ${Buffer.from('lrs-key:s3cret pass').toString('base64')}`
		);
		expect(batches[2]!.headers['x-experience-api-version']).toBe('1.0.3');
		const statements = JSON.parse(batches[2]!.body) as Json[];
		expect(statements).toHaveLength(TEST_COURSE.lessons.length + 3);
		for (const s of statements) expect(validateStatement(s), JSON.stringify(s)).toEqual([]);
		expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
		expect(
			statements.every((s) => s.actor.account.name === ayesha.id && s.actor.account.homePage === ORIGIN)
		).toBe(true);
		expect(statements.map((s) => s.verb.id).sort()).toEqual([
			'http://adlnet.gov/expapi/verbs/completed',
			'http://adlnet.gov/expapi/verbs/completed',
			'http://adlnet.gov/expapi/verbs/completed',
			'http://adlnet.gov/expapi/verbs/completed',
			'http://adlnet.gov/expapi/verbs/completed',
			'http://adlnet.gov/expapi/verbs/failed',
			'http://adlnet.gov/expapi/verbs/passed',
			'http://id.tincanapi.com/verb/earned'
		]);
		// Retried batches carried the very same statement ids (idempotent at the LRS).
		const ids = (body: string) => (JSON.parse(body) as { id: string }[]).map((s) => s.id).sort();
		expect(ids(batches[0]!.body)).toEqual(ids(batches[2]!.body));

		// The log and every attempt, as the partner admin reads them.
		const log = await tool.listDeliveries(p.admin.client, { org: p.org, status: null, after: null });
		expect(log.ok && log.value.items).toHaveLength(queued.length);
		const attempts = await p.admin.client.from('partner_delivery_attempts').select('ok, response_status');
		expect(attempts.data?.filter((a) => !a.ok && a.response_status === 500)).toHaveLength(
			4 * 2 + 2 * TEST_COURSE.lessons.length + 2 * 3
		);

		// The other partner hears only of its own learner, and cannot read or touch p's log.
		expect(other.got.length).toBeGreaterThan(0);
		expect(other.got.some((r) => r.body.includes(ayesha.id) || r.body.includes(bilal.id))).toBe(false);
		// Named by the partner's own id (roster sourcedId), in webhooks and xAPI alike.
		expect(other.got.some((r) => r.path === '/hooks' && r.body.includes('"DS-Q-0001"'))).toBe(true);
		expect(other.got.some((r) => r.path === '/xapi/statements' && r.body.includes('"DS-Q-0001"'))).toBe(true);
		expect(other.got.some((r) => r.body.includes(sana.id))).toBe(false);
		expect(new Set((await deliveries(q.org)).map((d) => d.learner))).toEqual(new Set([sana.id]));
		expect((await q.admin.client.from('partner_deliveries').select('id').eq('org_id', p.org)).data).toEqual(
			[]
		);
		const revoked = done.find((d) => d.event_type === 'certificate.revoked')!;
		expect(await tool.redeliver(q.admin.client, revoked.id)).toEqual({ ok: false, error: 'forbidden' });
		expect(await tool.listDeliveries(q.admin.client, { org: p.org, status: null, after: null })).toEqual({
			ok: true,
			value: { items: [], next: null }
		});

		// Redeliver by hand: the same webhook-id again, verified, and the change is audited.
		const firstId = accepted.find((r) => JSON.parse(r.body).type === 'certificate.revoked')!.headers[
			'webhook-id'
		];
		expect(await tool.redeliver(p.admin.client, revoked.id)).toEqual({
			ok: true,
			value: { redelivered: revoked.id }
		});
		await drainAndAdvance(p.org);
		const again = hooks.got.filter((r) => r.path === '/hooks' && r.status === 204);
		expect(again).toHaveLength(5);
		expect(again[4]!.headers['webhook-id']).toBe(firstId);
		expect(
			(wh.verify(again[4]!.body, again[4]!.headers as Record<string, string>) as { type: string }).type
		).toBe('certificate.revoked');
		const audit = await service
			.from('audit_log')
			.select('action')
			.eq('org_id', p.org)
			.like('action', 'partner.%');
		expect(audit.data?.map((a) => a.action).sort()).toEqual(
			['partner.delivery_redelivered', 'partner.lrs_saved', 'partner.webhook_added'].sort()
		);
		// The whole thing again changes nothing: no new facts, no new sends.
		await drainAndAdvance(p.org);
		expect(hooks.got.filter((r) => r.status !== 500)).toHaveLength(6);
	});

	it('stops when the learner stops sharing, refuses non-partners and bad input', async () => {
		const p = await partner();
		const receiverHooks = await receiver(0);
		try {
			const added = await tool.addWebhook(p.admin.client, {
				org: p.org,
				url: `${receiverHooks.base}/hooks`,
				event_types: ['learner.completed'],
				description: null
			});
			expect(added.ok).toBe(true);
			const zara = await learnerIn(p.org, true);
			await rpc(zara.client, 'sync_push', { events: lessonEvents(zara) });
			expect(await deliveries(p.org)).toHaveLength(1);
			// Consent off before the worker runs: fail closed, nothing is sent.
			await zara.client
				.from('profiles')
				.update({ consent_progress_sharing: false })
				.eq('id', zara.id)
				.throwOnError();
			await drainDeliveries(service, { origin: ORIGIN, allowPrivate: true });
			expect(receiverHooks.got).toEqual([]);
			expect((await deliveries(p.org))[0]!.status).toBe('cancelled');

			// Not a partner admin of this unit; not a partner unit; bad URLs and event types.
			const stranger = await newLearner(stack);
			expect(
				await tool.addWebhook(stranger.client, {
					org: p.org,
					url: 'https://x.test/h',
					event_types: ['learner.completed'],
					description: null
				})
			).toEqual({ ok: false, error: 'forbidden' });
			const wing = await unit(await orgId('FED-ESTAB'), `W${tag()}`, 'wing');
			const wingAdmin = await newLearner(stack);
			await rpc(coe.client, 'grant_org_role', {
				target_user: wingAdmin.id,
				org: wing,
				role: 'partner_admin'
			});
			expect(
				await tool.addWebhook(wingAdmin.client, {
					org: wing,
					url: 'https://x.test/h',
					event_types: ['learner.completed'],
					description: null
				})
			).toEqual({ ok: false, error: 'invalid' });
			for (const url of ['ftp://x.test/h', 'https://user:pw@x.test/h', 'not a url'])
				expect(
					await tool.addWebhook(p.admin.client, {
						org: p.org,
						url,
						event_types: ['learner.completed'],
						description: null
					})
				).toEqual({ ok: false, error: 'invalid' });
			expect(
				await tool.addWebhook(p.admin.client, {
					org: p.org,
					url: 'https://x.test/h',
					event_types: ['lesson.completed'],
					description: null
				})
			).toEqual({ ok: false, error: 'invalid' });
			// An LRS needs credentials the first time.
			expect(
				await tool.saveLrs(p.admin.client, {
					org: p.org,
					endpoint: 'https://lrs.test/xapi',
					username: '',
					password: ''
				})
			).toEqual({
				ok: false,
				error: 'invalid'
			});
			// Outside development the worker refuses http and private addresses (SSRF).
			await zara.client
				.from('profiles')
				.update({ consent_progress_sharing: true })
				.eq('id', zara.id)
				.throwOnError();
			const d = (await deliveries(p.org))[0]!;
			await rpc(p.admin.client, 'redeliver_partner_delivery', { delivery: d.id });
			await drainDeliveries(service, { origin: ORIGIN, allowPrivate: false });
			const after = await service
				.from('partner_deliveries')
				.select('status, last_error')
				.eq('id', d.id)
				.single();
			expect(after.data?.status).toBe('pending');
			expect(after.data?.last_error).toMatch(/refused/);
			expect(receiverHooks.got).toEqual([]);
		} finally {
			await receiverHooks.close();
		}
	});
});
