import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { createAdminClient } from '$lib/server/supabase-admin';
import { uuidv7 } from '$lib/events/uuidv7';
import * as cohorts from '$lib/server/staff/cohorts';
import { client, newLearner, stacks, TEST_COURSE, type Learner } from './helpers';

const DEVICE = '0192f0c4-6b1e-7a2b-9c3d-4e5f60718293';

/** An event as a device makes it, pushed through the app's sync RPC. */
function ev(owner: string, type: string, payload: Record<string, unknown>, lesson?: string) {
	return {
		id: uuidv7(),
		v: 1,
		owner,
		device_id: DEVICE,
		type,
		...(lesson ? { course_id: TEST_COURSE.id, lesson_id: lesson } : {}),
		payload,
		client_ts: new Date().toISOString()
	};
}

async function push(person: Learner, events: unknown[]) {
	const { data, error } = await person.client.rpc('sync_push', { events });
	if (error) throw new Error(error.message);
	return data as { accepted: string[]; rejected: unknown[] };
}

/**
 * Cohorts on both stacks, as real accounts: a trainer creates a cohort and its sessions,
 * learners join by code, attendance arrives as the trainer's offline events (exactly once,
 * never before a learner joined), self check-in with a rotating code, the roster with its
 * "needs help" flags, and who sees what (every refusal comes from the SQL).
 */
