import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SupabaseClient } from '@supabase/supabase-js';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { drainDeliveries } from '../../scripts/partner-delivery/deliver.js';
import { uuidv7 } from '$lib/events/uuidv7';
import { createAdminClient } from '$lib/server/supabase-admin';
import { createKey, keyUses } from '$lib/server/staff/partner';
import * as tool from '$lib/server/staff/partner-deliveries';
import { newLearner, stacks, TEST_COURSE, type Learner } from './helpers';

vi.mock('$env/dynamic/private', () => ({ env: process.env }));
vi.mock('$env/dynamic/public', () => ({ env: process.env }));

/**
 * The `webhooks:manage` routes of the partner API (supabase/migrations/20261204000000_…) driven
 * through the route handlers on the real stack, and the receiver's say over retries: a 429 or
 * 503 with Retry-After delays the next attempt at least that long; a 410 Gone disables the
 * endpoint until a partner admin enables it again. PGlite, and PostgreSQL 15 with
 * TEST_DATABASE_URL.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const ORIGIN = 'https://seekh.test';

const ROUTES: Record<string, () => Promise<Record<string, unknown>>> = {
	'/webhooks': () => import('../../src/routes/api/partner/v1/webhooks/+server'),
	'/webhooks/[id]': () => import('../../src/routes/api/partner/v1/webhooks/[id]/+server'),
	'/webhooks/[id]/enable': () => import('../../src/routes/api/partner/v1/webhooks/[id]/enable/+server'),
	'/lrs': () => import('../../src/routes/api/partner/v1/lrs/+server'),
	'/deliveries': () => import('../../src/routes/api/partner/v1/deliveries/+server'),
	'/deliveries/[id]/redeliver': () =>
		import('../../src/routes/api/partner/v1/deliveries/[id]/redeliver/+server')
};

async function api(
	path: string,
	init: { method?: string; key: string; json?: unknown; headers?: Record<string, string> }
): Promise<Response> {
	const url = new URL(`/api/partner/v1${path}`, 'http://seekh.test');
	const rest = url.pathname.replace('/api/partner/v1', '');
	const uuid = /[0-9a-f]{8}-[0-9a-f-]{27}|not-a-uuid/;
	const id = rest.match(uuid)?.[0];
	const route = ROUTES[rest.replace(uuid, '[id]')];
	if (!route) throw new Error(`no route ${rest}`);
	const method = init.method ?? 'GET';
	const handler = (await route())[method] as (event: unknown) => Promise<Response>;
	const headers: Record<string, string> = { authorization: `Bearer ${init.key}`, ...init.headers };
	if (init.json !== undefined) headers['content-type'] = 'application/json';
	const request = new Request(url, {
		method,
		headers,
		body: init.json === undefined ? undefined : JSON.stringify(init.json)
	});
	return handler({ request, url, locals: { session: null }, params: id ? { id } : {} });
}
const body = async (r: Response) => (await r.json()) as Json;

/** A partner's receiver that answers what the test tells it to, in order, then 204. */
async function receiver() {
	const got: { headers: IncomingMessage['headers']; body: string; status: number }[] = [];
	const script: { status: number; headers?: Record<string, string> }[] = [];
	const server: Server = createServer((req, res) => {
		let text = '';
		req.on('data', (c: Buffer) => (text += c.toString('utf8')));
		req.on('end', () => {
			const next = script.shift() ?? { status: 204 };
			got.push({ headers: req.headers, body: text, status: next.status });
			res.writeHead(next.status, next.headers ?? {});
			res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { got, script, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let n = 0;
const tag = () => `W${Date.now().toString(36).toUpperCase()}${(n++).toString(36).toUpperCase()}`;

describe.each(stacks())('partner webhooks API on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	let coe: Learner;
	let hooks: Awaited<ReturnType<typeof receiver>>;

	beforeAll(async () => {
		process.env.PUBLIC_SUPABASE_URL = stack.url;
		process.env.PUBLIC_SUPABASE_ANON_KEY = stack.anonKey;
		process.env.SUPABASE_SERVICE_ROLE_KEY = stack.serviceKey;
		delete process.env.SUPABASE_URL;
		coe = await newLearner(stack);
		await service
			.rpc('grant_org_role_by_email', { email: coe.email, org_code: 'PK', role: 'coe_admin' })
			.throwOnError();
		hooks = await receiver();
	});
	afterAll(() => hooks.close());

	async function rpc<T>(who: SupabaseClient, fn: string, args: Record<string, unknown>): Promise<T> {
		const { data, error } = await who.rpc(fn, args);
		if (error) throw new Error(`${fn}: ${error.message}`);
		return data as T;
	}
	const orgId = async (code: string) =>
		(
			(await service.from('organisations').select('id').eq('code', code).single().throwOnError()).data as {
				id: string;
			}
		).id;
	const unit = async (parent: string, code: string, kind: string) =>
		rpc<string>(coe.client, 'create_organisation', { parent, kind, code, names: { en: `Unit ${code}` } });

	async function partner() {
		const code = `P${tag()}`;
		const org = await unit(await orgId('PK'), code, 'partner');
		const centre = await unit(org, `${code}-C1`, 'training_centre');
		const admin = await newLearner(stack);
		await service
			.rpc('grant_org_role_by_email', { email: admin.email, org_code: code, role: 'partner_admin' })
			.throwOnError();
		const key = async (scopes: string[]) => {
			const made = await createKey(admin.client, { org, name: 'LMS', scopes, days: 30 });
			if (!made.ok) throw new Error(made.error);
			return made.value;
		};
		return { org, code, centre, admin, key };
	}
	/** A consenting learner of the centre completes the test course: one learner.completed. */
	async function completion(centre: string) {
		const person = await newLearner(stack);
		await person.client
			.from('profiles')
			.upsert({ id: person.id, consent_terms: true, consent_progress_sharing: true })
			.throwOnError();
		await rpc(coe.client, 'add_organisation_member', { org: centre, person: person.id });
		const events = TEST_COURSE.lessons.map((lesson) => ({
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
		await rpc(person.client, 'sync_push', { events });
		return person;
	}
	const drain = () => drainDeliveries(service, { origin: ORIGIN, allowPrivate: true });
	async function deliveryRows(org: string) {
		const { data } = await service
			.from('partner_deliveries')
			.select('id, status, attempts, next_attempt_at, last_status, channel')
			.eq('org_id', org)
			.throwOnError();
		return (data ?? []) as Json[];
	}

	it('manages endpoints, the LRS and the log with a webhooks:manage key; other keys and partners see nothing', async () => {
		const p = await partner();
		const q = await partner();
		const manage = await p.key(['webhooks:manage']);
		const roster = await p.key(['roster:write', 'progress:read']);
		const other = await q.key(['webhooks:manage']);

		// Without the scope: 403 on every route, as an RFC 9457 problem naming the scope.
		for (const [path, method] of [
			['/webhooks', 'GET'],
			['/webhooks', 'POST'],
			['/lrs', 'GET'],
			['/deliveries', 'GET']
		] as const) {
			const r = await api(path, {
				method,
				key: roster.key,
				json: method === 'POST' ? { url: `${hooks.base}/h`, event_types: ['learner.completed'] } : undefined
			});
			expect(r.status, `${method} ${path}`).toBe(403);
			expect(r.headers.get('content-type')).toBe('application/problem+json');
			expect(await body(r)).toMatchObject({
				code: 'scope_missing',
				detail: expect.stringContaining('webhooks:manage')
			});
		}

		// Bad input: a clear 400, nothing made.
		const bad = await api('/webhooks', {
			method: 'POST',
			key: manage.key,
			json: { url: 'ftp://x', event_types: [] }
		});
		expect(bad.status).toBe(400);
		expect((await body(bad)).code).toBe('bad_request');

		// Create: 201 with the secret, once; the same Idempotency-Key returns the first answer.
		const create = {
			url: `${hooks.base}/hooks`,
			event_types: ['learner.completed'],
			description: 'DigiSkills LMS'
		};
		const made = await api('/webhooks', {
			method: 'POST',
			key: manage.key,
			json: create,
			headers: { 'idempotency-key': 'hook-1' }
		});
		expect(made.status).toBe(201);
		const endpoint = await body(made);
		expect(endpoint.secret).toMatch(/^whsec_/);
		const again = await api('/webhooks', {
			method: 'POST',
			key: manage.key,
			json: create,
			headers: { 'idempotency-key': 'hook-1' }
		});
		expect(again.status).toBe(201);
		expect(again.headers.get('idempotency-replayed')).toBe('true');
		expect(await body(again)).toEqual(endpoint);
		const reused = await api('/webhooks', {
			method: 'POST',
			key: manage.key,
			json: { ...create, description: 'other' },
			headers: { 'idempotency-key': 'hook-1' }
		});
		expect(reused.status).toBe(422);

		// Listed without the secret; the staff tool sees the same endpoint; q's key sees none.
		const listed = await body(await api('/webhooks', { key: manage.key }));
		expect(listed.items.map((e: Json) => e.id)).toEqual([endpoint.id]);
		expect(JSON.stringify(listed)).not.toContain('whsec_');
		const staff = await tool.deliveryConfig(p.admin.client, p.org);
		expect(staff.ok && staff.value.endpoints.map((e) => e.id)).toEqual([endpoint.id]);
		expect((await body(await api('/webhooks', { key: other.key }))).items).toEqual([]);
		// Another partner cannot delete it (404, as if unknown), and it is still there.
		expect((await api(`/webhooks/${endpoint.id}`, { method: 'DELETE', key: other.key })).status).toBe(404);
		expect((await api('/webhooks/not-a-uuid', { method: 'DELETE', key: manage.key })).status).toBe(404);
		expect((await body(await api('/webhooks', { key: manage.key }))).items).toHaveLength(1);

		// The LRS: none yet (404); credentials needed the first time; never read back.
		expect((await api('/lrs', { key: manage.key })).status).toBe(404);
		const noCreds = await api('/lrs', {
			method: 'PUT',
			key: manage.key,
			json: { endpoint: `${hooks.base}/xapi` }
		});
		expect(noCreds.status).toBe(422);
		expect((await body(noCreds)).code).toBe('lrs_credentials_required');
		const saved = await api('/lrs', {
			method: 'PUT',
			key: manage.key,
			json: { endpoint: `${hooks.base}/xapi`, username: 'lrs-user', password: 'lrs pass' }
		});
		expect(saved.status).toBe(200);
		const lrs = await body(await api('/lrs', { key: manage.key }));
		expect(lrs.endpoint).toBe(`${hooks.base}/xapi`);
		expect(JSON.stringify(lrs)).not.toMatch(/lrs-user|lrs pass/);
		expect((await api('/lrs', { key: other.key })).status).toBe(404);
		// Remove the LRS again through the staff tool, so only the webhook is delivered below.
		expect((await tool.removeLrs(p.admin.client, p.org)).ok).toBe(true);

		// create → deliver → log → redeliver.
		await completion(p.centre);
		hooks.script.push({ status: 500 }, { status: 500 });
		for (let i = 0; i < 3; i++) {
			await drain();
			await service
				.from('partner_deliveries')
				.update({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
				.eq('org_id', p.org)
				.eq('status', 'pending')
				.throwOnError();
		}
		const accepted = hooks.got.filter((r) => r.status === 204);
		expect(accepted).toHaveLength(1);
		const wh = new Webhook(endpoint.secret);
		expect((wh.verify(accepted[0]!.body, accepted[0]!.headers as Record<string, string>) as Json).type).toBe(
			'learner.completed'
		);

		const log = await api('/deliveries?status=delivered', { key: manage.key });
		expect(log.status).toBe(200);
		const page = await body(log);
		expect(page.items).toHaveLength(1);
		expect(page.items[0]).toMatchObject({ channel: 'webhook', event_type: 'learner.completed', attempts: 3 });
		expect((await body(await api('/deliveries?status=pending', { key: manage.key }))).items).toEqual([]);
		expect((await api('/deliveries?status=lost', { key: manage.key })).status).toBe(400);
		expect((await api('/deliveries?cursor=nonsense', { key: manage.key })).status).toBe(400);
		expect((await body(await api('/deliveries', { key: other.key }))).items).toEqual([]);
		// The staff tool's log is the same SQL: the same row.
		const staffLog = await tool.listDeliveries(p.admin.client, {
			org: p.org,
			status: 'delivered',
			after: null
		});
		expect(staffLog.ok && staffLog.value.items.map((d) => d.id)).toEqual([page.items[0].id]);

		const delivery = page.items[0].id as string;
		expect((await api(`/deliveries/${delivery}/redeliver`, { method: 'POST', key: other.key })).status).toBe(
			404
		);
		const redo = await api(`/deliveries/${delivery}/redeliver`, {
			method: 'POST',
			key: manage.key,
			headers: { 'idempotency-key': 'redo-1' }
		});
		expect(redo.status).toBe(202);
		expect(await body(redo)).toEqual({ redelivered: delivery });
		await drain();
		const twice = hooks.got.filter((r) => r.status === 204);
		expect(twice).toHaveLength(2);
		expect(twice[1]!.headers['webhook-id']).toBe(accepted[0]!.headers['webhook-id']);

		// Cursor pagination over the log: one a page, then the next link, then the end.
		await completion(p.centre); // a second learner: a second delivery
		const first = await body(await api('/deliveries?limit=1', { key: manage.key }));
		expect(first.items).toHaveLength(1);
		expect(first.next).toMatch(/^\/api\/partner\/v1\/deliveries\?limit=1&cursor=/);
		const second = await body(await api(first.next.replace('/api/partner/v1', ''), { key: manage.key }));
		expect(second.items).toHaveLength(1);
		expect(second.items[0].id).not.toBe(first.items[0].id);

		// Every write is audited with the key as actor.
		const { data: audit } = await service
			.from('audit_log')
			.select('action, actor, target_id')
			.eq('org_id', p.org)
			.in('action', [
				'partner.webhook_added',
				'partner.lrs_saved',
				'partner.delivery_redelivered',
				'partner.webhook_removed'
			])
			.throwOnError();
		expect(
			(audit ?? [])
				.filter((a) => a.actor === manage.id)
				.map((a) => a.action)
				.sort()
		).toEqual(['partner.delivery_redelivered', 'partner.lrs_saved', 'partner.webhook_added']);

		// Delete: 204, gone from the list, its pending delivery cancelled.
		expect((await api(`/webhooks/${endpoint.id}`, { method: 'DELETE', key: manage.key })).status).toBe(204);
		expect((await body(await api('/webhooks', { key: manage.key }))).items).toEqual([]);
		expect((await deliveryRows(p.org)).filter((d) => d.status === 'pending')).toEqual([]);
		expect((await api(`/deliveries/${delivery}/redeliver`, { method: 'POST', key: manage.key })).status).toBe(
			409
		);
	});

	it('honours the receiver: Retry-After on 429 and 503 delays the next try; 410 Gone disables the endpoint until it is enabled', async () => {
		const p = await partner();
		const manage = await p.key(['webhooks:manage']);
		const made = await body(
			await api('/webhooks', {
				method: 'POST',
				key: manage.key,
				json: { url: `${hooks.base}/gone`, event_types: ['learner.completed'] }
			})
		);
		await completion(p.centre);
		const soon = async () =>
			service
				.from('partner_deliveries')
				.update({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
				.eq('org_id', p.org)
				.eq('status', 'pending')
				.throwOnError();

		// 429 with Retry-After: 7200 s — the schedule alone would wait 30 s.
		hooks.script.push({ status: 429, headers: { 'retry-after': '7200' } });
		let before = Date.now();
		await drain();
		let [d] = await deliveryRows(p.org);
		expect(d).toMatchObject({ status: 'pending', attempts: 1, last_status: 429 });
		expect(Date.parse(d!.next_attempt_at) - before).toBeGreaterThanOrEqual(7200 * 1000 - 5000);
		// Not due: a drain now sends nothing.
		const count = hooks.got.length;
		await drain();
		expect(hooks.got.length).toBe(count);

		// 503 with an HTTP date three hours ahead; a silly week-long ask is capped at a day.
		await soon();
		hooks.script.push({
			status: 503,
			headers: { 'retry-after': new Date(Date.now() + 3 * 3600_000).toUTCString() }
		});
		before = Date.now();
		await drain();
		[d] = await deliveryRows(p.org);
		expect(d).toMatchObject({ status: 'pending', attempts: 2, last_status: 503 });
		expect(Date.parse(d!.next_attempt_at) - before).toBeGreaterThanOrEqual(3 * 3600_000 - 10_000);
		await soon();
		hooks.script.push({ status: 429, headers: { 'retry-after': String(7 * 86400) } });
		before = Date.now();
		await drain();
		[d] = await deliveryRows(p.org);
		const wait = Date.parse(d!.next_attempt_at) - before;
		expect(wait).toBeGreaterThanOrEqual(86400_000 - 5000);
		expect(wait).toBeLessThanOrEqual(86400_000 + 5000);

		// 410 Gone: the endpoint is disabled, its delivery held (not lost, not retried).
		await soon();
		hooks.script.push({ status: 410 });
		await drain();
		const config = await tool.deliveryConfig(p.admin.client, p.org);
		expect(config.ok && config.value.endpoints[0]).toMatchObject({
			id: made.id,
			disabled_reason: 'the endpoint answered 410 Gone'
		});
		expect(config.ok && config.value.endpoints[0]!.disabled_at).not.toBeNull();
		const listed = await body(await api('/webhooks', { key: manage.key }));
		expect(listed.items[0].disabled_at).not.toBeNull();
		[d] = await deliveryRows(p.org);
		expect(d).toMatchObject({ status: 'pending', last_status: 410 });
		const held = hooks.got.length;
		await soon();
		await drain();
		expect(hooks.got.length).toBe(held);
		const { data: disabled } = await service
			.from('audit_log')
			.select('action')
			.eq('org_id', p.org)
			.eq('action', 'partner.webhook_disabled')
			.throwOnError();
		expect(disabled).toHaveLength(1);

		// Another partner's admin cannot enable it; its own admin can (audited), and it is sent.
		const stranger = await partner();
		expect(await tool.enableWebhook(stranger.admin.client, made.id)).toEqual({
			ok: false,
			error: 'forbidden'
		});
		const enabled = await tool.enableWebhook(p.admin.client, made.id);
		expect(enabled.ok && enabled.value.disabled_at).toBeNull();
		await drain();
		expect(hooks.got.length).toBe(held + 1);
		[d] = await deliveryRows(p.org);
		expect(d).toMatchObject({ status: 'delivered', last_status: 204 });
	});

	it("lets the partner's admins, the unit's org_admin and auditor, and coe_admin read a key's uses; nobody else", async () => {
		const p = await partner();
		const q = await partner();
		const made = await p.key(['webhooks:manage']);
		expect((await api('/webhooks', { key: made.key })).status).toBe(200);
		expect((await api('/webhooks', { key: (await p.key(['roster:write'])).key })).status).toBe(403);
		expect((await api('/lrs', { key: made.key })).status).toBe(404);
		// A refused use is a use too.
		const other = await p.key(['progress:read']);
		expect((await api('/deliveries', { key: other.key })).status).toBe(403);

		const mine = await keyUses(p.admin.client, made.id, null);
		expect(mine.ok).toBe(true);
		if (!mine.ok) return;
		expect(mine.value.items.map((u) => [u.request, u.result])).toEqual([
			['GET /api/partner/v1/lrs', 'ok'],
			['GET /api/partner/v1/webhooks', 'ok']
		]);
		expect(mine.value.next).toBeNull();
		const refused = await keyUses(p.admin.client, other.id, null);
		expect(refused.ok && refused.value.items.map((u) => u.result)).toEqual(['scope_missing']);
		// Paged by id: before the newest, only the older one.
		const older = await keyUses(p.admin.client, made.id, String(mine.value.items[0]!.id));
		expect(older.ok && older.value.items.map((u) => u.request)).toEqual(['GET /api/partner/v1/webhooks']);

		// The unit's org_admin and auditor read them; coe_admin (at the root) too.
		for (const role of ['org_admin', 'auditor']) {
			const person = await newLearner(stack);
			await service
				.rpc('grant_org_role_by_email', { email: person.email, org_code: p.code, role })
				.throwOnError();
			const read = await keyUses(person.client, made.id, null);
			expect(read.ok && read.value.items, role).toHaveLength(2);
		}
		expect((await keyUses(coe.client, made.id, null)).ok).toBe(true);

		// Another partner's admin, another unit's auditor, a learner: refused, nothing shown.
		const auditorElsewhere = await newLearner(stack);
		await service
			.rpc('grant_org_role_by_email', { email: auditorElsewhere.email, org_code: q.code, role: 'auditor' })
			.throwOnError();
		for (const who of [q.admin, auditorElsewhere, await newLearner(stack)])
			expect(await keyUses(who.client, made.id, null)).toEqual({ ok: false, error: 'forbidden' });
		// Nor can they read the rows directly: partner admins get no audit_log rows through RLS.
		expect((await q.admin.client.from('audit_log').select('id').eq('actor', made.id)).data).toEqual([]);
	});
});
