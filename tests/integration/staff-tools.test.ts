import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { createAdminClient } from '$lib/server/supabase-admin';
import { listAudit } from '$lib/server/staff/audit';
import { createUnit, listSubtree, moveUnit } from '$lib/server/staff/organisations';
import { changePeople, listPeople } from '$lib/server/staff/people';
import { newLearner, stacks, type Learner } from './helpers';

/**
 * The organisations, people-and-roles and audit-log tools' server code, as real staff
 * accounts against the embedded stack: every refusal here comes from the SQL.
 */
describe.each(stacks())('staff tools (organisations, people, audit) on $name', (stack) => {
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
	const unique = () => `T${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;

	it('browses a subtree by pages and search, adds and moves units with clear refusals', async () => {
		const admin = await staff('FED-ESTAB', 'org_admin');
		const root = await orgId('FED-ESTAB');
		const all = await listSubtree(admin.client, { root, search: null, after: null });
		expect(all.ok && all.value.items.map((u) => u.code)).toEqual(
			expect.arrayContaining(['FED-ESTAB', 'FED-ESTAB-TW', 'FED-ESTAB-TW-S1', 'FED-NSPP'])
		);
		expect(all.ok && all.value.items.find((u) => u.code === 'FED-NSPP')?.is_sample).toBe(true);
		const found = await listSubtree(admin.client, { root, search: 'public policy', after: null });
		expect(found.ok && found.value.items.map((u) => u.code)).toEqual(['FED-NSPP']);
		// Keyset paging in SQL: two at a time, no overlap, in code order.
		const first = await admin.client.rpc('organisation_subtree', { root, lim: 2 });
		const second = await admin.client.rpc('organisation_subtree', {
			root,
			lim: 2,
			after_code: (first.data as { code: string }[])[1]!.code
		});
		const codes = [...(first.data as { code: string }[]), ...(second.data as { code: string }[])].map(
			(u) => u.code
		);
		expect(codes).toEqual([...codes].sort());
		expect(new Set(codes).size).toBe(4);

		const code = unique();
		const made = await createUnit(admin.client, {
			parent_code: 'fed-estab-tw',
			kind: 'section',
			code,
			name_en: 'Training Section II',
			name_ur: 'تربیتی سیکشن دوم'
		});
		expect(made.ok).toBe(true);
		expect(
			await createUnit(admin.client, { parent_code: 'FED-ESTAB', kind: 'section', code, name_en: 'Again' })
		).toEqual({
			ok: false,
			error: 'code_taken'
		});
		expect(
			await createUnit(admin.client, {
				parent_code: 'FED-ITD',
				kind: 'section',
				code: unique(),
				name_en: 'Elsewhere'
			})
		).toEqual({
			ok: false,
			error: 'forbidden'
		});
		expect(
			await createUnit(admin.client, {
				parent_code: 'FED-ESTAB',
				kind: 'castle',
				code: unique(),
				name_en: 'X'
			})
		).toEqual({
			ok: false,
			error: 'invalid'
		});
		const tw = await orgId('FED-ESTAB-TW');
		expect(await moveUnit(admin.client, { org: tw, new_parent_code: code })).toEqual({
			ok: false,
			error: 'cycle'
		});
		expect(await moveUnit(admin.client, { org: tw, new_parent_code: 'NO-SUCH-UNIT' })).toEqual({
			ok: false,
			error: 'not_found'
		});
		const id = made.ok ? made.value.id : '';
		expect(await moveUnit(admin.client, { org: id, new_parent_code: 'FED-ESTAB' })).toEqual({
			ok: true,
			value: { moved: id }
		});
		const learner = await newLearner(stack);
		expect(await moveUnit(learner.client, { org: id, new_parent_code: 'FED-ESTAB-TW' })).toEqual({
			ok: false,
			error: 'forbidden'
		});
	});

	it('adds members by email, grants and revokes roles, and an auditor only reads', async () => {
		const admin = await staff('FED-ESTAB', 'org_admin');
		const auditor = await staff('FED-ESTAB', 'auditor');
		const person = await newLearner(stack);
		const org = await orgId('FED-ESTAB-TW');
		expect(
			await changePeople(admin.client, { action: 'add', org, contact: ` ${person.email.toUpperCase()} ` })
		).toEqual({
			ok: true,
			value: { done: person.id }
		});
		expect(await changePeople(admin.client, { action: 'add', org, contact: 'nobody@example.test' })).toEqual({
			ok: false,
			error: 'no_account'
		});
		expect(
			await changePeople(admin.client, { action: 'grant', org, person: person.id, role: 'trainer' })
		).toMatchObject({ ok: true });
		expect(
			await changePeople(admin.client, { action: 'grant', org, person: person.id, role: 'coe_admin' })
		).toEqual({
			ok: false,
			error: 'overseer_only'
		});

		const listed = await listPeople(admin.client, { org, search: person.email, after: null });
		expect(listed.ok && listed.value.items).toEqual([
			expect.objectContaining({
				user_id: person.id,
				contact: person.email,
				unit_code: 'FED-ESTAB-TW',
				roles: ['trainer']
			})
		]);
		// From the division above, the same person is listed (subtree); an auditor reads without contact.
		const fromAbove = await listPeople(auditor.client, {
			org: await orgId('FED-ESTAB'),
			search: person.id,
			after: null
		});
		expect(fromAbove.ok && fromAbove.value.items).toEqual([
			expect.objectContaining({ user_id: person.id, contact: null })
		]);
		expect(
			await changePeople(auditor.client, { action: 'revoke', org, person: person.id, role: 'trainer' })
		).toEqual({
			ok: false,
			error: 'forbidden'
		});
		expect(
			await changePeople(admin.client, { action: 'revoke', org, person: person.id, role: 'trainer' })
		).toMatchObject({ ok: true });
		const after = await listPeople(admin.client, { org, search: person.id, after: null });
		expect(after.ok && after.value.items[0]?.roles).toEqual([]);
		// Someone beside the unit sees nobody there.
		const sibling = await staff('FED-ITD', 'org_admin');
		const theirs = await listPeople(sibling.client, { org, search: null, after: null });
		expect(theirs.ok && theirs.value.items).toEqual([]);

		// Every one of those writes is in the log, with before and after.
		const log = await listAudit(auditor.client, {
			org,
			action: null,
			since: null,
			until: null,
			before: null
		});
		const mine = log.ok ? log.value.items.filter((e) => e.target_id === person.id) : [];
		expect(mine.map((e) => [e.action, e.before, e.after])).toEqual([
			['role.revoked', { role: 'trainer' }, null],
			['role.granted', null, { role: 'trainer' }],
			['member.added', null, null]
		]);
		expect(mine[0]?.actor).toBe(admin.id);
		const members = await listAudit(auditor.client, {
			org,
			action: 'member.',
			since: null,
			until: null,
			before: null
		});
		expect(members.ok && members.value.items.every((e) => e.action.startsWith('member.'))).toBe(true);
		const today = new Date().toISOString().slice(0, 10);
		const dated = await listAudit(auditor.client, {
			org,
			action: null,
			since: today,
			until: today,
			before: null
		});
		expect(dated.ok && dated.value.items.length).toBeGreaterThanOrEqual(3);
		expect(
			await listAudit(auditor.client, { org, action: null, since: 'yesterday', until: null, before: null })
		).toEqual({
			ok: false,
			error: 'invalid'
		});
		const hidden = await listAudit(sibling.client, {
			org,
			action: null,
			since: null,
			until: null,
			before: null
		});
		expect(hidden.ok && hidden.value.items).toEqual([]);
	});
});
