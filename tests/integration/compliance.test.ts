import type { SupabaseClient } from '@supabase/supabase-js';
import { drainOutbox, printingProvider } from '../../scripts/reminders/outbox.js';
import { keyAsSeededForTests } from '../../scripts/assessment-seed.js';
import { describe, expect, it } from 'vitest';
import { createAdminClient } from '$lib/server/supabase-admin';
import { uuidv7 } from '$lib/events/uuidv7';
import { csvStream, exportRows } from '$lib/server/staff/compliance';
import { client, newLearner, otpFor, stacks, TEST_COURSE, type Learner } from './helpers';

/**
 * Mandatory training and compliance (supabase/migrations/2026120240*): HR files, assignments,
 * statuses, roll-ups, scopes, claiming, the clock, exemptions, recertification and reminders,
 * each asked of the database as the person concerned (their own JWT).
 */
const FINAL = 'ai-public-servants';
// The key the test stack seeded (the real one is sealed): scripts/assessment-seed.js.
const key: Record<string, unknown[]> = keyAsSeededForTests('courses/ai-public-servants');

let n = 0;
const tag = () => `${Date.now().toString(36).toUpperCase()}${(n++).toString(36).toUpperCase()}`;
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

describe.each(stacks())('compliance on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);

	async function orgId(code: string): Promise<string> {
		const { data, error } = await service.from('organisations').select('id').eq('code', code).single();
		if (error) throw new Error(`${code}: ${error.message}`);
		return (data as { id: string }).id;
	}

	async function staff(code: string, role: string): Promise<Learner> {
		const person = await newLearner(stack);
		const { error } = await service.rpc('grant_org_role_by_email', {
			email: person.email,
			org_code: code,
			role
		});
		if (error) throw new Error(error.message);
		return person;
	}

	/** A wing of our own under the Establishment Division, with two sections, so counts are ours alone. */
	async function freshWing() {
		const coe = await staff('PK', 'coe_admin');
		const code = `W${tag()}`;
		const make = async (parent: string, c: string, kind: string) => {
			const { data, error } = await coe.client.rpc('create_organisation', {
				parent,
				kind,
				code: c,
				names: { en: `Unit ${c}`, ur: `یونٹ ${c}` }
			});
			if (error) throw new Error(error.message);
			return data as string;
		};
		const wing = await make(await orgId('FED-ESTAB'), code, 'wing');
		const s1 = await make(wing, `${code}-S1`, 'section');
		const s2 = await make(wing, `${code}-S2`, 'section');
		const admin = await staff(code, 'org_admin');
		return { code, wing, s1, s2, admin };
	}

	const row = (line: number, r: Record<string, string>) => ({ line, ...r });

	async function rpc<T>(who: SupabaseClient, fn: string, args: Record<string, unknown>): Promise<T> {
		const { data, error } = await who.rpc(fn, args);
		if (error) throw new Error(`${fn}: ${error.message}`);
		return data as T;
	}

	it('a dry run names every problem by line; applying is all-or-nothing and idempotent', async () => {
		const w = await freshWing();
		const assignment = await rpc<string>(w.admin.client, 'create_compliance_assignment', {
			org: w.wing,
			code: 'AI-2026',
			title: { en: 'AI for Public Servants', ur: 'سرکاری ملازمین کے لیے اے آئی' },
			course_ids: [TEST_COURSE.id],
			due_date: inDays(60)
		});
		expect(assignment).toMatch(/^[0-9a-f-]{36}$/);
		const good = [
			row(2, {
				employee_id: `E${w.code}1`,
				full_name: 'Ayesha Khan',
				email: `ayesha.${w.code}@example.test`.toLowerCase(),
				mobile: '0300-1234567',
				org_unit_code: `${w.code}-S1`,
				bps: '18',
				designation: 'Section Officer',
				program_code: 'AI-2026',
				due_date: inDays(30),
				supervisor_employee_id: `E${w.code}2`
			}),
			row(3, {
				employee_id: `E${w.code}2`,
				full_name: 'Bilal Ahmed',
				email: '',
				mobile: '+92 321 7654321',
				org_unit_code: `${w.code}-S1`,
				bps: '19',
				designation: 'Deputy Secretary',
				program_code: '',
				due_date: '',
				supervisor_employee_id: ''
			})
		];
		const bad = [
			row(4, {
				employee_id: `E${w.code}1`,
				full_name: 'Duplicate',
				email: '',
				mobile: '',
				org_unit_code: `${w.code}-S2`,
				bps: '',
				designation: '',
				program_code: '',
				due_date: '',
				supervisor_employee_id: ''
			}),
			row(5, {
				employee_id: `E${w.code}5`,
				full_name: 'Unknown Unit',
				email: '',
				mobile: '12345',
				org_unit_code: 'NOPE-UNIT',
				bps: '17',
				designation: '',
				program_code: '',
				due_date: '',
				supervisor_employee_id: ''
			}),
			row(6, {
				employee_id: `E${w.code}6`,
				full_name: 'Late',
				email: '',
				mobile: '',
				org_unit_code: 'FED-ITD',
				bps: '25',
				designation: '',
				program_code: 'AI-2026',
				due_date: '2020-01-01',
				supervisor_employee_id: ''
			})
		];
		const check = await rpc<{ problems: { line: number; code: string }[]; created: number }>(
			w.admin.client,
			'check_employee_file',
			{ employer: w.wing, rows: [...good, ...bad] }
		);
		expect(check.problems.map((p) => `${p.line}:${p.code}`).sort()).toEqual(
			[
				'4:duplicate_employee_id',
				'5:bad_mobile',
				'5:unknown_unit',
				'6:bad_bps',
				'6:due_in_past',
				'6:unit_outside',
				'6:unknown_programme'
			].sort()
		);
		// Nothing is written by a refused apply, not even the good rows.
		const refused = await w.admin.client.rpc('apply_employee_file', {
			employer: w.wing,
			rows: [...good, ...bad]
		});
		expect(refused.error?.message).toMatch(/problems/);
		expect((await w.admin.client.from('employees').select('id').eq('employer_id', w.wing)).data).toEqual([]);

		const applied = await rpc<Record<string, number>>(w.admin.client, 'apply_employee_file', {
			employer: w.wing,
			rows: good
		});
		expect(applied).toMatchObject({ rows: 2, created: 2, updated: 0, unchanged: 0, assigned: 1 });
		const again = await rpc<Record<string, number>>(w.admin.client, 'apply_employee_file', {
			employer: w.wing,
			rows: good
		});
		expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, assigned: 0 });
		const audits = await w.admin.client
			.from('audit_log')
			.select('action')
			.eq('org_id', w.wing)
			.eq('action', 'employees.imported');
		expect(audits.data).toHaveLength(1); // the no-op re-upload wrote nothing, not even a log line

		const people = await w.admin.client
			.from('employees')
			.select('employee_id, mobile, bps')
			.eq('employer_id', w.wing)
			.order('employee_id');
		expect(people.data).toEqual([
			{ employee_id: `E${w.code}1`, mobile: '923001234567', bps: 18 },
			{ employee_id: `E${w.code}2`, mobile: '923217654321', bps: 19 }
		]);
		// The file's due date wins for the person it names; the unit rule's for the other.
		const st = await w.admin.client
			.from('compliance_status')
			.select('employee, due_date, source, status')
			.eq('assignment_id', assignment);
		expect((st.data ?? []).map((s) => s.due_date).sort()).toEqual([inDays(30), inDays(60)].sort());

		// Another division's admin cannot read or write these records.
		const sibling = await staff('FED-ITD', 'org_admin');
		expect((await sibling.client.from('employees').select('id').eq('employer_id', w.wing)).data).toEqual([]);
		expect(
			(await sibling.client.rpc('apply_employee_file', { employer: w.wing, rows: good })).error?.code
		).toBe('42501');
	});

	it('exports every row of a view larger than PostgREST’s 1,000-row cap, each person once', async () => {
		// An earlier exporter stopped at exactly 1,000 rows (max_rows cut a 5,000-row page and
		// the short page read as the last one): a report silently missing people.
		const w = await freshWing();
		const people = 1234;
		const rows = Array.from({ length: people }, (_, i) =>
			row(i + 2, {
				employee_id: `E${String(i).padStart(5, '0')}`,
				full_name: `Officer ${i}`,
				email: '',
				mobile: '',
				org_unit_code: `${w.code}-S${(i % 2) + 1}`,
				bps: String(14 + (i % 8)),
				designation: 'Assistant',
				program_code: '',
				due_date: '',
				supervisor_employee_id: ''
			})
		);
		await rpc(w.admin.client, 'apply_employee_file', { employer: w.wing, rows });
		await rpc<string>(w.admin.client, 'create_compliance_assignment', {
			org: w.wing,
			code: 'AI-ALL',
			title: { en: 'AI for everyone', ur: 'سب کے لیے اے آئی' },
			course_ids: [TEST_COURSE.id],
			due_date: inDays(30),
			bps_min: null,
			bps_max: null
		});
		const query = {
			unit: w.wing,
			assignment: null,
			statuses: null,
			bps_min: null,
			bps_max: null,
			due_from: null,
			due_to: null
		};
		const ids: string[] = [];
		for await (const r of exportRows(w.admin.client, query, 500)) ids.push(r.employee_id);
		expect(ids).toHaveLength(people);
		expect(new Set(ids).size).toBe(people);
		// The export is the CSV a ministry downloads: header plus one line per person.
		let text = '';
		const reader = csvStream(exportRows(w.admin.client, query, 5000)).getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			text += new TextDecoder().decode(value);
		}
		expect(text.trim().split(/\r?\n/)).toHaveLength(people + 1);
	});

	it('rolls up the tree, scopes every reader, and a claimed person’s learning completes them', async () => {
		const w = await freshWing();
		const email = `officer.${w.code}@example.test`.toLowerCase();
		const rows = [
			row(2, {
				employee_id: 'B1',
				full_name: 'Boss One',
				email: `boss.${w.code}@example.test`.toLowerCase(),
				mobile: '',
				org_unit_code: `${w.code}-S1`,
				bps: '20',
				designation: 'Joint Secretary',
				program_code: '',
				due_date: '',
				supervisor_employee_id: ''
			}),
			row(3, {
				employee_id: 'O1',
				full_name: 'Officer One',
				email,
				mobile: '',
				org_unit_code: `${w.code}-S1`,
				bps: '17',
				designation: 'Assistant',
				program_code: '',
				due_date: '',
				supervisor_employee_id: 'B1'
			}),
			row(4, {
				employee_id: 'O2',
				full_name: 'Officer Two',
				email: '',
				mobile: '',
				org_unit_code: `${w.code}-S2`,
				bps: '16',
				designation: 'Assistant',
				program_code: '',
				due_date: '',
				supervisor_employee_id: ''
			}),
			row(5, {
				employee_id: 'O3',
				full_name: 'Officer Three',
				email: '',
				mobile: '',
				org_unit_code: `${w.code}-S2`,
				bps: '18',
				designation: 'Section Officer',
				program_code: '',
				due_date: '',
				supervisor_employee_id: 'B9'
			})
		];
		await rpc(w.admin.client, 'apply_employee_file', { employer: w.wing, rows });
		// BPS 17–22 of the wing: preview before saving, then save.
		expect(
			await rpc<number>(w.admin.client, 'preview_compliance_rule', { org: w.wing, bps_min: 17, bps_max: 22 })
		).toBe(3);
		const assignment = await rpc<string>(w.admin.client, 'create_compliance_assignment', {
			org: w.wing,
			code: 'AI-BPS17',
			title: { en: 'AI for officers', ur: 'افسران کے لیے اے آئی' },
			course_ids: [TEST_COURSE.id],
			due_date: inDays(45),
			bps_min: 17,
			bps_max: 22
		});

		type Rollup = { code: string; depth: number; not_started: number; completed: number };
		const rollup = (who: SupabaseClient, unit: string) =>
			who.rpc('compliance_rollup', { unit, assignment }) as unknown as Promise<{
				data: Rollup[] | null;
				error: { code: string } | null;
			}>;
		const mine = await rollup(w.admin.client, w.wing);
		expect(mine.data?.map((r) => [r.code, r.depth, r.not_started])).toEqual([
			[w.code, 0, 3],
			[`${w.code}-S1`, 1, 2],
			[`${w.code}-S2`, 1, 1]
		]);
		// A parent (the Establishment Division) sees the roll-up; a sibling division sees nothing.
		const parent = await staff('FED-ESTAB', 'auditor');
		expect((await rollup(parent.client, w.wing)).data?.[0]?.not_started).toBe(3);
		const estab = await rollup(parent.client, await orgId('FED-ESTAB'));
		expect(estab.data?.find((r) => r.code === w.code)?.not_started).toBe(3);
		const sibling = await staff('FED-ITD', 'org_admin');
		expect((await rollup(sibling.client, w.wing)).error?.code).toBe('42501');
		expect(
			(await sibling.client.from('compliance_status').select('employee').eq('assignment_id', assignment)).data
		).toEqual([]);
		const learner = await newLearner(stack);
		expect((await rollup(learner.client, w.wing)).error?.code).toBe('42501');

		// The officer signs in with the email HR has on file (one-time code) and is matched.
		const officer = client(stack);
		expect((await officer.auth.signInWithOtp({ email })).error).toBeNull();
		const signedIn = await officer.auth.verifyOtp({ email, token: otpFor(stack, email), type: 'email' });
		expect(signedIn.error).toBeNull();
		// A code session alone is not the proof: the app records the proven address first.
		expect(await rpc<number>(officer, 'claim_employee_records', {})).toBe(0);
		await rpc(officer, 'record_verified_contact', { kind: 'email' });
		expect(await rpc<number>(officer, 'claim_employee_records', {})).toBe(1);
		expect(await rpc<number>(officer, 'claim_employee_records', {})).toBe(0);
		// A password sign-up with someone else's address proves nothing and claims nothing, and
		// may not record the address as proven either (no one-time code in its session).
		const squatter = client(stack);
		await squatter.auth.signUp({
			email: `boss.${w.code}@example.test`.toLowerCase(),
			password: 'correct horse battery'
		});
		expect((await squatter.rpc('record_verified_contact', { kind: 'email' })).error?.hint).toBe(
			'otp_required'
		);
		expect(await rpc<number>(squatter, 'claim_employee_records', {})).toBe(0);

		const mineNow = await rpc<{ status: string; title: { ur: string } }[]>(
			officer,
			'my_mandatory_training',
			{}
		);
		expect(mineNow).toMatchObject([{ status: 'not_started', title: { ur: 'افسران کے لیے اے آئی' } }]);

		const officerId = signedIn.data.user!.id;
		const events = TEST_COURSE.lessons.map((lesson) => ({
			id: uuidv7(),
			v: 1,
			owner: officerId,
			device_id: '0192f0c4-6b1e-7a2b-9c3d-4e5f60718293',
			type: 'lesson_completed',
			course_id: TEST_COURSE.id,
			lesson_id: lesson,
			payload: {},
			client_ts: new Date().toISOString()
		}));
		await rpc(officer, 'sync_push', { events: events.slice(0, 2) });
		expect((await rpc<{ status: string }[]>(officer, 'my_mandatory_training', {}))[0]?.status).toBe(
			'in_progress'
		);
		await rpc(officer, 'sync_push', { events: events.slice(2) });
		expect((await rpc<{ status: string }[]>(officer, 'my_mandatory_training', {}))[0]?.status).toBe(
			'completed'
		);
		const after = await rollup(w.admin.client, w.wing);
		expect(after.data?.[0]).toMatchObject({ not_started: 2, completed: 1 });

		// The supervisor (B1) sees their direct report, and only them.
		const boss = client(stack);
		const bossEmail = `boss.${w.code}@example.test`.toLowerCase();
		await boss.auth.signInWithOtp({ email: bossEmail });
		expect(
			(await boss.auth.verifyOtp({ email: bossEmail, token: otpFor(stack, bossEmail), type: 'email' })).error
		).toBeNull();
		await rpc(boss, 'record_verified_contact', { kind: 'email' });
		expect(await rpc<number>(boss, 'claim_employee_records', {})).toBe(1);
		const team = await rpc<{ employee_id: string; status: string }[]>(boss, 'my_team_compliance', {});
		expect(team).toEqual([expect.objectContaining({ employee_id: 'O1', status: 'completed' })]);
		const visible = await boss
			.from('employees')
			.select('employee_id')
			.eq('employer_id', w.wing)
			.order('employee_id');
		expect(visible.data?.map((r) => r.employee_id)).toEqual(['B1', 'O1']);

		// The people behind the numbers page through the subtree.
		const people = await rpc<{ employee_id: string }[]>(w.admin.client, 'compliance_people', {
			unit: w.wing,
			assignment,
			statuses: ['not_started'],
			page_size: 1
		});
		expect(people).toHaveLength(1);
	});

	it('a passed final assessment is what completes a course that has one', async () => {
		const w = await freshWing();
		const mobile = `0300${Math.floor(1000000 + Math.random() * 8999999)}`;
		await rpc(w.admin.client, 'apply_employee_file', {
			employer: w.wing,
			rows: [
				row(2, {
					employee_id: 'F1',
					full_name: 'Final Taker',
					email: '',
					mobile,
					org_unit_code: w.code,
					bps: '17',
					designation: '',
					program_code: '',
					due_date: '',
					supervisor_employee_id: ''
				})
			]
		});
		await rpc(w.admin.client, 'create_compliance_assignment', {
			org: w.wing,
			code: 'AIPS',
			title: { en: 'AI for Public Servants' },
			course_ids: [FINAL],
			due_date: inDays(30)
		});
		const phone = `92${mobile.slice(1)}`;
		const person = client(stack);
		await person.auth.signInWithOtp({ phone });
		const session = await person.auth.verifyOtp({ phone, token: otpFor(stack, phone), type: 'sms' });
		expect(session.error).toBeNull();
		// What the app does after an SMS sign-in: the proven phone counts for finals (issue 10)
		// and is what the HR record is matched on.
		await rpc(person, 'record_verified_contact', { kind: 'phone' });
		expect(await rpc<number>(person, 'claim_employee_records', {})).toBe(1);
		const { tickets } = await rpc<{ tickets: { ticket_id: string; sig: string; questions: string[] }[] }>(
			person,
			'assessment_tickets',
			{ course: FINAL }
		);
		const t = tickets[0]!;
		await rpc(person, 'sync_push', {
			events: [
				{
					id: uuidv7(),
					v: 1,
					owner: session.data.user!.id,
					device_id: '0192f0c4-6b1e-7a2b-9c3d-4e5f60718293',
					type: 'assessment_submitted',
					course_id: FINAL,
					payload: {
						ticket_id: t.ticket_id,
						sig: t.sig,
						answers: Object.fromEntries(t.questions.map((q) => [q, key[q]!.map(String)]))
					},
					client_ts: new Date().toISOString()
				}
			]
		});
		expect((await rpc<{ status: string }[]>(person, 'my_mandatory_training', {}))[0]?.status).toBe(
			'completed'
		);
	});

	it('recertifies: due again inside the window, a new pass renews (new valid-until), history kept', async () => {
		const w = await freshWing();
		const mobile = `0301${Math.floor(1000000 + Math.random() * 8999999)}`;
		await rpc(w.admin.client, 'apply_employee_file', {
			employer: w.wing,
			rows: [
				row(2, {
					employee_id: 'R1',
					full_name: 'Renewing Officer',
					email: '',
					mobile,
					org_unit_code: w.code,
					bps: '17',
					designation: '',
					program_code: '',
					due_date: '',
					supervisor_employee_id: ''
				})
			]
		});
		const assignment = await rpc<string>(w.admin.client, 'create_compliance_assignment', {
			org: w.wing,
			code: 'AIRC',
			title: { en: 'AI for Public Servants, every 12 months' },
			course_ids: [FINAL],
			due_date: inDays(30),
			recert_months: 12,
			recert_window_days: 60
		});
		const phone = `92${mobile.slice(1)}`;
		const person = client(stack);
		await person.auth.signInWithOtp({ phone });
		const session = await person.auth.verifyOtp({ phone, token: otpFor(stack, phone), type: 'sms' });
		await rpc(person, 'record_verified_contact', { kind: 'phone' });
		expect(await rpc<number>(person, 'claim_employee_records', {})).toBe(1);
		const owner = session.data.user!.id;
		type Tickets = { passed: boolean; tickets: { ticket_id: string; sig: string; questions: string[] }[] };
		const pass = async () => {
			const got = await rpc<Tickets>(person, 'assessment_tickets', { course: FINAL });
			const t = got.tickets[0]!;
			await rpc(person, 'sync_push', {
				events: [
					{
						id: uuidv7(),
						v: 1,
						owner,
						device_id: '0192f0c4-6b1e-7a2b-9c3d-4e5f60718293',
						type: 'assessment_submitted',
						course_id: FINAL,
						payload: {
							ticket_id: t.ticket_id,
							sig: t.sig,
							answers: Object.fromEntries(t.questions.map((q) => [q, key[q]!.map(String)]))
						},
						client_ts: new Date().toISOString()
					}
				]
			});
		};
		type Mine = { assignment_id: string; status: string; valid_until: string; completed_at: string };
		const mine = async () =>
			(await rpc<Mine[]>(person, 'my_mandatory_training', {})).find((m) => m.assignment_id === assignment)!;
		const rollup = async () =>
			(
				await rpc<Record<string, number>[]>(w.admin.client, 'compliance_rollup', { unit: w.wing, assignment })
			)[0]!;

		await pass();
		const first = await mine();
		expect(first.status).toBe('completed');
		// Assigned after the pass: the match itself judges what was already done (set-based, in
		// the INSERT that adds the person), with the same completion and valid-until.
		const later = await rpc<string>(w.admin.client, 'create_compliance_assignment', {
			org: w.wing,
			code: 'AIRC-AGAIN',
			title: { en: 'AI for Public Servants, assigned after the pass' },
			course_ids: [FINAL],
			due_date: inDays(30),
			recert_months: 12,
			recert_window_days: 60
		});
		const already = (await rpc<Mine[]>(person, 'my_mandatory_training', {})).find(
			(m) => m.assignment_id === later
		)!;
		expect(already).toMatchObject({
			status: 'completed',
			completed_at: first.completed_at,
			valid_until: first.valid_until
		});
		// Passed and not due again: no new tickets.
		expect((await rpc<Tickets>(person, 'assessment_tickets', { course: FINAL })).passed).toBe(true);

		try {
			// 11 months on (inside the 60-day window before expiry): due again, still valid.
			await rpc(service, 'compliance_set_clock', { offset_days: 335 });
			await rpc(service, 'compliance_tick', {});
			expect((await mine()).status).toBe('recert_due');
			expect(await rollup()).toMatchObject({ recert_due: 1, completed: 0, expired: 0 });
			// Reminded before expiry, once however often the tick runs.
			const notices = async () =>
				(await person.from('compliance_notices').select('kind, due_date').eq('assignment_id', assignment))
					.data ?? [];
			expect(await notices()).toEqual([{ kind: 'expiring', due_date: first.valid_until }]);
			await rpc(service, 'compliance_tick', {});
			expect(await notices()).toHaveLength(1);
			// The learner may take the final again, and a new pass renews.
			const again = await rpc<Tickets>(person, 'assessment_tickets', { course: FINAL });
			expect(again.passed).toBe(false);
			expect(again.tickets.length).toBeGreaterThan(0);
			await pass();
			const renewed = await mine();
			expect(renewed.status).toBe('completed');
			expect(renewed.valid_until > first.valid_until).toBe(true);
			expect(new Date(renewed.completed_at).getTime()).toBeGreaterThan(
				new Date(first.completed_at).getTime()
			);
			expect(await rollup()).toMatchObject({ recert_due: 0, completed: 1 });
			// Both completions are kept.
			const history = await w.admin.client
				.from('compliance_completions')
				.select('completed_at, valid_until')
				.eq('assignment_id', assignment)
				.order('completed_at');
			expect(history.data?.map((h) => h.valid_until)).toEqual([first.valid_until, renewed.valid_until]);
			// A sibling division sees none of it.
			const sibling = await staff('FED-ITD', 'org_admin');
			expect(
				(
					await sibling.client
						.from('compliance_completions')
						.select('employee')
						.eq('assignment_id', assignment)
				).data
			).toEqual([]);
			// A period and more after the renewal (leap years included), it has expired in turn.
			await rpc(service, 'compliance_set_clock', { offset_days: 335 + 400 });
			await rpc(service, 'compliance_tick', {});
			expect((await mine()).status).toBe('expired');
		} finally {
			await rpc(service, 'compliance_set_clock', { offset_days: 0 });
			await rpc(service, 'compliance_tick', {});
		}
	});

	it('moves with the clock: overdue, exemption (audited), recertification that expires, reminders once', async () => {
		const w = await freshWing();
		const rows = ['X1', 'X2', 'X3'].map((id, i) =>
			row(i + 2, {
				employee_id: id,
				full_name: `Person ${id}`,
				email: `${id}.${w.code}@example.test`.toLowerCase(),
				mobile: '',
				org_unit_code: w.code,
				bps: '17',
				designation: '',
				program_code: '',
				due_date: '',
				supervisor_employee_id: id === 'X1' ? 'X3' : ''
			})
		);
		await rpc(w.admin.client, 'apply_employee_file', { employer: w.wing, rows });
		const assignment = await rpc<string>(w.admin.client, 'create_compliance_assignment', {
			org: w.wing,
			code: 'RECERT',
			title: { en: 'Yearly AI refresher' },
			course_ids: [TEST_COURSE.id],
			due_date: inDays(10),
			recert_months: 12,
			recert_window_days: 30
		});
		const ids = Object.fromEntries(
			(
				(await w.admin.client.from('employees').select('id, employee_id').eq('employer_id', w.wing)).data ??
				[]
			).map((r) => [r.employee_id, r.id])
		) as Record<string, string>;

		// X2 completes now (claims, finishes every lesson).
		const email = `x2.${w.code}@example.test`.toLowerCase();
		const x2 = client(stack);
		await x2.auth.signInWithOtp({ email });
		const s = await x2.auth.verifyOtp({ email, token: otpFor(stack, email), type: 'email' });
		await rpc(x2, 'record_verified_contact', { kind: 'email' });
		await rpc(x2, 'claim_employee_records', {});
		await rpc(x2, 'sync_push', {
			events: TEST_COURSE.lessons.map((lesson) => ({
				id: uuidv7(),
				v: 1,
				owner: s.data.user!.id,
				device_id: '0192f0c4-6b1e-7a2b-9c3d-4e5f60718293',
				type: 'lesson_completed',
				course_id: TEST_COURSE.id,
				lesson_id: lesson,
				payload: {},
				client_ts: new Date().toISOString()
			}))
		});

		// An exemption needs a reason and is audited.
		const noReason = await w.admin.client.rpc('set_compliance_exemption', {
			assignment,
			person: ids.X3,
			reason: ' '
		});
		expect(noReason.error).toBeNull(); // blank = lift (nothing to lift), not an exemption
		expect(
			(await w.admin.client.rpc('set_compliance_exemption', { assignment, person: ids.X3, reason: 'x' }))
				.error?.message
		).toMatch(/reason/);
		expect(
			await rpc(w.admin.client, 'set_compliance_exemption', {
				assignment,
				person: ids.X3,
				reason: 'On medical leave until March'
			})
		).toBe('exempted');
		const log = await w.admin.client
			.from('audit_log')
			.select('action, after')
			.eq('org_id', w.wing)
			.eq('action', 'exemption.granted');
		expect(log.data?.[0]?.after).toMatchObject({ reason: 'On medical leave until March' });

		const statusOf = async (id: string) =>
			(
				(
					await w.admin.client
						.from('compliance_status')
						.select('status')
						.eq('assignment_id', assignment)
						.eq('employee', id)
						.single()
				).data as { status: string }
			).status;

		try {
			// 9 days on: the 1-day reminder is due for X1; ticking twice queues it once.
			await rpc(service, 'compliance_set_clock', { offset_days: 9 });
			const first = await rpc<{ queued: number }>(service, 'compliance_tick', {});
			const second = await rpc<{ queued: number }>(service, 'compliance_tick', {});
			expect(first.queued).toBeGreaterThanOrEqual(1);
			expect(second.queued).toBe(0);

			// 11 days on: X1 is overdue, with a copy to their supervisor X3.
			await rpc(service, 'compliance_set_clock', { offset_days: 11 });
			await rpc(service, 'compliance_tick', {});
			expect(await statusOf(ids.X1!)).toBe('overdue');
			expect(await statusOf(ids.X2!)).toBe('completed');
			expect(await statusOf(ids.X3!)).toBe('exempted');
			const rollup = await rpc<{ overdue: number; completed: number; exempted: number }[]>(
				w.admin.client,
				'compliance_rollup',
				{ unit: w.wing, assignment }
			);
			expect(rollup[0]).toMatchObject({ overdue: 1, completed: 1, exempted: 1 });

			// 12 months and a day after X2 completed, the certification has expired.
			await rpc(service, 'compliance_set_clock', { offset_days: 367 });
			await rpc(service, 'compliance_tick', {});
			expect(await statusOf(ids.X2!)).toBe('expired');
			// This course has no final assessment: renewing means doing every lesson again. One
			// lesson again is not a renewal; the rest as well is, with a new valid-until.
			const validBefore = (
				await w.admin.client
					.from('compliance_status')
					.select('valid_until')
					.eq('assignment_id', assignment)
					.eq('employee', ids.X2!)
					.single()
			).data?.valid_until as string;
			const redo = (lessons: readonly string[]) =>
				rpc(x2, 'sync_push', {
					events: lessons.map((lesson) => ({
						id: uuidv7(),
						v: 1,
						owner: s.data.user!.id,
						device_id: '0192f0c4-6b1e-7a2b-9c3d-4e5f60718293',
						type: 'lesson_completed',
						course_id: TEST_COURSE.id,
						lesson_id: lesson,
						payload: {},
						client_ts: new Date().toISOString()
					}))
				});
			await redo(TEST_COURSE.lessons.slice(0, 1));
			await rpc(service, 'compliance_tick', {});
			expect(await statusOf(ids.X2!)).toBe('expired');
			await redo(TEST_COURSE.lessons.slice(1));
			await rpc(service, 'compliance_tick', {});
			expect(await statusOf(ids.X2!)).toBe('completed');
			const renewed = (
				await w.admin.client
					.from('compliance_status')
					.select('valid_until')
					.eq('assignment_id', assignment)
					.eq('employee', ids.X2!)
					.single()
			).data?.valid_until as string;
			expect(renewed > validBefore).toBe(true);
			const trend = await rpc<{ assigned: number }[]>(w.admin.client, 'compliance_trend', {
				unit: w.wing,
				assignment,
				days: 730
			});
			expect(trend.length).toBeGreaterThan(0);
		} finally {
			await rpc(service, 'compliance_set_clock', { offset_days: 0 });
		}
		// Reading the clock back moves X2 back to completed at the next tick.
		await rpc(service, 'compliance_tick', {});
		expect(await statusOf(ids.X2!)).toBe('completed');
	});

	it('the outbox retries a failed send and never hands out a message twice', async () => {
		type Msg = { id: number; recipient: string; attempts: number };
		// Drain whatever earlier tests queued, then queue one of our own through a real tick.
		const w = await freshWing();
		await rpc(w.admin.client, 'apply_employee_file', {
			employer: w.wing,
			rows: [
				row(2, {
					employee_id: 'M1',
					full_name: 'Mail Me',
					email: `m1.${w.code}@example.test`.toLowerCase(),
					mobile: '03451234567',
					org_unit_code: w.code,
					bps: '',
					designation: '',
					program_code: '',
					due_date: '',
					supervisor_employee_id: ''
				})
			]
		});
		await rpc(w.admin.client, 'create_compliance_assignment', {
			org: w.wing,
			code: 'MAIL',
			title: { en: 'Mail test' },
			course_ids: [TEST_COURSE.id],
			due_date: inDays(5)
		});
		await rpc(service, 'compliance_tick', {});
		const mineOnly = (list: Msg[]) =>
			list.filter(
				(m) => m.recipient === `m1.${w.code}@example.test`.toLowerCase() || m.recipient === '923451234567'
			);
		let claimed: Msg[] = [];
		for (let i = 0; i < 50; i++) {
			const batch = await rpc<Msg[]>(service, 'outbox_claim', { batch: 500, lease_seconds: 600 });
			if (batch.length === 0) break;
			claimed = claimed.concat(mineOnly(batch));
		}
		expect(claimed).toHaveLength(2); // e-mail and SMS, once each
		// While leased, nobody else gets them.
		expect(mineOnly(await rpc<Msg[]>(service, 'outbox_claim', { batch: 500 }))).toEqual([]);
		const [mail, sms] = claimed;
		await rpc(service, 'outbox_failed', { message: mail!.id, error: 'provider timeout' });
		expect(await rpc(service, 'outbox_sent', { message: sms!.id, provider_ref: 'sms-1' })).toBe(true);
		expect(await rpc(service, 'outbox_sent', { message: sms!.id, provider_ref: 'sms-again' })).toBeNull();
		// The authenticated role cannot touch the outbox.
		const learner = await newLearner(stack);
		expect((await learner.client.rpc('outbox_claim', { batch: 5 })).error).not.toBeNull();
	});
	it('the reminder worker delivers once, in the person’s language, and retries a failed send later', async () => {
		const w = await freshWing();
		const email = `r1.${w.code}@example.test`.toLowerCase();
		await rpc(w.admin.client, 'apply_employee_file', {
			employer: w.wing,
			rows: [
				row(2, {
					employee_id: 'R1',
					full_name: 'ریما خان',
					email,
					mobile: '03331234567',
					org_unit_code: w.code,
					bps: '',
					designation: '',
					program_code: '',
					due_date: '',
					supervisor_employee_id: ''
				})
			]
		});
		await rpc(w.admin.client, 'create_compliance_assignment', {
			org: w.wing,
			code: 'REMIND',
			title: { en: 'AI refresher', ur: 'اے آئی ریفریشر' },
			course_ids: [TEST_COURSE.id],
			due_date: inDays(6)
		});
		await rpc(service, 'compliance_tick', {});
		const lines: string[] = [];
		const printer = printingProvider((line: string) => lines.push(line));
		let failures = 1;
		const provider = {
			name: 'flaky',
			send: async (m: { recipient: string }, text: { subject: string; body: string }) => {
				if (m.recipient === email && failures-- > 0) throw new Error('gateway down');
				return printer.send(m as never, text);
			}
		};
		const mine = (to: string) => lines.filter((l) => l.includes(` to ${to}:`));
		const first = await drainOutbox(service, provider);
		expect(first.failed).toBeGreaterThanOrEqual(1);
		expect(mine(email)).toHaveLength(0);
		expect(mine('923331234567')).toHaveLength(1);
		expect(mine('923331234567')[0]).toContain('اے آئی ریفریشر'); // Urdu: no profile language yet
		// Right away the failed e-mail is backing off; a day later it goes out, once.
		await drainOutbox(service, provider);
		expect(mine(email)).toHaveLength(0);
		try {
			await rpc(service, 'compliance_set_clock', { offset_days: 1 });
			await drainOutbox(service, provider);
			await drainOutbox(service, provider);
		} finally {
			await rpc(service, 'compliance_set_clock', { offset_days: 0 });
		}
		expect(mine(email)).toHaveLength(1);
		expect(mine('923331234567')).toHaveLength(1);
	});
});