describe.each(stacks())('cohorts on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	const orgId = async (code: string) =>
		(
			(await service.from('organisations').select('id').eq('code', code).single().throwOnError()).data as {
				id: string;
			}
		).id;
	async function staff(code: string, role: string): Promise<Learner> {
		const person = await newLearner(stack);
		await service
			.rpc('grant_org_role_by_email', { email: person.email, org_code: code, role })
			.throwOnError();
		return person;
	}
	async function profile(person: Learner, name: string, shares: boolean) {
		await person.client
			.from('profiles')
			.upsert({ id: person.id, display_name: name, consent_terms: true, consent_progress_sharing: shares })
			.throwOnError();
	}

	it('runs a cohort: create, join by code, attendance once, check-in, roster, leave and remove', async () => {
		const hub = await orgId('COE-LHR-TC1');
		const trainer = await staff('COE-LHR-TC1', 'trainer');
		const other = await staff('COE-KHI-TC1', 'trainer');
		const [ayesha, bilal, third] = [
			await newLearner(stack),
			await newLearner(stack),
			await newLearner(stack)
		];
		await profile(trainer, 'Trainer Sana', false);
		await profile(ayesha, 'Ayesha', true);
		await profile(bilal, 'Bilal', false);

		// Only a trainer or admin of the unit creates; leads must be trainers there.
		const refused = await ayesha.client.rpc('create_cohort', {
			org: hub,
			title: 'X',
			course_ids: [TEST_COURSE.id],
			language: 'ur',
			capacity: 2
		});
		expect(refused.error?.code).toBe('42501');
		const notTrainer = await trainer.client.rpc('create_cohort', {
			org: hub,
			title: 'X',
			course_ids: [TEST_COURSE.id],
			language: 'ur',
			capacity: 2,
			lead_trainer: other.id
		});
		expect(notTrainer.error?.code).toBe('22023');
		const elsewhere = await other.client.rpc('create_cohort', {
			org: hub,
			title: 'X',
			course_ids: [TEST_COURSE.id],
			language: 'ur',
			capacity: 2
		});
		expect(elsewhere.error?.code).toBe('42501');
		const made = await trainer.client.rpc('create_cohort', {
			org: hub,
			title: 'آگاہی بیچ ۱',
			course_ids: [TEST_COURSE.id],
			language: 'ur',
			capacity: 2
		});
		expect(made.error).toBeNull();
		const { id: cohort, join_code: code } = made.data as { id: string; join_code: string };
		expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);

		const now = Date.now();
		const iso = (ms: number) => new Date(now + ms).toISOString();
		const past = await trainer.client.rpc('add_cohort_session', {
			cohort,
			starts_at: iso(-3 * 3600e3),
			ends_at: iso(-2 * 3600e3),
			venue: 'Room 4'
		});
		const current = await trainer.client.rpc('add_cohort_session', {
			cohort,
			starts_at: iso(-10 * 60e3),
			ends_at: iso(3600e3),
			online_url: 'https://meet.example.pk/abc'
		});
		expect(past.error).toBeNull();
		expect(current.error).toBeNull();
		const [pastId, nowId] = [past.data as string, current.data as string];
		expect(
			(
				await other.client.rpc('add_cohort_session', {
					cohort,
					starts_at: iso(0),
					ends_at: iso(3600e3),
					venue: 'x'
				})
			).error?.code
		).toBe('42501');

		// Join: typed the Crockford way (lower case, a dash, O for 0) works; again is idempotent.
		const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4).replace(/0/g, 'O')}`;
		const joined = await ayesha.client.rpc('join_cohort', { code: typed });
		expect(joined.error).toBeNull();
		expect((joined.data as { already: boolean }).already).toBe(false);
		expect(((await ayesha.client.rpc('join_cohort', { code })).data as { already: boolean }).already).toBe(
			true
		);
		expect((await bilal.client.rpc('join_cohort', { code })).error).toBeNull();
		expect((await third.client.rpc('join_cohort', { code })).error?.code).toBe('53400'); // full
		expect((await third.client.rpc('join_cohort', { code: 'ZZZZZZZZ' })).error?.code).toBe('P0002');
		const anon = client(stack);
		await anon.auth.signInAnonymously();
		expect((await anon.rpc('join_cohort', { code })).error?.code).toBe('42501');

		// The trainer's marks, made offline, arrive later: once, and never before joining.
		const marks = [
			ev(trainer.id, 'attendance_marked', { session_id: nowId, learner: ayesha.id, status: 'present' }),
			ev(trainer.id, 'attendance_marked', { session_id: nowId, learner: bilal.id, status: 'absent' }),
			ev(trainer.id, 'attendance_marked', { session_id: pastId, learner: ayesha.id, status: 'present' }),
			ev(trainer.id, 'attendance_marked', { session_id: nowId, learner: third.id, status: 'present' })
		];
		expect((await push(trainer, marks)).accepted).toHaveLength(4);
		expect((await push(trainer, marks)).accepted).toHaveLength(4); // a retry after a lost answer
		const rows = await service.from('cohort_attendance').select('*').in('session_id', [pastId, nowId]);
		expect(rows.data).toHaveLength(2);
		expect(
			Object.fromEntries(
				(rows.data as { learner: string; status: string }[]).map((r) => [r.learner, r.status])
			)
		).toEqual({ [ayesha.id]: 'present', [bilal.id]: 'absent' });
		const why = await trainer.client.from('attendance_refusals').select('reason').order('reason');
		expect((why.data as { reason: string }[]).map((r) => r.reason)).toEqual([
			'before_joined',
			'not_a_member'
		]);
		// Another centre's trainer cannot mark this cohort.
		await push(other, [
			ev(other.id, 'attendance_marked', { session_id: nowId, learner: bilal.id, status: 'present' })
		]);
		expect((await other.client.from('attendance_refusals').select('reason')).data).toEqual([
			{ reason: 'not_your_cohort' }
		]);

		// Self check-in: the code on the trainer's screen, only in the window, never an old one.
		const shown = await trainer.client.rpc('current_check_in_code', { session: nowId });
		expect(shown.error).toBeNull();
		const checkInCode = (shown.data as { code: string }).code;
		expect(checkInCode).toMatch(/^\d{6}$/);
		expect((await other.client.rpc('current_check_in_code', { session: nowId })).error?.code).toBe('42501');
		const wrong = String((Number(checkInCode) + 1) % 1e6).padStart(6, '0');
		expect((await bilal.client.rpc('check_in', { session: nowId, code: wrong })).error?.code).toBe('22023');
		expect((await bilal.client.rpc('check_in', { session: pastId, code: checkInCode })).error?.code).toBe(
			'22023'
		);
		const checked = await bilal.client.rpc('check_in', { session: nowId, code: checkInCode });
		expect(checked.error).toBeNull();
		expect((checked.data as { status: string }).status).toBe('present');
		expect((await third.client.rpc('check_in', { session: nowId, code: checkInCode })).error?.code).toBe(
			'42501'
		);

		// Learners study; Ayesha fails the same quiz twice.
		await push(ayesha, [
			ev(ayesha.id, 'lesson_completed', {}, 'l1'),
			ev(ayesha.id, 'quiz_completed', { score: 20, total: 5 }, 'l2'),
			ev(ayesha.id, 'quiz_completed', { score: 40, total: 5 }, 'l2')
		]);
		await push(bilal, [ev(bilal.id, 'lesson_completed', {}, 'l1')]);

		const roster = await trainer.client.rpc('cohort_roster', { cohort });
		expect(roster.error).toBeNull();
		type Row = {
			user_id: string;
			display_name: string;
			shares_progress: boolean;
			progress: Record<string, { completed: number }> | null;
			failed_quizzes: string[];
			needs_help: string[];
			sessions_held: number;
			sessions_attended: number;
			last_synced_at: string | null;
		};
		const list = roster.data as Row[];
		expect(list.map((r) => r.display_name)).toEqual(['Ayesha', 'Bilal']); // whoever needs help first
		const [a, b] = list as [Row, Row];
		expect(a.needs_help).toEqual(['failed_quiz_twice']);
		expect(a.failed_quizzes).toEqual([`${TEST_COURSE.id}/l2`]);
		expect(a.progress?.[TEST_COURSE.id]?.completed).toBe(1);
		expect(a.last_synced_at).not.toBeNull();
		// The past session ended before Ayesha joined: it is not held against her.
		expect([a.sessions_held, a.sessions_attended]).toEqual([1, 1]);
		// Bilal does not share progress: name and attendance only.
		expect([b.shares_progress, b.progress, b.last_synced_at, b.needs_help]).toEqual([false, null, null, []]);
		expect([b.sessions_held, b.sessions_attended]).toEqual([1, 1]);
		expect((await other.client.rpc('cohort_roster', { cohort })).error?.code).toBe('42501');
		expect((await ayesha.client.rpc('cohort_roster', { cohort })).error?.code).toBe('42501');

		// RLS: the trainer reads the consenting member's progress only; nobody else reads any.
		const progress = async (c: SupabaseClient, owner: string) =>
			((await c.from('course_progress').select('owner').eq('owner', owner)).data ?? []).length;
		expect(await progress(trainer.client, ayesha.id)).toBe(1);
		expect(await progress(trainer.client, bilal.id)).toBe(0);
		expect(await progress(other.client, ayesha.id)).toBe(0);
		expect(await progress(bilal.client, ayesha.id)).toBe(0);
		expect((await bilal.client.from('cohort_members').select('user_id')).data).toEqual([
			{ user_id: bilal.id }
		]);
		expect((await bilal.client.from('cohort_attendance').select('learner')).data).toEqual([
			{ learner: bilal.id }
		]);
		expect((await other.client.from('cohorts').select('id').eq('id', cohort)).data).toEqual([]);
		expect(
			(await other.client.from('cohort_members').select('user_id').eq('cohort_id', cohort)).data
		).toEqual([]);
		expect(
			(await other.client.from('cohort_attendance').select('learner').eq('session_id', nowId)).data
		).toEqual([]);
		expect(
			((await trainer.client.from('cohort_members').select('user_id').eq('cohort_id', cohort)).data ?? [])
				.length
		).toBe(2);
		// Turning consent off takes effect on the next request.
		await profile(ayesha, 'Ayesha', false);
		expect(await progress(trainer.client, ayesha.id)).toBe(0);
		await profile(ayesha, 'Ayesha', true);

		// My cohorts; leave; a removed learner cannot rejoin by code.
		const mine = await ayesha.client.rpc('my_cohorts');
		expect((mine.data as { id: string }[]).map((k) => k.id)).toEqual([cohort]);
		expect((await ayesha.client.rpc('leave_cohort', { cohort })).error).toBeNull();
		expect(await progress(trainer.client, ayesha.id)).toBe(0);
		expect((await ayesha.client.rpc('my_cohorts')).data).toEqual([]);
		expect((await other.client.rpc('remove_cohort_member', { cohort, person: bilal.id })).error?.code).toBe(
			'42501'
		);
		expect((await trainer.client.rpc('remove_cohort_member', { cohort, person: bilal.id })).error).toBeNull();
		expect((await bilal.client.rpc('join_cohort', { code })).error?.code).toBe('42501');
		expect((await third.client.rpc('join_cohort', { code })).error).toBeNull(); // seats freed

		const log = await service
			.from('audit_log')
			.select('action')
			.eq('org_id', hub)
			.in('action', [
				'cohort.created',
				'cohort.joined',
				'cohort.left',
				'cohort.member_removed',
				'cohort.session_added'
			]);
		expect(new Set((log.data as { action: string }[]).map((r) => r.action)).size).toBe(5);
	});

	it("the cohorts tool's server code names each refusal the page translates", async () => {
		const hub = await orgId('COE-KHI-TC1');
		const trainer = await staff('COE-KHI-TC1', 'trainer');
		const [learner, late] = [await newLearner(stack), await newLearner(stack)];
		expect(
			await cohorts.createCohort(trainer.client, { org: hub, title: ' ', language: 'ur', capacity: 5 })
		).toEqual({ ok: false, error: 'invalid' });
		expect(
			await cohorts.createCohort(learner.client, {
				org: hub,
				title: 'T',
				language: 'ur',
				capacity: 1,
				course_ids: []
			})
		).toEqual({ ok: false, error: 'forbidden' });
		const made = await cohorts.createCohort(trainer.client, {
			org: hub,
			title: 'Batch',
			language: 'sd',
			capacity: 1,
			course_ids: [TEST_COURSE.id]
		});
		if (!made.ok) throw new Error(made.error);
		const listed = await cohorts.listCohorts(trainer.client, hub);
		expect(listed.ok && listed.value.map((c) => c.id)).toEqual([made.value.id]);
		expect(await cohorts.listCohorts(learner.client, hub)).toEqual({ ok: true, value: [] });
		const start = new Date(Date.now() - 60_000).toISOString();
		const end = new Date(Date.now() + 3600_000).toISOString();
		const session = await cohorts.addSession(trainer.client, {
			cohort: made.value.id,
			starts_at: start,
			ends_at: end,
			venue: 'Hall B'
		});
		if (!session.ok) throw new Error(session.error);
		expect(
			await cohorts.addSession(trainer.client, { cohort: made.value.id, starts_at: start, ends_at: end })
		).toEqual({ ok: false, error: 'invalid' });

		expect(await cohorts.previewCohort(learner.client, 'nope')).toEqual({ ok: false, error: 'invalid' });
		expect(await cohorts.previewCohort(learner.client, 'ZZZZ-ZZZZ')).toEqual({
			ok: false,
			error: 'not_found'
		});
		const seen = await cohorts.previewCohort(learner.client, made.value.join_code.toLowerCase());
		expect(seen).toMatchObject({ ok: true, value: { title: 'Batch' } });
		expect(await cohorts.joinCohort(learner.client, made.value.join_code)).toMatchObject({ ok: true });
		expect(await cohorts.joinCohort(late.client, made.value.join_code)).toEqual({
			ok: false,
			error: 'cohort_full'
		});
		const mine = await cohorts.myCohorts(learner.client);
		expect(mine.ok && mine.value[0]?.next_session?.venue).toBe('Hall B');

		const shown = await cohorts.checkInCode(trainer.client, session.value.id);
		if (!shown.ok) throw new Error(shown.error);
		const wrong = String((Number(shown.value.code) + 500_000) % 1e6).padStart(6, '0');
		expect(await cohorts.checkIn(learner.client, { session: session.value.id, code: wrong })).toEqual({
			ok: false,
			error: 'code_expired'
		});
		expect(
			await cohorts.checkIn(learner.client, { session: session.value.id, code: shown.value.code })
		).toEqual({ ok: true, value: { session: session.value.id, status: 'present' } });
		const rows = await cohorts.roster(trainer.client, made.value.id);
		expect(rows.ok && rows.value.map((r) => [r.user_id, r.sessions_attended, r.sessions_held])).toEqual([
			[learner.id, 1, 1]
		]);
		expect(await cohorts.roster(late.client, made.value.id)).toEqual({ ok: false, error: 'forbidden' });
		expect(await cohorts.removeMember(trainer.client, { cohort: made.value.id, person: learner.id })).toEqual(
			{ ok: true, value: { removed: learner.id } }
		);
		expect(await cohorts.joinCohort(learner.client, made.value.join_code)).toEqual({
			ok: false,
			error: 'removed'
		});
	});
});
