import { readFileSync } from 'node:fs';
import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { createAdminClient } from '$lib/server/supabase-admin';
import { newLearner, stacks, type Learner } from './helpers';

/**
 * The organisation tree and subtree-scoped roles (supabase/migrations/*_organisations.sql),
 * as each kind of person, against the sample tree the stack seeds. Every check here is made by
 * the database: the callers use their own JWT, exactly as the staff screens do.
 */
describe.each(stacks())('organisations and scoped roles on $name', (stack) => {
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

	const hasRoleIn = async (who: Learner, code: string, role: string) => {
		const { data, error } = await who.client.rpc('has_role_in', { org: await orgId(code), wanted: role });
		if (error) throw new Error(error.message);
		return data as boolean;
	};

	it('seeds a sample tree, marked as sample, with one root', async () => {
		const { data } = await service.from('organisations').select('code, is_sample, parent_id');
		const rows = (data ?? []) as { code: string; is_sample: boolean; parent_id: string | null }[];
		expect(rows.map((r) => r.code)).toEqual(
			expect.arrayContaining(['PK', 'FED-ESTAB', 'COE-LHR', 'P-DIGISKILLS'])
		);
		expect(rows.filter((r) => r.parent_id === null)).toHaveLength(1);
		// Every unit of the sample file is marked as sample (other test files add real units meanwhile).
		const sample = readFileSync(
			new URL('../../supabase/local/sample-organisations.sql', import.meta.url),
			'utf8'
		);
		const sampleCodes = [...sample.matchAll(/^\s+\('([A-Z0-9-]+)',/gm)].map((m) => m[1]);
		expect(sampleCodes.length).toBeGreaterThan(30);
		for (const code of sampleCodes) expect(rows.find((r) => r.code === code)?.is_sample, code).toBe(true);
	});

	it('a role covers its unit and everything below it, and nothing beside or above it', async () => {
		const admin = await staff('FED-ESTAB', 'org_admin');
		expect(await hasRoleIn(admin, 'FED-ESTAB', 'org_admin')).toBe(true);
		expect(await hasRoleIn(admin, 'FED-ESTAB-TW-S1', 'org_admin')).toBe(true); // grandchild
		expect(await hasRoleIn(admin, 'FED-CAB', 'org_admin')).toBe(false); // parent
		expect(await hasRoleIn(admin, 'FED-ITD', 'org_admin')).toBe(false); // cousin
		expect(await hasRoleIn(admin, 'FED-ESTAB', 'trainer')).toBe(false); // another role
	});

	it('grants only inside the granter’s subtree, and only a CoE-AI admin makes overseers', async () => {
		const admin = await staff('FED-ESTAB', 'org_admin');
		const trainer = await newLearner(stack);
		const grant = (org: string, role: string) =>
			orgId(org).then((id) => admin.client.rpc('grant_org_role', { target_user: trainer.id, org: id, role }));

		expect((await grant('FED-ESTAB-TW', 'trainer')).error).toBeNull();
		expect(await hasRoleIn(trainer, 'FED-ESTAB-TW-S1', 'trainer')).toBe(true);
		expect((await grant('FED-ITD', 'trainer')).error?.code).toBe('42501'); // sibling subtree
		expect((await grant('FED', 'trainer')).error?.code).toBe('42501'); // above
		expect((await grant('FED-ESTAB', 'coe_admin')).error?.code).toBe('42501');
		expect((await grant('FED-ESTAB', 'auditor')).error?.code).toBe('42501');

		// A learner cannot write roles directly.
		const direct = await trainer.client
			.from('org_roles')
			.insert({ user_id: trainer.id, org_id: await orgId('PK'), role: 'coe_admin' });
		expect(direct.error).not.toBeNull();
		expect(await hasRoleIn(trainer, 'PK', 'coe_admin')).toBe(false);
	});

	it('refuses cycles and removing a unit that is not empty, with a clear message', async () => {
		const coe = await staff('PK', 'coe_admin');
		const made = await coe.client.rpc('create_organisation', {
			parent: await orgId('FED-FIN'),
			kind: 'wing',
			code: `t-${Date.now().toString(36)}`,
			names: { en: 'Test Wing', ur: 'آزمائشی ونگ' }
		});
		expect(made.error).toBeNull();
		const wing = made.data as string;
		const child = await coe.client.rpc('create_organisation', {
			parent: wing,
			kind: 'section',
			code: `t-${Date.now().toString(36)}-s`,
			names: { en: 'Test Section' }
		});
		expect(child.error).toBeNull();

		const cycle = await coe.client.rpc('move_organisation', { org: wing, new_parent: child.data as string });
		expect(cycle.error?.message).toMatch(/cycle/);

		// Moving the wing elsewhere carries its section: the subtree follows.
		const moved = await coe.client.rpc('move_organisation', {
			org: wing,
			new_parent: await orgId('FED-ITD')
		});
		expect(moved.error).toBeNull();
		const itdAdmin = await staff('FED-ITD', 'org_admin');
		const { data: covers } = await itdAdmin.client.rpc('has_role_in', {
			org: child.data,
			wanted: 'org_admin'
		});
		expect(covers).toBe(true);
		const finAdmin = await staff('FED-FIN', 'org_admin');
		const { data: stale } = await finAdmin.client.rpc('has_role_in', {
			org: child.data,
			wanted: 'org_admin'
		});
		expect(stale).toBe(false);

		const removeParent = await service.from('organisations').delete().eq('id', wing);
		expect(removeParent.error?.message).toMatch(/sub-units/);
	});

	it('keeps an append-only audit log that only the unit’s admins and auditors read', async () => {
		const admin = await staff('FED-ESTAB', 'org_admin');
		const sibling = await staff('FED-ITD', 'org_admin');
		const person = await newLearner(stack);
		const tw = await orgId('FED-ESTAB-TW');
		expect(
			(await admin.client.rpc('add_organisation_member', { org: tw, person: person.id })).error
		).toBeNull();

		const mine = await admin.client.from('audit_log').select('action, actor, target_id').eq('org_id', tw);
		expect(mine.data).toContainEqual({ action: 'member.added', actor: admin.id, target_id: person.id });
		const theirs = await sibling.client.from('audit_log').select('id').eq('org_id', tw);
		expect(theirs.data).toEqual([]);
		const learnerView = await person.client.from('audit_log').select('id').eq('org_id', tw);
		expect(learnerView.data).toEqual([]);

		// Not even the service key can rewrite history.
		const edit = await service.from('audit_log').update({ action: 'nothing.happened' }).eq('org_id', tw);
		expect(edit.error?.message).toMatch(/append-only/);
		const erase = await service.from('audit_log').delete().eq('org_id', tw);
		expect(erase.error?.message).toMatch(/append-only/);
	});
});
