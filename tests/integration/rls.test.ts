import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { recordEvent } from '$lib/db/learner-events';
import { engine, newDevice, newLearner, serviceSelect, stacks, TEST_COURSE } from './helpers';

const course = TEST_COURSE.id;

describe.each(stacks())('row level security on $name', (stack) => {
	const anon = () =>
		createClient(stack.url, stack.anonKey, {
			auth: { persistSession: false },
			realtime: { transport: WebSocket as never }
		});

	async function twoLearners() {
		const alice = await newLearner(stack);
		const bob = await newLearner(stack);
		const device = await newDevice(alice.id);
		await recordEvent({ type: 'lesson_completed', course_id: course, lesson_id: 'l1' }, device.db);
		await engine(device.db, alice.client).syncOnce();
		const profile = await alice.client.from('profiles').insert({ id: alice.id, display_name: 'Alice' });
		expect(profile.error).toBeNull();
		return { alice, bob };
	}

	it('lets another learner and anon read nothing of yours', async () => {
		const { alice, bob } = await twoLearners();
		for (const table of ['learner_events', 'course_progress', 'profiles', 'user_roles']) {
			const mine = await bob.client.from(table).select('*');
			expect(mine.error, table).toBeNull();
			expect(JSON.stringify(mine.data), table).not.toContain(alice.id);
			const asAnon = await anon().from(table).select('*');
			// anon has no rights on these tables at all: an error, or (never) rows.
			expect(asAnon.data ?? [], table).toEqual([]);
		}
		const own = await alice.client.from('learner_events').select('id');
		expect(own.data).toHaveLength(1);
		expect((await alice.client.from('course_progress').select('*')).data).toHaveLength(1);
		expect((await alice.client.from('profiles').select('*')).data).toHaveLength(1);
	});

	it('lets nobody change your rows, and no learner write events or progress directly', async () => {
		const { alice, bob } = await twoLearners();
		const [event] = await serviceSelect<{ id: string }>(
			stack,
			`learner_events?owner=eq.${alice.id}&select=id`
		);
		await bob.client.from('profiles').update({ display_name: 'Mallory' }).eq('id', alice.id);
		await bob.client.from('profiles').upsert({ id: alice.id, display_name: 'Mallory' });
		await anon().from('profiles').update({ display_name: 'Mallory' }).eq('id', alice.id);
		const [profile] = await serviceSelect<{ display_name: string }>(stack, `profiles?id=eq.${alice.id}`);
		expect(profile?.display_name).toBe('Alice');

		// Events are append-only through sync_push: no direct insert, update or delete by anyone.
		for (const c of [alice.client, bob.client, anon()]) {
			expect(
				(await c.from('learner_events').update({ type: 'lesson_opened' }).eq('id', event?.id)).error
			).not.toBeNull();
			expect((await c.from('learner_events').delete().eq('id', event?.id)).error).not.toBeNull();
			const forged = await c.from('learner_events').insert({
				id: '01900000-0000-7000-8000-000000000000',
				owner: alice.id,
				device_id: '01900000-0000-7000-8000-000000000000',
				type: 'lesson_completed',
				course_id: course,
				lesson_id: 'l2'
			});
			expect(forged.error).not.toBeNull();
			expect(
				(await c.from('course_progress').update({ completed_count: 99 }).eq('owner', alice.id)).error
			).not.toBeNull();
			expect(
				(await c.from('user_roles').insert({ user_id: alice.id, role: 'coe_admin' })).error
			).not.toBeNull();
		}
		expect(await serviceSelect(stack, `learner_events?owner=eq.${alice.id}`)).toHaveLength(1);
		expect(await serviceSelect(stack, `user_roles?user_id=eq.${alice.id}`)).toHaveLength(0);
	});

	it('refuses sync for anon and events pushed for someone else', async () => {
		const { alice, bob } = await twoLearners();
		const device = await newDevice(alice.id);
		const event = await recordEvent({ type: 'lesson_opened', course_id: course, lesson_id: 'l2' }, device.db);
		const asAnon = await anon().rpc('sync_push', { events: [event] });
		expect(asAnon.error).not.toBeNull();
		expect((await anon().rpc('sync_pull', { since: 0 })).error).not.toBeNull();
		const asBob = await bob.client.rpc('sync_push', { events: [event] });
		expect(asBob.data).toMatchObject({
			accepted: [],
			rejected: [{ id: event.id, reason: 'owner_mismatch' }]
		});
		const bobPull = await bob.client.rpc('sync_pull', { since: 0 });
		expect(bobPull.data.events).toEqual([]);
	});

	it('shows the course catalogue to everyone and has_role answers only for the caller', async () => {
		const { alice } = await twoLearners();
		const courses = await anon().from('courses').select('id').eq('id', course);
		expect(courses.data).toEqual([{ id: course }]);
		expect((await anon().from('lessons').select('id').eq('course_id', course)).data).toHaveLength(5);
		expect(
			(await anon().from('courses').insert({ id: 'x', programme: 'skills', assessment: 'practice' })).error
		).not.toBeNull();
		const grant = await fetch(`${stack.url}/rest/v1/user_roles`, {
			method: 'POST',
			headers: {
				apikey: stack.serviceKey,
				authorization: `Bearer ${stack.serviceKey}`,
				'content-type': 'application/json'
			},
			body: JSON.stringify({ user_id: alice.id, role: 'trainer' })
		});
		expect(grant.status).toBe(201);
		expect((await alice.client.rpc('has_role', { wanted: 'trainer' })).data).toBe(true);
		expect((await alice.client.rpc('has_role', { wanted: 'coe_admin' })).data).toBe(false);
		expect((await alice.client.from('user_roles').select('role')).data).toEqual([{ role: 'trainer' }]);
		expect((await anon().rpc('has_role', { wanted: 'trainer' })).error).not.toBeNull();
	});
});
