import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { recordEvent } from '$lib/db/learner-events';
import { adoptIntoAccount } from '$lib/db/adopt';
import { client, engine, newDevice, newLearner, otpFor, serviceSelect, stacks, TEST_COURSE } from './helpers';

const course = TEST_COURSE.id;

describe.each(stacks())('the auth stand-in through supabase-js on $name', (stack) => {
	it('signs up, signs in, refuses a wrong password and signs out', async () => {
		const learner = await newLearner(stack);
		const other = client(stack);
		const wrong = await other.auth.signInWithPassword({ email: learner.email, password: 'nope-nope' });
		expect(wrong.error).toMatchObject({ code: 'invalid_credentials', status: 400 });
		const right = await other.auth.signInWithPassword({ email: learner.email, password: learner.password });
		expect(right.data.user?.id).toBe(learner.id);
		const claims = decodeJwt(right.data.session?.access_token ?? '');
		expect(claims).toMatchObject({
			sub: learner.id,
			role: 'authenticated',
			aud: 'authenticated',
			is_anonymous: false
		});
		expect((await other.auth.getUser()).data.user?.email).toBe(learner.email);
		const again = await client(stack).auth.signUp({ email: learner.email, password: learner.password });
		expect(again.error).toMatchObject({ code: 'user_already_exists' });
		const short = await client(stack).auth.signUp({ email: 'short@example.test', password: '123' });
		expect(short.error).toMatchObject({ code: 'weak_password' });
		const refresh = right.data.session?.refresh_token ?? '';
		await other.auth.signOut();
		const reuse = await client(stack).auth.refreshSession({ refresh_token: refresh });
		expect(reuse.error).not.toBeNull();
	});

	it('rotates refresh tokens and accepts each only once', async () => {
		const learner = await newLearner(stack);
		const first = (await learner.client.auth.getSession()).data.session?.refresh_token ?? '';
		const rotated = await learner.client.auth.refreshSession();
		expect(rotated.error).toBeNull();
		const second = rotated.data.session?.refresh_token ?? '';
		expect(second).not.toBe(first);
		const replay = await client(stack).auth.refreshSession({ refresh_token: first });
		expect(replay.error).toMatchObject({ status: 400 });
		// Reuse revoked the whole session (theft protection): the new token dies too.
		expect((await client(stack).auth.refreshSession({ refresh_token: second })).error).not.toBeNull();
	});

	it('signs in anonymously with is_anonymous in the JWT, and such users may sync', async () => {
		const c = client(stack);
		const { data, error } = await c.auth.signInAnonymously();
		expect(error).toBeNull();
		expect(decodeJwt(data.session?.access_token ?? '')).toMatchObject({
			is_anonymous: true,
			role: 'authenticated'
		});
		const device = await newDevice(data.user?.id);
		await recordEvent({ type: 'lesson_opened', course_id: course, lesson_id: 'l1' }, device.db);
		expect((await engine(device.db, c).syncOnce()).pushed).toBe(1);
	});

	it('signs in by phone with a one-time code printed by the stand-in', async () => {
		const c = client(stack);
		const phone = `92300${Math.floor(1e7 + Math.random() * 9e7)}`;
		expect((await c.auth.signInWithOtp({ phone })).error).toBeNull();
		const bad = await c.auth.verifyOtp({ phone, token: '000000x', type: 'sms' });
		expect(bad.error).toMatchObject({ code: 'otp_expired' });
		const ok = await c.auth.verifyOtp({ phone, token: otpFor(stack, phone), type: 'sms' });
		expect(ok.error).toBeNull();
		expect(ok.data.user?.phone).toBe(phone);
		// A code works once.
		expect(
			(await c.auth.verifyOtp({ phone, token: otpFor(stack, phone), type: 'sms' })).error
		).not.toBeNull();
	});

	it('adopts anonymous progress into the account with no loss and no duplication', async () => {
		const device = await newDevice();
		const lessonIds = TEST_COURSE.lessons;
		await recordEvent({ type: 'lesson_opened', course_id: course, lesson_id: 'l1', lessonIds }, device.db);
		await recordEvent({ type: 'lesson_completed', course_id: course, lesson_id: 'l1', lessonIds }, device.db);
		const learner = await newLearner(stack);
		const first = await adoptIntoAccount(device.db, learner.id);
		const second = await adoptIntoAccount(device.db, learner.id);
		expect([first.adopted, second.adopted]).toEqual([2, 0]);
		expect((await device.db.progress.toArray()).map((p) => [p.owner, p.completedCount])).toEqual([
			[learner.id, 1]
		]);
		expect(Object.keys((await device.db.progress.get([learner.id, course]))?.lessons ?? {})).toEqual(
			lessonIds
		);
		await engine(device.db, learner.client).syncOnce();
		await engine(device.db, learner.client).syncOnce();
		expect(await serviceSelect(stack, `learner_events?owner=eq.${learner.id}`)).toHaveLength(2);
		const newOne = await recordEvent(
			{ type: 'lesson_opened', course_id: course, lesson_id: 'l2' },
			device.db
		);
		expect(newOne.owner).toBe(learner.id);
	});
});
