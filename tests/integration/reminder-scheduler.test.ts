import type { SupabaseClient } from '@supabase/supabase-js';
import type PgBoss from 'pg-boss';
import { describe, expect, it } from 'vitest';
import { createAdminClient } from '$lib/server/supabase-admin';
import { QUEUES, startScheduler } from '../../scripts/reminders/scheduler.js';
import type { StackInfo } from './global-setup';
import { newLearner, stacks } from './helpers';

/**
 * The reminder scheduler end to end (issue 12): the real pg-boss scheduler and workers of
 * `npm run reminders` against PostgreSQL 15, with the stack's PostgREST for the service-role
 * calls. Reminders land in the outbox exactly once across two tick runs; a failed send is
 * retried later (the outbox backs off), delivered, and never delivered twice.
 *
 * PostgreSQL only: pg-boss needs several connections and its own schema, and the embedded
 * PGlite is a single session. CI sets TEST_DATABASE_URL, so it runs there.
 */
const real = stacks().filter((s): s is StackInfo & { databaseUrl: string } => Boolean(s.databaseUrl));
const addDays = (day: string, d: number) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);

describe('the reminder scheduler (pg-boss) on PostgreSQL', () => {
	for (const stack of stacks().filter((s) => !s.databaseUrl))
		it.skip(`skipped on ${stack.name}: pg-boss needs several connections and its own schema; PGlite is one session (runs where TEST_DATABASE_URL is set, as in CI)`, () => {});

	it.each(real)(
		'queues each reminder once across two runs, retries a failed send, sends it once ($name)',
		async (stack) => {
			const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
			const rpc = async <T>(who: SupabaseClient, fn: string, args: Record<string, unknown> = {}) => {
				const { data, error } = await who.rpc(fn, args);
				if (error) throw new Error(`${fn}: ${error.message}`);
				return data as T;
			};
			// A unit of our own with one civil servant due tomorrow (the 1-day reminder, by email and SMS).
			const coe = await newLearner(stack);
			await rpc(service, 'grant_org_role_by_email', { email: coe.email, org_code: 'PK', role: 'coe_admin' });
			const code = `RS${Date.now().toString(36).toUpperCase()}`;
			const { data: estab } = await service
				.from('organisations')
				.select('id')
				.eq('code', 'FED-ESTAB')
				.single();
			const wing = await rpc<string>(coe.client, 'create_organisation', {
				parent: (estab as { id: string }).id,
				kind: 'wing',
				code,
				names: { en: `Unit ${code}`, ur: `یونٹ ${code}` }
			});
			const admin = await newLearner(stack);
			await rpc(service, 'grant_org_role_by_email', {
				email: admin.email,
				org_code: code,
				role: 'org_admin'
			});
			const email = `due.${code}@example.test`.toLowerCase();
			const mobile = `0333${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
			await rpc(admin.client, 'apply_employee_file', {
				employer: wing,
				rows: [
					{
						line: 2,
						employee_id: 'D1',
						full_name: 'Due Tomorrow',
						email,
						mobile,
						org_unit_code: code,
						bps: '17',
						designation: '',
						program_code: '',
						due_date: '',
						supervisor_employee_id: ''
					}
				]
			});
			await rpc(admin.client, 'create_compliance_assignment', {
				org: wing,
				code: 'AIRS',
				title: { en: 'AI for officers', ur: 'افسران کے لیے اے آئی' },
				course_ids: ['sync-test-course'],
				// Tomorrow as the compliance clock counts days (Pakistan time), not as UTC does.
				due_date: addDays(await rpc<string>(service, 'compliance_set_clock', { offset_days: 0 }), 1)
			});
			const ours = new Set([email, `92${mobile.slice(1)}`]);

			// The provider: the first try of each of our messages fails, later tries deliver.
			const tries = new Map<number, number>();
			const delivered: number[] = [];
			const provider = {
				name: 'flaky',
				async send(m: { id: number; recipient: string }) {
					if (!ours.has(m.recipient)) return { ref: `other-${m.id}` };
					const n = (tries.get(m.id) ?? 0) + 1;
					tries.set(m.id, n);
					if (n === 1) throw new Error('gateway timeout');
					delivered.push(m.id);
					return { ref: `flaky-${m.id}` };
				}
			};

			let boss: PgBoss | undefined;
			const run = async (queue: string) => {
				const id = await boss!.send(queue, {});
				// Waits for pg-boss to finish the job (a condition, not a timer: it fails if never done).
				await expect
					.poll(async () => (await boss!.getJobById(queue, id!))?.state, { timeout: 30_000, interval: 200 })
					.toBe('completed');
			};
			try {
				boss = await startScheduler({
					databaseUrl: stack.databaseUrl,
					service,
					provider,
					log: () => {},
					pollingIntervalSeconds: 0.5
				});
				// The production schedules are registered: the daily tick and the minutely drain.
				expect((await boss.getSchedules()).map((s) => s.name).sort()).toEqual(
					[QUEUES.tick, QUEUES.drain].sort()
				);

				// Two runs of the tick queue the 1-day reminder once per channel.
				await run(QUEUES.tick);
				await run(QUEUES.tick);
				const queued = await rpc<{ waiting: number }>(service, 'outbox_summary');
				expect(queued.waiting).toBeGreaterThanOrEqual(2);

				// The first drain: both sends fail; nothing is marked sent, nothing is lost.
				await run(QUEUES.drain);
				expect([...tries.values()]).toEqual([1, 1]);
				expect(delivered).toEqual([]);
				// Backed off: an immediate second drain does not hand them out again.
				await run(QUEUES.drain);
				expect([...tries.values()]).toEqual([1, 1]);

				// Later (the compliance clock moved a day on, past the back-off): retried and delivered.
				await rpc(service, 'compliance_set_clock', { offset_days: 1 });
				await run(QUEUES.drain);
				expect(delivered.sort()).toEqual([...tries.keys()].sort());
				// More ticks and drains change nothing: no new reminder, no second delivery.
				await run(QUEUES.tick);
				await run(QUEUES.drain);
				expect(delivered).toHaveLength(2);
				expect([...tries.values()]).toEqual([2, 2]);
			} finally {
				await rpc(service, 'compliance_set_clock', { offset_days: 0 });
				await boss?.stop({ graceful: true, wait: true });
			}
		}
	);
});
