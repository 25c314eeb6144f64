import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SupabaseClient } from '@supabase/supabase-js';
import { createClient } from '@supabase/supabase-js';
import { decodeJwt, SignJWT } from 'jose';
import { parse } from 'yaml';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStack } from '../../scripts/stack/stack.js';
import { createAdminClient } from '$lib/server/supabase-admin';
import { claimCertificate } from '$lib/server/certificates/issue';
import {
	clearStatusListCache,
	revokeCertificate,
	revokedIndexes,
	signedStatusList
} from '$lib/server/certificates/revocation';
import { generateSigningJwk, keyringFromJwks, type Keyring } from '$lib/server/certificates/signing-keys';
import { decodeStatusList, getBit } from '$lib/certificates/status-list';
import { event, signUp, verifiedLearner, type Learner } from './stack-helpers';

// Route handlers read the environment through SvelteKit's $env modules; here they read the
// live process.env, which each test points at its own stack.
vi.mock('$env/dynamic/private', () => ({ env: process.env }));
vi.mock('$env/dynamic/public', () => ({ env: process.env }));

/**
 * Issue 10: each defect a determined cheater found, tried again against the real embedded
 * stack, on PGlite and (with TEST_DATABASE_URL) on PostgreSQL 15. Fixture courses only
 * (tests/fixtures/cert-courses): pools of 3 × draw, topic-tagged, plain keys.
 */
const fixtures = fileURLToPath(new URL('../fixtures/cert-courses', import.meta.url));
const keyOf = (course: string) =>
	Object.fromEntries(
		Object.entries(
			parse(readFileSync(`${fixtures}/${course}/assessment/key.yaml`, 'utf8')) as Record<string, unknown[]>
		).map(([q, a]) => [q, a.map(String)])
	);
const topicsOf = (course: string) =>
	Object.fromEntries(
		(
			parse(readFileSync(`${fixtures}/${course}/assessment/pool.yaml`, 'utf8')) as {
				questions: { id: string; topic: string }[];
			}
		).questions.map((q) => [q.id, q.topic])
	);
const origin = 'https://seekh.test';

interface Ticket {
	ticket_id: string;
	questions: string[];
	sig: string;
}

type Stack = Awaited<ReturnType<typeof startStack>>;
const backends: { name: string; databaseUrl?: string }[] = [{ name: 'pglite' }];
if (process.env.TEST_DATABASE_URL)
	backends.push({ name: 'postgres', databaseUrl: process.env.TEST_DATABASE_URL });

