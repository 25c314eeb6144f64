import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createAdminClient } from '$lib/server/supabase-admin';
import { createUnit } from '$lib/server/staff/organisations';
import { createKey, listKeys, revokeKey, rotateKey } from '$lib/server/staff/partner';
import { event } from './stack-helpers';
import { client, newLearner, otpFor, serviceSelect, stacks, TEST_COURSE, type Learner } from './helpers';

// Route handlers read the environment through SvelteKit's $env modules; here they read the
// live process.env, which each stack's suite points at itself.
vi.mock('$env/dynamic/private', () => ({ env: process.env }));
vi.mock('$env/dynamic/public', () => ({ env: process.env }));

/**
 * The partner API end to end on the real stack: the route handlers themselves, called with real
 * requests, over the SQL gate (PGlite, and PostgreSQL 15 with TEST_DATABASE_URL). A partner's key
 * enrols 1,000 learners from OneRoster CSV, real accounts complete a course, the partner reads
 * completions and certificates; another partner sees nothing; revoked, expired, rotated and
 * rate-limited keys behave as documented; Idempotency-Key repeats return the first answer.
 */
const ROUTES: Record<string, () => Promise<Record<string, unknown>>> = {
	'/key': () => import('../../src/routes/api/partner/v1/key/+server'),
	'/learners': () => import('../../src/routes/api/partner/v1/learners/+server'),
	'/rosters': () => import('../../src/routes/api/partner/v1/rosters/+server'),
	'/rosters/check': () => import('../../src/routes/api/partner/v1/rosters/check/+server'),
	'/completions': () => import('../../src/routes/api/partner/v1/completions/+server'),
	'/certificates': () => import('../../src/routes/api/partner/v1/certificates/+server')
};

interface Call {
	method?: 'GET' | 'POST';
	key?: string;
	body?: BodyInit;
	headers?: Record<string, string>;
}

async function api(path: string, init: Call = {}): Promise<Response> {
	const url = new URL(path.startsWith('/api/') ? path : `/api/partner/v1${path}`, 'http://seekh.test');
	const route = ROUTES[url.pathname.replace('/api/partner/v1', '')];
	if (!route) throw new Error(`no route ${url.pathname}`);
	const method = init.method ?? 'GET';
	const handler = (await route())[method] as (event: unknown) => Promise<Response>;
	const headers: Record<string, string> = { ...init.headers };
	if (init.key) headers.authorization = `Bearer ${init.key}`;
	const request = new Request(url, { method, headers, body: init.body });
	return handler({ request, url, locals: { session: null }, params: {} });
}

const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;

function rosterForm(files: Record<string, string>): FormData {
	const form = new FormData();
	for (const [name, text] of Object.entries(files))
		form.set(name, new Blob([text], { type: 'text/csv' }), `${name}.csv`);
	return form;
}

