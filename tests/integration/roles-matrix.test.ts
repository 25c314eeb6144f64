import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdminClient } from '$lib/server/supabase-admin';
import { uuidv7 } from '$lib/events/uuidv7';
import {
	cellAllows,
	COHORT_RELATIONS,
	readRolesMatrix,
	RELATIONS,
	STAFF_ROLES,
	type CohortRelation,
	type Relation
} from '../../scripts/roles-matrix.js';
import { newLearner, stacks, TEST_COURSE, type Learner } from './helpers';

/**
 * GENERATED from the matrix in docs/roles.md: for every row (a kind of learner data and the
 * table or view that holds it), every staff role and every relation between the staff
 * member's unit and the learner's, a real staff account reads through PostgREST and must see
 * exactly what the cell allows — with the learner's consent on and off. Edit the document and
 * this suite follows; edit a policy alone and it fails.
 */
const matrix = readRolesMatrix();

/** The staff unit and, for each relation, the unit the learner belongs to (sample tree). */
const STAFF_UNIT = 'FED-ESTAB-TW';
const LEARNER_UNIT: Record<Relation, string | null> = {
	same: 'FED-ESTAB-TW',
	child: 'FED-ESTAB-TW-S1',
	parent: 'FED-ESTAB',
	sibling: 'FED-NSPP',
	none: null
};
const RUBRIC = {
	'plans-session': 3,
	'explains-clearly': 3,
	'checks-understanding': 3,
	'includes-everyone': 3,
	'assesses-fairly': 3
};
const label = (relation: Relation | CohortRelation, consent: boolean) =>
	`${relation}/${consent ? 'consent' : 'no-consent'}`;