describe.each(backends)('certification hardening on $name', ({ databaseUrl }) => {
	let stack: Stack;
	let admin: SupabaseClient;
	let keyring: Keyring;
	// The one-time codes the stand-in "sends" (learners confirm their email before a final).
	const codes = new Map<string, string>();
	const verified = (label?: string) =>
		verifiedLearner(stack.url, stack.anonKey, (to) => codes.get(to) ?? '', label);

	beforeAll(async () => {
		process.env.SEEKH_EXTRA_COURSES = fixtures;
		stack = await startStack({
			port: 0,
			log: () => {},
			onOtp: (to, code) => codes.set(to, code),
			...(databaseUrl ? { databaseUrl } : {})
		});
		admin = createAdminClient(stack.url, stack.serviceKey);
		keyring = await keyringFromJwks([await generateSigningJwk()]);
	}, 180_000);

	afterAll(async () => {
		await stack?.stop();
	});

	const ticketsFor = async (learner: { client: SupabaseClient }, course = 'cert-sample') => {
		const { data, error } = await learner.client.rpc('assessment_tickets', { course });
		if (error) throw new Error(`${error.code} ${error.message}`);
		return data as { tickets: Ticket[]; attempts_left: number };
	};

	const submit = async (learner: Learner, payload: Record<string, unknown>, course = 'cert-sample') => {
		const ev = event(learner.id, 'assessment_submitted', course, payload);
		const { error } = await learner.client.rpc('sync_push', { events: [ev] });
		if (error) throw new Error(error.message);
		const seen = await learner.client
			.from('assessment_results')
			.select('status, reason, revise_topics')
			.eq('event_id', ev.id)
			.single();
		if (seen.error) throw new Error(seen.error.message);
		return seen.data as { status: string; reason: string | null; revise_topics: string[] };
	};

	const allCorrect = (t: Ticket, course = 'cert-sample') => {
		const key = keyOf(course);
		return {
			ticket_id: t.ticket_id,
			sig: t.sig,
			answers: Object.fromEntries(t.questions.map((q) => [q, key[q]]))
		};
	};

	const anonymous = async () => {
		const client = createClient(stack.url, stack.anonKey, {
			auth: { persistSession: false, autoRefreshToken: false },
			realtime: { transport: WebSocket as never }
		});
		const { data, error } = await client.auth.signInAnonymously();
		if (error || !data.user || !data.session) throw new Error(`anonymous sign-in: ${error?.message}`);
		return { client, id: data.user.id, token: data.session.access_token };
	};

	it('defect 1: more than 1,000 revocations all reach the status list despite max_rows = 1000', async () => {
		const owner = await verified('bulk');
		const n = 1121;
		const post = async (table: string, rows: unknown[]) => {
			const res = await fetch(`${stack.url}/rest/v1/${table}`, {
				method: 'POST',
				headers: {
					apikey: stack.serviceKey,
					authorization: `Bearer ${stack.serviceKey}`,
					'content-type': 'application/json'
				},
				body: JSON.stringify(rows)
			});
			if (!res.ok) throw new Error(`${table}: ${res.status} ${await res.text()}`);
		};
		const ids = Array.from({ length: n }, (_, i) => i);
		await post(
			'courses',
			ids.map((i) => ({
				id: `bulk-course-${i}`,
				programme: 'awareness',
				assessment: 'practice',
				lesson_count: 0
			}))
		);
		const code = (i: number) => `CERT${i.toString().padStart(12, '0')}`;
		await post(
			'certificates',
			ids.map((i) => ({
				id: crypto.randomUUID(),
				owner: owner.id,
				course_id: `bulk-course-${i}`,
				centre: 'lahore',
				learner_name: 'Bulk Learner',
				code: code(i),
				status_index: 100_000 + i,
				kid: 'k',
				jwt: 'x',
				revoked_at: new Date().toISOString()
			}))
		);
		// The cap is real on this stack: a plain table read stops at 1,000 rows.
		const capped = await admin.from('certificates').select('status_index').not('revoked_at', 'is', null);
		expect(capped.data).toHaveLength(1000);
		expect((await revokedIndexes(admin)).length).toBeGreaterThanOrEqual(n);
		clearStatusListCache();
		const jwt = await signedStatusList(admin, keyring, origin);
		const claims = decodeJwt(jwt) as { credentialSubject: { encodedList: string } };
		const bits = await decodeStatusList(claims.credentialSubject.encodedList);
		const set = ids.filter((i) => getBit(bits, 100_000 + i)).length;
		expect(set).toBe(n);
		expect(getBit(bits, 100_000 + n - 1)).toBe(true); // the one revoked last
	});

	it('defects 2 and 4: anonymous accounts get no tickets, no grading and no certificate', async () => {
		const anon = await anonymous();
		const tickets = await anon.client.rpc('assessment_tickets', { course: 'cert-sample' });
		expect(tickets.error?.hint).toBe('verify_account');
		// Even with a made-up ticket, grading refuses the account before looking at anything else.
		const ev = event(anon.id, 'assessment_submitted', 'cert-sample', {
			ticket_id: crypto.randomUUID(),
			sig: '0'.repeat(64),
			answers: {}
		});
		const pushed = await anon.client.rpc('sync_push', { events: [ev] });
		expect(pushed.error).toBeNull();
		const graded = await admin
			.from('assessment_results')
			.select('status, reason')
			.eq('event_id', ev.id)
			.single();
		expect(graded.data).toEqual({ status: 'rejected', reason: 'verify_account' });
		// Restrictive RLS: the anonymous token reads no results and no certificates, even its own.
		expect((await anon.client.from('assessment_results').select('status')).data ?? []).toEqual([]);
		expect((await anon.client.from('certificates').select('id')).data ?? []).toEqual([]);

		// A pass recorded for the anonymous account (as the old code allowed) still gets no certificate.
		const passEvent = event(anon.id, 'lesson_opened', 'cert-sample', {});
		await admin
			.from('learner_events')
			.insert({ ...passEvent, lesson_id: 'intro', owner: anon.id })
			.throwOnError();
		await admin
			.from('assessment_results')
			.insert({
				event_id: passEvent.id,
				owner: anon.id,
				course_id: 'cert-sample',
				status: 'passed',
				score: 100
			})
			.throwOnError();
		expect(
			await claimCertificate(admin, keyring, {
				learnerId: anon.id,
				courseId: 'cert-sample',
				learnerName: 'Anon Ymous',
				centre: 'lahore',
				origin
			})
		).toEqual({ ok: false, error: 'verify_account' });
	});

	it('defect 2: a learner reads pass/fail and topics, never a score', async () => {
		const learner = await verified();
		const [t] = (await ticketsFor(learner)).tickets;
		expect(await submit(learner, allCorrect(t!))).toMatchObject({ status: 'passed', reason: null });
		for (const columns of ['score', 'correct', 'total', '*']) {
			const read = await learner.client.from('assessment_results').select(columns);
			expect(read.error, columns).not.toBeNull();
		}
		// The issuer still sees it (service role), so certificates can say what was passed.
		const best = await admin.from('assessment_results').select('score').eq('owner', learner.id).single();
		expect(best.data?.score).toBe(100);
	});

	it('defect 2: the extraction attack (many accounts, one answer each) learns nothing', async () => {
		// The attacker's method: answer one question per attempt, leave the rest, read the result.
		// If the result depended on that one answer, comparing right and wrong answers would show it.
		const key = keyOf('cert-sample');
		const topicOf = topicsOf('cert-sample');
		const seen: { right: boolean; visible: string }[] = [];
		for (let i = 0; i < 6; i++) {
			const account = await verified('attacker');
			const [t] = (await ticketsFor(account)).tickets;
			const probe = t!.questions[0]!;
			const right = i % 2 === 0;
			const answer = right
				? key[probe]!
				: [
						probe.endsWith('-3')
							? key[probe]![0] === 'true'
								? 'false'
								: 'true'
							: key[probe]![0] === 'a'
								? 'b'
								: 'a'
					];
			const result = await submit(account, {
				ticket_id: t!.ticket_id,
				sig: t!.sig,
				answers: { [probe]: answer }
			});
			// Everything the attacker can see is a function of the (public) draw alone.
			const drawnTopics = [...new Set(t!.questions.map((q) => topicOf[q]!))].sort();
			expect(result).toEqual({ status: 'failed', reason: null, revise_topics: drawnTopics });
			seen.push({ right, visible: JSON.stringify(result) });
		}
		const visibleWhenRight = new Set(seen.filter((s) => s.right).map((s) => s.visible));
		const visibleWhenWrong = new Set(seen.filter((s) => !s.right).map((s) => s.visible));
		expect([...visibleWhenRight].every((v) => visibleWhenWrong.has(v))).toBe(true);
	});

	it('defect 2: a topic drawn once is listed on every failed attempt, whatever its answer', async () => {
		// cert-strata draws one question per topic: its answer alone decided the topic list before.
		const learner = await verified();
		const [t] = (await ticketsFor(learner, 'cert-strata')).tickets;
		const key = keyOf('cert-strata');
		// Right on the first question only: 25% < pass mark, so failed; all four topics listed.
		const result = await submit(
			learner,
			{ ticket_id: t!.ticket_id, sig: t!.sig, answers: { [t!.questions[0]!]: key[t!.questions[0]!] } },
			'cert-strata'
		);
		expect(result.status).toBe('failed');
		expect(result.revise_topics).toEqual(['basics', 'fairness', 'privacy', 'safety']);
	});

	it('defect 2: every attempt covers every topic (stratified draw)', async () => {
		const topicOf = topicsOf('cert-strata');
		let draws = 0;
		for (let i = 0; i < 8; i++) {
			const learner = await verified();
			for (const t of (await ticketsFor(learner, 'cert-strata')).tickets) {
				expect(new Set(t.questions.map((q) => topicOf[q])).size).toBe(4);
				draws++;
			}
		}
		// A plain random draw of 4 from 12 covers all four topics in 81 of 495 draws (16%).
		expect(draws).toBe(24);
	});

	it('defect 2: final attempts are rate-limited per device and per IP, in the database', async () => {
		const setRule = async (rule: string, max: number, seconds: number) =>
			(await admin.rpc('set_rate_rule', { rule, max_count: max, per_seconds: seconds })).error;
		// Learners cannot change the limits.
		const someone = await verified();
		expect(
			(
				await someone.client.rpc('set_rate_rule', {
					rule: 'final_account_device',
					max_count: 999,
					per_seconds: 1
				})
			).error
		).not.toBeNull();
		expect(await setRule('final_account_device', 2, 86400)).toBeNull();
		const device = crypto.randomUUID();
		const onDevice = async (learner: Learner, t: Ticket) => {
			const ev = {
				...event(learner.id, 'assessment_submitted', 'cert-sample', allCorrect(t)),
				device_id: device
			};
			await learner.client.rpc('sync_push', { events: [ev] }).throwOnError();
			return (await admin.from('assessment_results').select('status, reason').eq('event_id', ev.id).single())
				.data;
		};
		const results = [];
		for (let i = 0; i < 3; i++) {
			const learner = await verified('same-device');
			const [t] = (await ticketsFor(learner)).tickets;
			results.push(await onDevice(learner, t!));
		}
		expect(results.map((r) => r?.reason ?? r?.status)).toEqual(['passed', 'passed', 'rate_limited']);

		// Per IP: a forged X-Forwarded-For or client-IP header does not get round it.
		expect(await setRule('final_account_device', 10, 86400)).toBeNull();
		const used = await admin.rpc('set_rate_rule', {
			rule: 'final_account_ip',
			max_count: 1,
			per_seconds: 86400
		});
		expect(used.error).toBeNull();
		const forged = await verified('forger');
		const [ft] = (await ticketsFor(forged)).tickets;
		const ev = event(forged.id, 'assessment_submitted', 'cert-sample', allCorrect(ft!));
		const res = await fetch(`${stack.url}/rest/v1/rpc/sync_push`, {
			method: 'POST',
			headers: {
				apikey: stack.anonKey,
				authorization: `Bearer ${forged.token}`,
				'content-type': 'application/json',
				'x-forwarded-for': '203.0.113.7',
				'x-seekh-client-ip': '203.0.113.8'
			},
			body: JSON.stringify({ events: [ev] })
		});
		expect(res.status).toBe(200);
		const limited = await admin.from('assessment_results').select('reason').eq('event_id', ev.id).single();
		expect(limited.data?.reason).toBe('rate_limited');
		// The refused attempt did not use up the ticket: after the window, it can still be graded.
		await setRule('final_account_ip', 60, 86400);
		expect(await submit(forged, allCorrect(ft!))).toMatchObject({ status: 'passed' });
	});

	it('defect 5: a CoE-AI admin scoped to one centre cannot revoke another centre’s certificate', async () => {
		const holder = await verified();
		const [t] = (await ticketsFor(holder)).tickets;
		await submit(holder, allCorrect(t!));
		const claimed = await claimCertificate(admin, keyring, {
			learnerId: holder.id,
			courseId: 'cert-sample',
			learnerName: 'Zainab Bibi',
			centre: 'karachi',
			origin
		});
		if (!claimed.ok) throw new Error(claimed.error);
		const code = claimed.value.certificate.code;
		const adminOf = async (scope: string) => {
			const person = await signUp(stack.url, stack.anonKey, `coe-${scope || 'all'}`);
			await admin.from('user_roles').insert({ user_id: person.id, role: 'coe_admin', scope }).throwOnError();
			return person;
		};
		const lahore = await adminOf('lahore');
		const karachi = await adminOf('karachi');
		expect(await revokeCertificate(holder.client, { code, reason: 'self' })).toEqual({
			ok: false,
			error: 'forbidden'
		});
		expect(await revokeCertificate(lahore.client, { code, reason: 'not mine' })).toEqual({
			ok: false,
			error: 'forbidden'
		});
		// Nor can the Lahore admin look it up; the Karachi admin can, and revokes it.
		expect((await lahore.client.from('certificates').select('id').eq('code', code)).data).toEqual([]);
		expect((await karachi.client.from('certificates').select('id').eq('code', code)).data).toHaveLength(1);
		expect(await revokeCertificate(karachi.client, { code, reason: 'issued in error' })).toMatchObject({
			ok: true,
			value: { revoked: expect.any(String) }
		});
		const row = await admin
			.from('certificates')
			.select('revoked_at, revoked_by, revoke_reason')
			.eq('code', code)
			.single();
		expect(row.data).toMatchObject({ revoked_by: karachi.id, revoke_reason: 'issued in error' });
		expect(await revokeCertificate(karachi.client, { code: 'ZZZZZZZZZZZZZZZZ', reason: 'x' })).toEqual({
			ok: false,
			error: 'not_found'
		});
		// A global admin (scope '') still covers every centre.
		const everywhere = await adminOf('');
		expect(await revokeCertificate(everywhere.client, { code, reason: 'again' })).toMatchObject({
			ok: true,
			value: { revoked: expect.any(String) }
		});
	});

	it('defect 8: concurrent top-ups never leave more than three unused tickets', async () => {
		const learner = await verified();
		await Promise.all(
			Array.from({ length: 8 }, () => learner.client.rpc('assessment_tickets', { course: 'cert-sample' }))
		);
		expect((await ticketsFor(learner)).tickets.length).toBe(3);
	});

	it('defect 11: one deeply nested body is refused at the gateway and the backend keeps answering', async () => {
		const body = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
		const res = await fetch(`${stack.url}/rest/v1/rpc/sync_push`, {
			method: 'POST',
			headers: { apikey: stack.anonKey, 'content-type': 'application/json' },
			body
		});
		expect(res.status).toBe(413);
		const auth = await fetch(`${stack.url}/auth/v1/signup`, {
			method: 'POST',
			headers: { apikey: stack.anonKey, 'content-type': 'application/json' },
			body: `{"email":${'['.repeat(5000)}${']'.repeat(5000)}}`
		});
		expect(auth.status).toBe(413);
		const learner = await verified();
		expect((await ticketsFor(learner)).tickets).toHaveLength(3);
	});

	describe('routes', () => {
		const point = () => {
			// Fresh route modules per stack: the admin client and keyring are cached per module.
			vi.resetModules();
			process.env.PUBLIC_SUPABASE_URL = stack.url;
			process.env.PUBLIC_SUPABASE_ANON_KEY = stack.anonKey;
			process.env.SUPABASE_SERVICE_ROLE_KEY = stack.serviceKey;
			delete process.env.SUPABASE_URL;
		};
		const requestEvent = (url: string, init: RequestInit = {}) => ({
			request: new Request(url, init),
			url: new URL(url),
			params: {},
			getClientAddress: () => '198.51.100.1'
		});

		it('GET /api/assessment/tickets with an expired token answers 401 (so the client refreshes)', async () => {
			point();
			const learner = await verified();
			const expired = await new SignJWT({ role: 'authenticated', aud: 'authenticated', is_anonymous: false })
				.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
				.setSubject(learner.id)
				.setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
				.setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
				.sign(new TextEncoder().encode(stack.jwtSecret));
			const { GET } = await import('../../src/routes/api/assessment/tickets/+server');
			const call = (token: string, course = 'cert-sample') =>
				GET(
					requestEvent(`https://seekh.test/api/assessment/tickets?course=${course}`, {
						headers: { authorization: `Bearer ${token}` }
					}) as never
				) as Promise<Response>;
			const res = await call(expired);
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({ error: 'sign_in' });
			expect((await call(learner.token)).status).toBe(200);
			expect((await call(learner.token, 'no-such-course')).status).toBe(404);
			const anon = await anonymous();
			const refused = await call(anon.token);
			expect(refused.status).toBe(403);
			expect(await refused.json()).toEqual({ error: 'verify_account' });
		});

		it('defect 6: a forged Host never reaches the status list or a credential; no origin configured = nothing issued', async () => {
			point();
			process.env.SEEKH_DEV_KEYS = '1';
			process.env.CERT_DEV_KEY_FILE = join(tmpdir(), `seekh-test-keys-${process.pid}.json`);
			delete process.env.CERT_SIGNING_KEYS;
			delete process.env.ORIGIN;
			delete process.env.CERT_PUBLIC_ORIGIN;
			clearStatusListCache();
			const { GET } = await import('../../src/routes/api/certificates/status-list/+server');
			const forged = () =>
				GET(
					requestEvent('https://evil.example/api/certificates/status-list', {
						headers: { host: 'evil.example' }
					}) as never
				) as Promise<Response>;
			expect((await forged()).status).toBe(503);
			process.env.CERT_PUBLIC_ORIGIN = 'https://seekh.example.pk';
			const res = await forged();
			expect(res.status).toBe(200);
			const claims = decodeJwt(await res.text());
			expect(claims.iss).toBe('https://seekh.example.pk/issuers/coe-ai');
			expect(JSON.stringify(claims)).not.toContain('evil.example');

			const { POST } = await import('../../src/routes/api/certificates/claim/+server');
			const learner = await verified();
			const [t] = (await ticketsFor(learner)).tickets;
			await submit(learner, allCorrect(t!));
			const claim = (body: unknown) =>
				POST(
					requestEvent('https://evil.example/api/certificates/claim', {
						method: 'POST',
						headers: {
							host: 'evil.example',
							authorization: `Bearer ${learner.token}`,
							'content-type': 'application/json'
						},
						body: JSON.stringify(body)
					}) as never
				) as Promise<Response>;
			// Defect 9 through the route: an invisible bidi override is refused with a reason.
			const bidi = await claim({ course_id: 'cert-sample', name: 'Ali\u202eRaza', centre: 'lahore' });
			expect(bidi.status).toBe(400);
			expect(await bidi.json()).toEqual({ error: 'bad_name' });
			const ok = await claim({ course_id: 'cert-sample', name: 'علی رضا', centre: 'lahore' });
			expect(ok.status).toBe(201);
			const jwt = ((await ok.json()) as { certificate: { jwt: string } }).certificate.jwt;
			expect(String(decodeJwt(jwt).iss)).toMatch(/^https:\/\/seekh\.example\.pk\/issuers\//);
			expect(JSON.stringify(decodeJwt(jwt))).not.toContain('evil.example');
			// Defect 10 through the route: a 17,000-character course id is a 400, not a 500.
			expect((await claim({ course_id: 'x'.repeat(17_000), name: 'A', centre: 'lahore' })).status).toBe(400);
			delete process.env.CERT_PUBLIC_ORIGIN;
			expect((await claim({ course_id: 'cert-sample', name: 'A', centre: 'lahore' })).status).toBe(503);
		});
	});
});
