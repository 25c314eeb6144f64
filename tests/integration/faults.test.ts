import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent, recordEvents } from '$lib/db/learner-events';
import { SyncError } from '$lib/sync/backend';
import { SyncRunner } from '$lib/sync/runner';
import { SyncEngine } from '$lib/sync/engine';
import { supabaseBackend } from '$lib/sync/supabase-backend';
import { startFaultProxy, type FaultProxy } from '../fault-proxy';
import { newDevice, newLearner, serviceSelect, stacks, TEST_COURSE } from './helpers';

const course = TEST_COURSE.id;
const PUSH = '/rpc/sync_push';

describe.each(stacks())('sync under faults on $name', (stack) => {
	let proxy: FaultProxy;
	beforeAll(async () => {
		proxy = await startFaultProxy(stack.url);
	});
	afterAll(() => proxy.stop());

	async function setup() {
		const learner = await newLearner(stack, proxy.url);
		const device = await newDevice(learner.id);
		const backend = supabaseBackend(learner.client, 1_500);
		return { learner, device, backend, engine: new SyncEngine(device.db, backend) };
	}

	const serverCount = async (owner: string) =>
		(await serviceSelect(stack, `learner_events?owner=eq.${owner}&select=id`)).length;

	it('keeps the queue while offline (dropped connections) and loses nothing', async () => {
		const { learner, device, engine } = await setup();
		await recordEvents(
			TEST_COURSE.lessons.map((lesson_id) => ({
				type: 'lesson_opened' as const,
				course_id: course,
				lesson_id
			})),
			device.db
		);
		proxy.fail(PUSH, { kind: 'drop' });
		await expect(engine.syncOnce()).rejects.toMatchObject({ kind: 'retry' });
		expect(await device.db.events.where('sync').equals(0).count()).toBe(5);
		await recordEvent({ type: 'lesson_completed', course_id: course, lesson_id: 'l1' }, device.db);
		await engine.syncOnce();
		expect(await device.db.events.where('sync').equals(0).count()).toBe(0);
		expect(await serverCount(learner.id)).toBe(6);
	});

	it('retries a failed push by itself, with backoff and no new local write', async () => {
		const { learner, device, engine, backend } = await setup();
		await recordEvent({ type: 'lesson_opened', course_id: course, lesson_id: 'l2' }, device.db);
		proxy.fail(PUSH, { kind: 'status', status: 500 }, { kind: 'status', status: 503 });
		const phases: string[] = [];
		const runner = new SyncRunner(device.db, engine, backend, {
			isOnline: () => true,
			backoff: { baseMs: 50, maxMs: 200 },
			onSnapshot: (s) => phases.push(s.phase)
		});
		await runner.runNow();
		expect(runner.snapshot.phase).toBe('retrying');
		// No recordEvent from here on: only the runner's own timer can make this pass.
		const deadline = Date.now() + 10_000;
		while (runner.snapshot.phase !== 'idle' && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 50));
		expect(runner.snapshot).toMatchObject({ phase: 'idle', pending: 0 });
		expect(phases.filter((p) => p === 'retrying').length).toBe(2);
		expect(await serverCount(learner.id)).toBe(1);
	});

	it('creates no duplicate when the response is lost after the server committed', async () => {
		const { learner, device, engine } = await setup();
		await recordEvents(
			[
				{ type: 'lesson_opened', course_id: course, lesson_id: 'l1' },
				{ type: 'lesson_completed', course_id: course, lesson_id: 'l1' }
			],
			device.db
		);
		proxy.fail(PUSH, { kind: 'cut-after-commit' });
		await expect(engine.syncOnce()).rejects.toBeInstanceOf(SyncError);
		expect(await serverCount(learner.id)).toBe(2);
		expect(await device.db.events.where('sync').equals(0).count()).toBe(2);
		const again = await engine.syncOnce();
		expect(again.pushed).toBe(2);
		expect(await serverCount(learner.id)).toBe(2);
	});

	it('treats a slow server as a timeout and retries the same batch', async () => {
		const { learner, device, engine } = await setup();
		await recordEvent({ type: 'lesson_opened', course_id: course, lesson_id: 'l3' }, device.db);
		proxy.fail(PUSH, { kind: 'delay', ms: 3_000 });
		await expect(engine.syncOnce()).rejects.toMatchObject({ kind: 'retry' });
		await new Promise((r) => setTimeout(r, 2_000)); // the delayed request lands meanwhile
		await engine.syncOnce();
		expect(await serverCount(learner.id)).toBe(1);
		expect(await device.db.events.where('sync').equals(1).count()).toBe(1);
	});

	it('on 401 refreshes the session and sends the same batch again', async () => {
		const { learner, device, engine } = await setup();
		await recordEvent({ type: 'lesson_opened', course_id: course, lesson_id: 'l4' }, device.db);
		const before = (await learner.client.auth.getSession()).data.session?.refresh_token;
		proxy.fail(PUSH, { kind: 'status', status: 401, body: { code: 'PGRST301', message: 'JWT expired' } });
		const start = proxy.forwarded.length;
		const result = await engine.syncOnce();
		expect(result.pushed).toBe(1);
		const after = (await learner.client.auth.getSession()).data.session?.refresh_token;
		expect(after).not.toBe(before);
		expect(proxy.forwarded.slice(start).filter((p) => p.includes('grant_type=refresh_token'))).toHaveLength(
			1
		);
		expect(await serverCount(learner.id)).toBe(1);
	});

	it('splits a batch the server finds too large (413)', async () => {
		const { learner, device, engine } = await setup();
		await recordEvents(
			Array.from({ length: 8 }, (_, i) => ({ type: 'exercise_completed' as const, payload: { i } })),
			device.db
		);
		proxy.fail(PUSH, { kind: 'status', status: 413 }, { kind: 'status', status: 413 });
		const start = proxy.forwarded.length;
		const result = await engine.syncOnce();
		expect(result.pushed).toBe(8);
		expect(proxy.forwarded.slice(start).filter((p) => p.includes(PUSH)).length).toBeGreaterThanOrEqual(3);
		expect(await serverCount(learner.id)).toBe(8);
	});

	it('quarantines an event the server rejects for good and lets the rest through', async () => {
		const { learner, device, engine } = await setup();
		await recordEvent({ type: 'lesson_opened', course_id: course, lesson_id: 'l1' }, device.db);
		// A lesson the catalogue does not have (e.g. content removed): the server says no.
		const bad = await recordEvent({ type: 'lesson_opened', course_id: course, lesson_id: 'gone' }, device.db);
		await recordEvent({ type: 'lesson_completed', course_id: course, lesson_id: 'l1' }, device.db);
		const result = await engine.syncOnce();
		expect(result).toMatchObject({ pushed: 2, quarantined: 1 });
		const dead = await device.db.deadLetters.toArray();
		expect(dead).toMatchObject([{ id: bad.id, reason: 'unknown_lesson' }]);
		expect((await device.db.events.get(bad.id))?.sync).toBe(2);
		expect(await serverCount(learner.id)).toBe(2);
		expect((await engine.syncOnce()).pushed).toBe(0);
	});

	it('rejects an event with a malformed device id by itself, with its reason', async () => {
		const { learner, device, engine } = await setup();
		await recordEvents(
			Array.from({ length: 6 }, (_, i) => ({ type: 'exercise_completed' as const, payload: { i } })),
			device.db
		);
		const culprit = (await device.db.events.toArray())[3];
		await device.db.events.update(culprit?.id ?? '', { device_id: 'not-a-uuid' });
		const result = await engine.syncOnce();
		expect(result).toMatchObject({ pushed: 5, quarantined: 1 });
		expect(await device.db.deadLetters.toArray()).toMatchObject([
			{ id: culprit?.id, reason: 'invalid_device' }
		]);
		expect(await serverCount(learner.id)).toBe(5);
	});

	it('bisects a batch refused as a whole (400) until only the culprit is quarantined', async () => {
		const { learner, device, engine } = await setup();
		await recordEvents(
			Array.from({ length: 6 }, (_, i) => ({ type: 'exercise_completed' as const, payload: { i } })),
			device.db
		);
		const first = (await device.db.events.orderBy('id').first())?.id;
		const refuse = { kind: 'status', status: 400, body: { code: '22P02', message: 'bad input' } } as const;
		// 6 → 400, its first half (3) → 400, then 2 → 400, then the single first event → 400.
		proxy.fail(PUSH, refuse, refuse, refuse, refuse);
		const result = await engine.syncOnce();
		expect(result).toMatchObject({ pushed: 5, quarantined: 1 });
		expect((await device.db.deadLetters.toArray()).map((d) => d.id)).toEqual([first]);
		expect(await serverCount(learner.id)).toBe(5);
	});

	it('never quarantines on a 404 (e.g. the RPC missing after a bad deploy)', async () => {
		const { device, engine } = await setup();
		await recordEvent({ type: 'exercise_completed' }, device.db);
		proxy.fail(PUSH, { kind: 'status', status: 404, body: { code: 'PGRST202', message: 'not found' } });
		await expect(engine.syncOnce()).rejects.toMatchObject({ kind: 'retry' });
		expect(await device.db.deadLetters.count()).toBe(0);
		expect((await engine.syncOnce()).pushed).toBe(1);
	});
});