describe.each(stacks())('roles matrix (docs/roles.md) on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	const learners = new Map<string, Learner>();
	const staff = new Map<string, Learner>();

	const orgId = async (code: string) =>
		(
			(await service.from('organisations').select('id').eq('code', code).single().throwOnError()).data as {
				id: string;
			}
		).id;

	/** A learner with one row in every table the matrix names. */
	async function learnerWithData(relation: Relation | CohortRelation, consent: boolean, evaluator: string) {
		const person = await newLearner(stack);
		await service
			.from('profiles')
			.upsert({
				id: person.id,
				display_name: `Learner ${label(relation, consent)}`,
				gender: 'female',
				disability: 'low vision',
				consent_terms: true,
				consent_progress_sharing: consent
			})
			.throwOnError();
		const unit = relation in LEARNER_UNIT ? LEARNER_UNIT[relation as Relation] : null;
		if (unit)
			await service
				.from('organisation_members')
				.insert({ org_id: await orgId(unit), user_id: person.id })
				.throwOnError();
		await service
			.from('course_progress')
			.insert({ owner: person.id, course_id: TEST_COURSE.id, completed_count: 2 })
			.throwOnError();
		const eventId = uuidv7();
		await service
			.from('learner_events')
			.insert({
				id: eventId,
				owner: person.id,
				device_id: randomUUID(),
				type: 'quiz_answered',
				course_id: TEST_COURSE.id,
				lesson_id: TEST_COURSE.lessons[0],
				payload: { question: 'q1', answer: ['b'] }
			})
			.throwOnError();
		await service
			.from('assessment_results')
			.insert({ event_id: eventId, owner: person.id, course_id: TEST_COURSE.id, status: 'passed', score: 80 })
			.throwOnError();
		await service
			.from('skill_evaluations')
			.insert({
				learner: person.id,
				course_id: TEST_COURSE.id,
				assessor: evaluator,
				rubric: RUBRIC,
				decision: 'approved'
			})
			.throwOnError();
		// Status indexes are unique and random; suites share the stack, so a collision draws again.
		for (let attempt = 0; ; attempt++) {
			const code = Array.from(
				{ length: 16 },
				() => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(Math.random() * 32)]
			).join('');
			const { error } = await service.from('certificates').insert({
				id: randomUUID(),
				owner: person.id,
				course_id: TEST_COURSE.id,
				centre: 'lahore',
				learner_name: `Learner ${label(relation, consent)}`,
				code,
				status_index: 100_000 + Math.floor(Math.random() * 31_000),
				kid: 'roles-matrix-test',
				jwt: 'not-a-real-credential'
			});
			if (!error) break;
			if (error.code !== '23505' || attempt > 5) throw new Error(error.message);
		}
		return person;
	}

	/** A cohort of the staff unit led by `lead`, with these learners as its members. */
	async function cohortOf(lead: string, members: string[]) {
		const code = Array.from(
			{ length: 8 },
			() => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(Math.random() * 32)]
		).join('');
		const { data } = await service
			.from('cohorts')
			.insert({
				org_id: await orgId(STAFF_UNIT),
				title: `Matrix ${code}`,
				language: 'ur',
				capacity: 30,
				join_code: code,
				lead_trainer: lead
			})
			.select('id')
			.single()
			.throwOnError();
		const cohort = (data as { id: string }).id;
		await service
			.from('cohort_members')
			.insert(members.map((user_id) => ({ cohort_id: cohort, user_id })))
			.throwOnError();
	}

	beforeAll(async () => {
		const evaluator = await newLearner(stack);
		for (const relation of [...RELATIONS, ...COHORT_RELATIONS])
			for (const consent of [true, false])
				learners.set(label(relation, consent), await learnerWithData(relation, consent, evaluator.id));
		for (const role of STAFF_ROLES) {
			const person = await newLearner(stack);
			await service
				.rpc('grant_org_role_by_email', { email: person.email, org_code: STAFF_UNIT, role })
				.throwOnError();
			staff.set(role, person);
		}
		// 'cohort': led by the staff trainer (for other roles, a cohort someone else teaches —
		// they are not its trainers); 'other-cohort': led by another trainer of the same unit.
		const otherTrainer = await newLearner(stack);
		await service
			.rpc('grant_org_role_by_email', { email: otherTrainer.email, org_code: STAFF_UNIT, role: 'trainer' })
			.throwOnError();
		const members = (relation: CohortRelation) =>
			[true, false].map((c) => learners.get(label(relation, c))!.id);
		await cohortOf(staff.get('trainer')!.id, members('cohort'));
		await cohortOf(otherTrainer.id, members('other-cohort'));
	}, 120_000);

	/** Which of the test learners `who` can read in `object` (a column: only where it is not null). */
	async function visible(who: Learner, object: string, key: string): Promise<string[]> {
		const [table, column] = object.split('.');
		const ids = [...learners.values()].map((l) => l.id);
		const { data, error } = await who.client
			.from(table!)
			.select(column ? `${key}, ${column}` : key)
			.in(key, ids);
		if (error) throw new Error(`${object}: ${error.message}`);
		const rows = (data ?? []) as unknown as Record<string, unknown>[];
		const seen = new Set(rows.filter((r) => !column || r[column] != null).map((r) => r[key]));
		return [...learners]
			.filter(([, l]) => seen.has(l.id))
			.map(([name]) => name)
			.sort();
	}

	it('every learner reads their own row in every object but the raw answers’ readers are theirs alone', async () => {
		for (const row of matrix.rows) {
			const self = learners.get(label('same', true))!;
			const [table, column] = row.object.split('.');
			const { data } = await self.client
				.from(table!)
				.select(column ?? row.key)
				.eq(row.key, self.id);
			expect(data, row.object).toHaveLength(1);
		}
	});

	const cases = matrix.rows.flatMap((row) => STAFF_ROLES.map((role) => ({ row, role })));
	it.each(cases)('$role reads $row.object exactly as the matrix says ($row.data)', async ({ row, role }) => {
		const cell = row.cells[role]!;
		// 'cohort' learners are in the staff trainer's cohort; for every other role that cohort
		// is someone else's, so they must see exactly what they see of 'other-cohort'.
		const relations = [...RELATIONS, ...(role === 'trainer' ? COHORT_RELATIONS : [])];
		const expected = relations
			.flatMap((relation) =>
				[true, false].filter((consent) => cellAllows(cell, relation, consent)).map((c) => label(relation, c))
			)
			.sort();
		const seen = await visible(staff.get(role)!, row.object, row.key);
		if (role !== 'trainer')
			for (const relation of COHORT_RELATIONS)
				for (const consent of [true, false]) expect(seen).not.toContain(label(relation, consent));
		expect(seen.filter((name) => role === 'trainer' || !name.includes('cohort'))).toEqual(expected);
	});

	it('an assessor records rubrics only for learners under their unit', async () => {
		const assessor = staff.get('assessor')!;
		const record = (who: string) =>
			assessor.client.from('skill_evaluations').insert({
				learner: learners.get(who)!.id,
				course_id: TEST_COURSE.id,
				assessor: assessor.id,
				rubric: RUBRIC,
				decision: 'approved'
			});
		expect((await record(label('child', false))).error).toBeNull();
		expect((await record(label('sibling', true))).error?.code).toBe('42501');
		expect((await record(label('none', true))).error?.code).toBe('42501');
	});

	it('a role held at the root covers learners who belong to no unit', async () => {
		const coe = await newLearner(stack);
		await service
			.rpc('grant_org_role_by_email', { email: coe.email, org_code: 'PK', role: 'coe_admin' })
			.throwOnError();
		expect(await visible(coe, 'certificates', 'owner')).toContain(label('none', false));
		expect(await visible(coe, 'learner_events', 'owner')).toEqual([]);
	});

	it('turning progress sharing off hides progress from trainers at once, and on shows it again', async () => {
		const trainer = staff.get('trainer')!;
		const learner = learners.get(label('cohort', true))!;
		const sees = async () =>
			(await visible(trainer, 'course_progress', 'owner')).includes(label('cohort', true));
		expect(await sees()).toBe(true);
		const off = await learner.client
			.from('profiles')
			.update({ consent_progress_sharing: false })
			.eq('id', learner.id);
		expect(off.error).toBeNull();
		expect(await sees()).toBe(false);
		expect((await visible(trainer, 'certificates', 'owner')).includes(label('cohort', true))).toBe(false);
		await learner.client
			.from('profiles')
			.update({ consent_progress_sharing: true })
			.eq('id', learner.id)
			.throwOnError();
		expect(await sees()).toBe(true);
	});
});