describe.each(stacks())('partner API on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	const tag = () => `T${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;

	beforeAll(() => {
		process.env.PUBLIC_SUPABASE_URL = stack.url;
		process.env.PUBLIC_SUPABASE_ANON_KEY = stack.anonKey;
		process.env.SUPABASE_SERVICE_ROLE_KEY = stack.serviceKey;
		delete process.env.SUPABASE_URL;
	});

	/** A new partner unit under PARTNERS with its own partner_admin. */
	async function partner(): Promise<{ id: string; code: string; admin: Learner }> {
		const builder = await newLearner(stack);
		await service
			.rpc('grant_org_role_by_email', { email: builder.email, org_code: 'PARTNERS', role: 'org_admin' })
			.throwOnError();
		const code = tag();
		const made = await createUnit(builder.client, {
			parent_code: 'PARTNERS',
			kind: 'partner',
			code,
			name_en: `Partner ${code}`
		});
		if (!made.ok) throw new Error(made.error);
		const admin = await newLearner(stack);
		await service
			.rpc('grant_org_role_by_email', { email: admin.email, org_code: code, role: 'partner_admin' })
			.throwOnError();
		return { id: made.value.id, code, admin };
	}

	async function key(
		p: { id: string; admin: Learner },
		scopes = ['roster:write', 'progress:read', 'certificates:read']
	) {
		const made = await createKey(p.admin.client, { org: p.id, name: 'LMS', scopes, days: 30 });
		if (!made.ok) throw new Error(made.error);
		return made.value;
	}

	it('enrols 1,000 learners from OneRoster CSV, then reads their completions and certificates; others see nothing', async () => {
		const a = await partner();
		const b = await partner();
		const keyA = await key(a);
		const keyB = await key(b);
		expect(keyA.key).toMatch(/^seekh_pk_[a-z0-9]{8}_[0-9a-f]{64}$/);
		// Stored hashed: the secret is nowhere in the table.
		const stored = await serviceSelect<{ key_hash: string; prefix: string }>(
			stack,
			`partner_keys?id=eq.${keyA.id}`
		);
		expect(stored[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(stored)).not.toContain(keyA.key.split('_').at(-1));
		// Staff see the list without the secret.
		const list = await listKeys(a.admin.client, a.id, null);
		expect(list.ok && list.value.items.map((k) => k.prefix)).toEqual([keyA.prefix]);
		expect(JSON.stringify(list)).not.toContain(keyA.key);
		// And not another partner's keys.
		expect(await listKeys(a.admin.client, b.id, null)).toEqual({ ok: false, error: 'forbidden' });

		// Three people already have accounts; one will sign in later with a one-time code.
		const real = [await newLearner(stack), await newLearner(stack), await newLearner(stack)];
		const later = `later-${tag().toLowerCase()}@example.test`;
		const users = ['sourcedId,status,role,givenName,familyName,email,phone,orgSourcedIds,identifier'];
		const enrollments = ['sourcedId,classSourcedId,userSourcedId,role,status'];
		for (let i = 0; i < 1000; i++) {
			const email = i < 3 ? real[i]!.email : i === 3 ? later : `dsk-${i}@partner.example`;
			users.push(`DSK-${i},active,student,Learner ${i},Family,${email},,,`);
			enrollments.push(`E-${i},${TEST_COURSE.id},DSK-${i},student,active`);
		}
		const good = { users: users.join('\n'), enrollments: enrollments.join('\n') };
		// Bad rows, each reported by file and line (the header is line 1).
		const bad = [...users];
		bad.splice(11, 0, 'BAD-1,active,student,Ayesha,Khan,not-an-email,,,'); // line 12
		bad.splice(499, 0, 'BAD-2,active,student,,Khan,b2@partner.example,,,'); // line 500
		bad.splice(776, 0, 'BAD-3,active,student,Bilal,Ahmed,b3@partner.example,,,35202-1234567-1'); // line 777
		const badEnrol = [...enrollments, `E-X,no-such-course,DSK-5,student,active`]; // line 1002

		const dry = await api('/rosters/check', {
			method: 'POST',
			key: keyA.key,
			body: rosterForm({ users: bad.join('\n'), enrollments: badEnrol.join('\n') })
		});
		expect(dry.status).toBe(200);
		const plan = await json<{ problems: { message: string }[]; created: number; applied: boolean }>(dry);
		expect(plan.applied).toBe(false);
		expect(plan.problems.map((p) => p.message)).toEqual([
			'enrollments.csv line 1002: classSourcedId is not a Seekh course id (no-such-course)',
			'users.csv line 12: email is not an email address (not-an-email)',
			'users.csv line 500: givenName is empty',
			'users.csv line 777: this row carries a CNIC; Seekh never stores CNICs — leave it out'
		]);
		expect(plan.created).toBe(1000); // the valid rows that would be created

		// Apply with problems: refused whole (422, problem details), nothing written.
		const refused = await api('/rosters', {
			method: 'POST',
			key: keyA.key,
			body: rosterForm({ users: bad.join('\n'), enrollments: badEnrol.join('\n') })
		});
		expect(refused.status).toBe(422);
		expect(refused.headers.get('content-type')).toBe('application/problem+json');
		expect((await json<{ code: string; problems: unknown[] }>(refused)).problems).toHaveLength(4);
		expect(await serviceSelect(stack, `partner_enrolments?partner_id=eq.${a.id}&select=id`)).toEqual([]);

		// The clean roster, with an Idempotency-Key.
		const first = await api('/rosters', {
			method: 'POST',
			key: keyA.key,
			headers: { 'idempotency-key': 'roster-1' },
			body: rosterForm(good)
		});
		expect(first.status).toBe(200);
		const applied = await json<Record<string, unknown>>(first);
		expect(applied).toMatchObject({ applied: true, created: 1000, updated: 0, linked: 3, problems: [] });
		// The same request again: the first answer, not a second enrolment.
		const repeat = await api('/rosters', {
			method: 'POST',
			key: keyA.key,
			headers: { 'idempotency-key': 'roster-1' },
			body: rosterForm(good)
		});
		expect(repeat.headers.get('idempotency-replayed')).toBe('true');
		expect(await json(repeat)).toEqual(applied);
		// The same key with another body is refused.
		const reused = await api('/rosters', {
			method: 'POST',
			key: keyA.key,
			headers: { 'idempotency-key': 'roster-1' },
			body: rosterForm({ users: users.slice(0, 10).join('\n') })
		});
		expect(reused.status).toBe(422);
		expect((await json(reused)).code).toBe('idempotency_key_reused');
		// Re-sending the roster without a key changes nothing.
		const resend = await json(
			await api('/rosters', { method: 'POST', key: keyA.key, body: rosterForm(good) })
		);
		expect(resend).toMatchObject({ created: 0, updated: 0, unchanged: 1000, linked: 0 });
		expect(await serviceSelect(stack, `partner_enrolments?partner_id=eq.${a.id}&select=id`)).toHaveLength(
			1000
		);

		// The three existing accounts are members of the partner's unit now; the fourth person
		// claims their enrolment by signing in with the one-time code sent to that address.
		const members = async () =>
			(
				await serviceSelect<{ user_id: string }>(
					stack,
					`organisation_members?org_id=eq.${a.id}&select=user_id`
				)
			).map((m) => m.user_id);
		expect((await members()).sort()).toEqual(real.map((r) => r.id).sort());
		const person = client(stack);
		expect((await person.auth.signInWithOtp({ email: later })).error).toBeNull();
		const signedIn = await person.auth.verifyOtp({
			email: later,
			token: otpFor(stack, later),
			type: 'email'
		});
		expect(signedIn.error).toBeNull();
		expect((await person.rpc('claim_partner_enrolments')).data).toBe(1);
		expect(await members()).toContain(signedIn.data.user!.id);

		// The roster reads back by sourcedId, paged by cursor.
		const page1 = await json<{ items: { sourced_id: string; linked: boolean }[]; next: string }>(
			await api('/learners?limit=2', { key: keyA.key })
		);
		expect(page1.items.map((i) => i.sourced_id)).toEqual(['DSK-0', 'DSK-1']);
		expect(page1.items.every((i) => i.linked)).toBe(true);
		const page2 = await json<{ items: { sourced_id: string }[] }>(await api(page1.next, { key: keyA.key }));
		expect(page2.items.map((i) => i.sourced_id)).toEqual(['DSK-10', 'DSK-100']);

		// Two of the three share their progress; all three complete the test course.
		const since = new Date(Date.now() - 1000).toISOString();
		for (const [i, learner] of real.entries()) {
			await learner.client
				.from('profiles')
				.upsert({ id: learner.id, consent_terms: true, consent_progress_sharing: i < 2 })
				.throwOnError();
			const events = TEST_COURSE.lessons.map((lesson) => ({
				...event(learner.id, 'lesson_completed', TEST_COURSE.id, {}),
				lesson_id: lesson
			}));
			await learner.client.rpc('sync_push', { events }).throwOnError();
		}
		const codes = real.map((_, i) =>
			`PT${tag().slice(-6)}${i}`
				.padEnd(16, '0')
				.slice(0, 16)
				.replace(/[ILOU]/g, '0')
		);
		await service
			.from('certificates')
			.insert(
				real.map((r, i) => ({
					id: crypto.randomUUID(),
					owner: r.id,
					course_id: TEST_COURSE.id,
					centre: 'lahore',
					learner_name: `Learner ${i}`,
					code: codes[i],
					status_index: 100000 + Math.floor(Math.random() * 30000),
					kid: 'test',
					jwt: 'test'
				}))
			)
			.throwOnError();

		const filter = `?course=${TEST_COURSE.id}&since=${encodeURIComponent(since)}`;
		const done = await json<{ items: { sourced_id: string; course_id: string }[]; next: string | null }>(
			await api(`/completions${filter}&limit=1`, { key: keyA.key })
		);
		expect(done.items).toHaveLength(1);
		const rest = await json<{ items: { sourced_id: string }[]; next: string | null }>(
			await api(done.next!, { key: keyA.key })
		);
		const seen = [...done.items, ...rest.items].map((i) => i.sourced_id);
		expect(seen.sort()).toEqual(['DSK-0', 'DSK-1']); // DSK-2 does not share progress
		const csv = await (await api(`/completions${filter}&format=csv`, { key: keyA.key })).text();
		expect(csv.split('\r\n')[0]).toBe('sourced_id,learner_id,course_id,completed_at');
		expect(csv.trim().split('\r\n')).toHaveLength(3);
		const certs = await json<{ items: { code: string; status: string }[] }>(
			await api(`/certificates${filter}`, { key: keyA.key })
		);
		expect(certs.items.map((c) => c.code).sort()).toEqual([codes[0], codes[1]].sort());
		const certCsv = await api(`/certificates${filter}`, { key: keyA.key, headers: { accept: 'text/csv' } });
		expect(certCsv.headers.get('content-type')).toContain('text/csv');
		expect((await certCsv.text()).trim().split('\r\n')).toHaveLength(3);
		// A date range that ends before they finished finds nothing.
		const before = await json<{ items: unknown[] }>(
			await api(`/completions?until=${encodeURIComponent(since)}`, { key: keyA.key })
		);
		expect(before.items).toEqual([]);

		// Another partner's key sees none of it.
		for (const path of ['/learners', '/completions', '/certificates'])
			expect((await json<{ items: unknown[] }>(await api(path, { key: keyB.key }))).items).toEqual([]);
		// And its admin cannot touch partner A's key.
		expect(await revokeKey(b.admin.client, { key: keyA.id })).toEqual({ ok: false, error: 'forbidden' });
	});

	it('refuses revoked, expired, out-of-scope and unknown keys; rotation overlaps; every use is audited', async () => {
		const p = await partner();
		const k = await key(p, ['progress:read']);
		expect((await api('/key', { key: k.key })).status).toBe(200);
		// Scope: this key may not send rosters.
		const noScope = await api('/rosters', {
			method: 'POST',
			key: k.key,
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ users: [] })
		});
		expect(noScope.status).toBe(403);
		expect((await json(noScope)).code).toBe('scope_missing');
		// Unknown and missing keys.
		expect((await json(await api('/key', { key: `seekh_pk_aaaaaaaa_${'0'.repeat(64)}` }))).code).toBe(
			'unknown_key'
		);
		expect((await api('/key')).status).toBe(401);

		// Rotation with a one-hour overlap: both keys work; with none, the old one stops at once.
		const rotated = await rotateKey(p.admin.client, { key: k.id, overlap_hours: 1 });
		if (!rotated.ok) throw new Error(rotated.error);
		expect((await api('/completions', { key: k.key })).status).toBe(200);
		expect((await api('/completions', { key: rotated.value.key })).status).toBe(200);
		const again = await rotateKey(p.admin.client, { key: rotated.value.id, overlap_hours: 0 });
		if (!again.ok) throw new Error(again.error);
		const old = await api('/completions', { key: rotated.value.key });
		expect(old.status).toBe(401);
		expect((await json(old)).code).toBe('key_expired');
		expect((await api('/completions', { key: again.value.key })).status).toBe(200);

		// Revoked: refused on the very next request.
		expect((await revokeKey(p.admin.client, { key: again.value.id })).ok).toBe(true);
		const revoked = await api('/completions', { key: again.value.key });
		expect(revoked.status).toBe(401);
		expect(revoked.headers.get('content-type')).toBe('application/problem+json');
		expect((await json(revoked)).code).toBe('key_revoked');

		// Expired by the calendar.
		const e = await key(p);
		await service
			.from('partner_keys')
			.update({ expires_at: new Date(Date.now() - 60_000).toISOString() })
			.eq('id', e.id)
			.throwOnError();
		expect((await json(await api('/key', { key: e.key }))).code).toBe('key_expired');

		// One audit row per request, the key as actor.
		const rows = await serviceSelect<{ action: string; after: { refused?: string } }>(
			stack,
			`audit_log?actor=eq.${k.id}&select=action,after&order=id`
		);
		expect(rows.map((r) => r.after.refused ?? r.action)).toEqual([
			'partner_api.request',
			'scope_missing',
			'partner_api.request'
		]);
		const staffRows = await serviceSelect<{ action: string }>(
			stack,
			`audit_log?target_id=eq.${k.id}&select=action`
		);
		expect(staffRows.map((r) => r.action).sort()).toEqual(['partner_key.created', 'partner_key.rotated']);
	});

	it('rate-limits each key in the database: 429 with Retry-After', async () => {
		const p = await partner();
		const k = await key(p);
		await service.from('partner_keys').update({ rate_per_minute: 2 }).eq('id', k.id).throwOnError();
		// Two a minute: at most four requests can pass even if a minute turns over between them.
		let limited: Response | undefined;
		for (let i = 0; i < 5 && !limited; i++) {
			const r = await api('/key', { key: k.key });
			if (r.status === 429) limited = r;
			else expect(r.status).toBe(200);
		}
		expect(limited?.status).toBe(429);
		const wait = Number(limited!.headers.get('retry-after'));
		expect(wait).toBeGreaterThanOrEqual(1);
		expect(wait).toBeLessThanOrEqual(60);
		expect((await json(limited!)).code).toBe('rate_limited');
		// Another key of the same partner has its own window.
		expect((await api('/key', { key: (await key(p)).key })).status).toBe(200);
	});
	it('takes a JSON roster: orgs map to units inside the partner only; withdrawing ends the membership', async () => {
		const p = await partner();
		const k = await key(p);
		const person = await newLearner(stack);
		const post = (path: string, body: unknown) =>
			api(path, {
				method: 'POST',
				key: k.key,
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		const roster = {
			orgs: [
				{ sourcedId: 'O1', identifier: p.code },
				{ sourcedId: 'O2', identifier: 'FED-ESTAB' }
			],
			users: [
				{ sourcedId: 'J1', givenName: 'Sana', email: person.email, orgSourcedIds: ['O1'] },
				{ sourcedId: 'J2', givenName: 'Omar', phone: '0300-1234567', orgSourcedIds: ['O2'] },
				{ sourcedId: 'J3', givenName: 'Hina', phone: '12345' }
			]
		};
		const checked = await json<{ problems: { message: string }[] }>(await post('/rosters/check', roster));
		expect(checked.problems.map((x) => x.message)).toEqual([
			'orgs line 2: identifier names a Seekh unit outside your organisation (FED-ESTAB)',
			'users line 2: orgSourcedIds names an org that is not in orgs.csv nor a Seekh unit of yours (O2)',
			'users line 3: phone is not a Pakistani mobile number (03001234567 or +923001234567) (12345)'
		]);
		const applied = await post('/rosters', { orgs: [roster.orgs[0]], users: [roster.users[0]] });
		expect(await json(applied)).toMatchObject({ created: 1, linked: 1 });
		const member = () =>
			serviceSelect(stack, `organisation_members?org_id=eq.${p.id}&user_id=eq.${person.id}`);
		expect(await member()).toHaveLength(1);
		// Withdrawn: only the sourcedId and status are needed; the membership ends.
		const withdrawn = await post('/rosters', { users: [{ sourcedId: 'J1', status: 'tobedeleted' }] });
		expect(await json(withdrawn)).toMatchObject({ created: 0, updated: 1 });
		expect(await member()).toEqual([]);
		const listed = await json<{ items: { sourced_id: string; status: string; given_name: string }[] }>(
			await api('/learners', { key: k.key })
		);
		expect(listed.items).toMatchObject([{ sourced_id: 'J1', status: 'withdrawn', given_name: 'Sana' }]);
	});
});
