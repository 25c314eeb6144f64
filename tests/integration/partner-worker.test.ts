import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '$lib/events/uuidv7';
import { createAdminClient } from '$lib/server/supabase-admin';
import * as tool from '$lib/server/staff/partner-deliveries';
import { newLearner, stacks, TEST_COURSE, type Learner } from './helpers';

/**
 * `npm run partner:deliver` as it runs in production: the real worker process with pg-boss
 * (not `--once`) on PostgreSQL 15, against the PostgreSQL stack. A learner's completion is
 * queued, the partner's receiver refuses it twice, the worker's drains (jobs on pg-boss's
 * queue) deliver it exactly once, and SIGTERM stops the worker cleanly.
 *
 * pg-boss needs a real PostgreSQL (its own schema, many sessions); the embedded PGlite stack has
 * one session, so this runs only with TEST_DATABASE_URL — which .ci/run sets (ci-services.sh).
 */
const QUEUE = 'partner-delivery-drain';
const RUN = fileURLToPath(new URL('../../scripts/partner-delivery/run.js', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const postgres = stacks().find((s) => s.name === 'postgres');

/** Waits for a condition the worker brings about (it runs on its own clock), up to a minute. */
async function until(what: string, check: () => Promise<boolean> | boolean, ms = 60_000) {
	const end = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

describe.skipIf(!databaseUrl || !postgres)(
	'the pg-boss delivery worker on PostgreSQL 15 (skipped without TEST_DATABASE_URL: pg-boss cannot run on the one-session PGlite stack)',
	() => {
		// Made in beforeAll: a skipped suite's body still runs (to collect it), its hooks do not.
		const stack = postgres!;
		let service: SupabaseClient;
		// pg-boss's own database, next to the test one, dropped at the end.
		const bossDb = `seekh_boss_${process.pid}_${Date.now().toString(36)}`;
		const bossUrl = () => {
			const u = new URL(databaseUrl!);
			u.pathname = `/${bossDb}`;
			return u.toString();
		};
		let admin: pg.Client;
		let producer: PgBoss;
		let worker: ChildProcess | null = null;
		let output = '';
		let server: Server;
		let base = '';
		const got: { headers: IncomingMessage['headers']; body: string; status: number }[] = [];

		beforeAll(async () => {
			service = createAdminClient(stack.url, stack.serviceKey);
			admin = new pg.Client({ connectionString: databaseUrl });
			await admin.connect();
			await admin.query(`create database "${bossDb}"`);
			// The partner's receiver: fails every webhook-id twice, then accepts it.
			const failures = new Map<string, number>();
			server = createServer((req, res) => {
				let body = '';
				req.on('data', (c: Buffer) => (body += c.toString('utf8')));
				req.on('end', () => {
					const id = String(req.headers['webhook-id']);
					const failed = failures.get(id) ?? 0;
					const status = failed < 2 ? 500 : 204;
					if (status === 500) failures.set(id, failed + 1);
					got.push({ headers: req.headers, body, status });
					res.writeHead(status);
					res.end();
				});
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		});

		afterAll(async () => {
			if (worker && worker.exitCode === null) worker.kill('SIGKILL');
			await producer?.stop({ graceful: false, wait: true }).catch(() => {});
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await admin.query(`drop database if exists "${bossDb}" with (force)`);
			await admin.end();
		});

		async function rpc<T>(who: SupabaseClient, fn: string, args: Record<string, unknown>): Promise<T> {
			const { data, error } = await who.rpc(fn, args);
			if (error) throw new Error(`${fn}: ${error.message}`);
			return data as T;
		}
		async function deliveries(org: string) {
			const { data } = await service
				.from('partner_deliveries')
				.select('id, status, attempts, locked_until')
				.eq('org_id', org)
				.throwOnError();
			return (data ?? []) as { id: string; status: string; attempts: number; locked_until: string | null }[];
		}
		/**
		 * Waits until the worker has recorded its `n`th attempt (the lease is released). The
		 * receiver sees a request before the worker records its outcome; moving the retry to now
		 * in between would be overwritten by the worker's own backoff, and the next drain would
		 * find nothing due.
		 */
		async function attemptRecorded(org: string, n: number) {
			await until(`attempt ${n} recorded`, async () => {
				const [d] = await deliveries(org);
				return d !== undefined && d.attempts >= n && d.locked_until === null;
			});
		}
		/** "Time passes": the due retry is moved to now, in SQL, and a drain job is queued on pg-boss. */
		async function retryNow(org: string) {
			await service
				.from('partner_deliveries')
				.update({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
				.eq('org_id', org)
				.eq('status', 'pending')
				.throwOnError();
			let job: string | null = null;
			// One drain at a time (singleton): queue ours once the previous one has finished.
			await until('a drain job could be queued', async () => {
				job = await producer.send(QUEUE, {}, { singletonKey: 'drain' });
				return job !== null;
			});
			return job as unknown as string;
		}

		it('delivers a webhook exactly once through two failures, then stops on SIGTERM', async () => {
			// A partner, its endpoint, and a consenting learner who completes a course.
			const coe: Learner = await newLearner(stack);
			await rpc(service, 'grant_org_role_by_email', { email: coe.email, org_code: 'PK', role: 'coe_admin' });
			const pk = (await service.from('organisations').select('id').eq('code', 'PK').single().throwOnError())
				.data as { id: string };
			const code = `PW${Date.now().toString(36).toUpperCase()}`;
			const org = await rpc<string>(coe.client, 'create_organisation', {
				parent: pk.id,
				kind: 'partner',
				code,
				names: { en: `Partner ${code}` }
			});
			const partnerAdmin = await newLearner(stack);
			await rpc(service, 'grant_org_role_by_email', {
				email: partnerAdmin.email,
				org_code: code,
				role: 'partner_admin'
			});
			const added = await tool.addWebhook(partnerAdmin.client, {
				org,
				url: `${base}/hooks`,
				event_types: ['learner.completed'],
				description: ''
			});
			if (!added.ok) throw new Error(added.error);
			const learner = await newLearner(stack);
			await learner.client
				.from('profiles')
				.upsert({ id: learner.id, consent_terms: true, consent_progress_sharing: true })
				.throwOnError();
			await rpc(coe.client, 'add_organisation_member', { org, person: learner.id });
			await rpc(learner.client, 'sync_push', {
				events: TEST_COURSE.lessons.map((lesson) => ({
					id: uuidv7(),
					v: 1,
					owner: learner.id,
					device_id: learner.id,
					type: 'lesson_completed',
					course_id: TEST_COURSE.id,
					lesson_id: lesson,
					payload: {},
					client_ts: new Date().toISOString()
				}))
			});
			expect(await deliveries(org)).toMatchObject([{ status: 'pending', attempts: 0 }]);

			// The worker, as `npm run partner:deliver` starts it.
			worker = spawn(process.execPath, [RUN], {
				env: {
					PATH: process.env.PATH,
					SUPABASE_URL: stack.url,
					SUPABASE_SERVICE_ROLE_KEY: stack.serviceKey,
					ORIGIN: 'https://seekh.test',
					DATABASE_URL: bossUrl(),
					PARTNER_DELIVERY_ALLOW_PRIVATE: '1'
				},
				stdio: ['ignore', 'pipe', 'pipe']
			});
			worker.stdout!.on('data', (c: Buffer) => (output += c.toString()));
			worker.stderr!.on('data', (c: Buffer) => (output += c.toString()));
			const exited = new Promise<number | null>((resolve) => worker!.on('exit', (code) => resolve(code)));

			// Its first drain runs at start: the first try, refused.
			await until('the first attempt', () => got.length >= 1);
			producer = new PgBoss({ connectionString: bossUrl(), supervise: false, schedule: false });
			producer.on('error', () => {});
			await producer.start();
			await attemptRecorded(org, 1);
			await retryNow(org);
			await until('the second attempt', () => got.length >= 2);
			await attemptRecorded(org, 2);
			await retryNow(org);
			await until('the delivery', async () => (await deliveries(org))[0]?.status === 'delivered');

			// One more drain finds nothing to send: exactly once.
			const last = await retryNow(org);
			await until('the last drain job to finish', async () => {
				const job = await producer.getJobById(QUEUE, last);
				return job?.state === 'completed';
			});
			expect(got.map((r) => r.status)).toEqual([500, 500, 204]);
			expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
			const payload = new Webhook(added.value.secret).verify(
				got[2]!.body,
				got[2]!.headers as Record<string, string>
			) as { type: string; data: { learner: { id: string } } };
			expect(payload.type).toBe('learner.completed');
			expect(payload.data.learner.id).toBe(learner.id);
			expect(await deliveries(org)).toMatchObject([{ status: 'delivered', attempts: 3, locked_until: null }]);

			// SIGTERM: the worker finishes what it is doing and leaves with 0.
			worker.kill('SIGTERM');
			expect(await exited).toBe(0);
			expect(output).toContain('worker running');
			expect(output).toContain('[partner-delivery] stopped');
			expect(output).not.toMatch(/pg-boss:|Error/);
		}, 180_000);
	}
);
