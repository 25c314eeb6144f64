import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdminClient } from '$lib/server/supabase-admin';
import { RELATIONS, STAFF_ROLES, type Relation } from '../../scripts/roles-matrix.js';
import { newLearner, stacks, type Learner } from './helpers';

/**
 * The People tool's listing (public.org_people) runs as its owner and applies the staff
 * rules itself, set-based, so a ministry's page is fast (npm run bench:orgs). This checks it
 * shows exactly what the policies show: for every staff role and every relation of the roles
 * matrix, with consent on and off, the listing equals what the same account reads through
 * RLS (memberships, staff_learner_profiles with its contact rule, org_roles) — also page by page.
 */
const STAFF_UNIT = 'FED-ESTAB-TW';
const LEARNER_UNIT: Record<Relation, string | null> = {
	same: 'FED-ESTAB-TW',
	child: 'FED-ESTAB-TW-S1',
	parent: 'FED-ESTAB',
	sibling: 'FED-NSPP',
	none: null
};
const LISTED_FROM = ['FED-ESTAB-TW', 'FED-ESTAB', 'FED-ESTAB-TW-S1'];
const EMPLOYEE_ID = `EMP-${Date.now().toString(36)}`;

interface Row {
	user_id: string;
	display_name: string | null;
	contact: string | null;
	unit_id: string | null;
}

describe.each(stacks())('people listing equals the policies on $name', (stack) => {
	const service: SupabaseClient = createAdminClient(stack.url, stack.serviceKey);
	const ids = new Map<string, string>();
	const orgId = async (code: string) => {
		if (!ids.has(code))
			ids.set(
				code,
				(
					(await service.from('organisations').select('id').eq('code', code).single().throwOnError())
						.data as { id: string }
				).id
			);
		return ids.get(code)!;
	};
	const people: string[] = [];
	const emails = new Map<string, string>();
	const staff = new Map<string, Learner>();

	async function member(person: Learner, code: string) {
		await service
			.from('organisation_members')
			.insert({ org_id: await orgId(code), user_id: person.id })
			.throwOnError();
	}

	beforeAll(async () => {
		for (const relation of RELATIONS)
			for (const consent of [true, false]) {
				const person = await newLearner(stack);
				await service
					.from('profiles')
					.upsert({
						id: person.id,
						// Urdu too: the search's trigram index must find Urdu names (issue 11).
						display_name: `P ${relation} ${consent} ${consent ? 'علی رضا' : 'فاطمہ'}`,
						consent_progress_sharing: consent
					})
					.throwOnError();
				const unit = LEARNER_UNIT[relation];
				if (unit) await member(person, unit);
				people.push(person.id);
				emails.set(relation + consent, person.email);
				if (relation === 'child' && consent) {
					// An HR record with an employee id, readable by the unit's org_admin/auditor/coe_admin.
					await service
						.from('employees')
						.insert({
							employer_id: await orgId('FED-ESTAB'),
							employee_id: EMPLOYEE_ID,
							org_id: await orgId('FED-ESTAB-TW-S1'),
							full_name: 'P child true',
							user_id: person.id
						})
						.throwOnError();
				}
			}
		// One person in two units of the subtree (listed once) and one also in a sibling unit.
		const twice = await newLearner(stack);
		await member(twice, 'FED-ESTAB-TW');
		await member(twice, 'FED-ESTAB-TW-S1');
		const across = await newLearner(stack);
		await member(across, 'FED-ESTAB-TW-S1');
		await member(across, 'FED-NSPP');
		people.push(twice.id, across.id);
		for (const role of STAFF_ROLES) {
			const person = await newLearner(stack);
			await service
				.rpc('grant_org_role_by_email', { email: person.email, org_code: STAFF_UNIT, role })
				.throwOnError();
			// Staff are members somewhere too: the trainer in the child unit, the others nowhere.
			if (role === 'trainer') await member(person, 'FED-ESTAB-TW-S1');
			staff.set(role, person);
			people.push(person.id);
		}
	}, 240_000);

	/** What the account reads through RLS, shaped like a listing of `root`'s subtree. */
	async function byPolicies(client: SupabaseClient, root: string): Promise<Row[]> {
		const subtree = (
			(await service.from('organisation_closure').select('descendant').eq('ancestor', root).throwOnError())
				.data as { descendant: string }[]
		).map((r) => r.descendant);
		const memberships = (
			(
				await client
					.from('organisation_members')
					.select('user_id, org_id')
					.in('user_id', people)
					.throwOnError()
			).data as { user_id: string; org_id: string }[]
		).filter((m) => subtree.includes(m.org_id));
		const unitOf = new Map<string, string | null>();
		for (const m of memberships.sort((a, b) => (a.org_id < b.org_id ? -1 : 1)))
			if (!unitOf.has(m.user_id)) unitOf.set(m.user_id, m.org_id);
		const holders = (
			(
				await client
					.from('org_roles')
					.select('user_id')
					.eq('org_id', root)
					.in('user_id', people)
					.throwOnError()
			).data as { user_id: string }[]
		).map((r) => r.user_id);
		for (const h of holders) if (!unitOf.has(h)) unitOf.set(h, null);
		const profiles = (
			(
				await client
					.from('staff_learner_profiles')
					.select('id, display_name, contact')
					.in('id', [...unitOf.keys()])
					.throwOnError()
			).data as { id: string; display_name: string | null; contact: string | null }[]
		).map((p) => ({
			user_id: p.id,
			display_name: p.display_name,
			contact: p.contact,
			unit_id: unitOf.get(p.id)!
		}));
		return profiles.sort((a, b) => (a.user_id < b.user_id ? -1 : 1));
	}

	async function byListing(
		client: SupabaseClient,
		root: string,
		lim: number,
		search?: string
	): Promise<Row[]> {
		const rows: Row[] = [];
		let after: string | null = null;
		for (;;) {
			const { data, error } = await client.rpc('org_people', { org: root, search, after_user: after, lim });
			if (error) throw error;
			const page = data as (Row & { unit_code: string; roles: string[] })[];
			rows.push(
				...page.map(({ user_id, display_name, contact, unit_id }) => ({
					user_id,
					display_name,
					contact,
					unit_id
				}))
			);
			if (page.length < lim) break;
			after = page[page.length - 1]!.user_id;
		}
		return rows.filter((r) => people.includes(r.user_id));
	}

	it.each(STAFF_ROLES)('%s: the listing shows what RLS shows, whole and page by page', async (role) => {
		const client = staff.get(role)!.client;
		for (const code of LISTED_FROM) {
			const root = await orgId(code);
			const expected = await byPolicies(client, root);
			expect(await byListing(client, root, 1000), `${role} listing ${code}`).toEqual(expected);
			expect(await byListing(client, root, 2), `${role} listing ${code} by twos`).toEqual(expected);
		}
	});

	/**
	 * Search: what the listing finds equals the rows RLS shows that match the needle by the
	 * documented rule (a name containing it, an email starting with it where the contact is
	 * visible, an employee id the account may read, the person's id). Needles of three
	 * characters or more go through the trigram and prefix indexes; a one-letter needle walks.
	 */
	it.each(STAFF_ROLES)('%s: search finds exactly the matching rows RLS shows', async (role) => {
		const client = staff.get(role)!.client;
		const hr = (
			(await client.from('employees').select('user_id, employee_id').in('user_id', people).throwOnError())
				.data as { user_id: string; employee_id: string }[]
		).map((e) => ({ user_id: e.user_id, id: e.employee_id.toLowerCase() }));
		const needles = [
			'P child', // Latin name, candidates from the trigram index
			'علی رضا', // Urdu name
			'ی', // one letter: no index, the walk
			'learner-', // every email starts so: only rows whose contact the role may see
			emails.get('sametrue')!.toUpperCase(),
			EMPLOYEE_ID.toLowerCase(),
			people[1]!
		];
		for (const code of LISTED_FROM) {
			const root = await orgId(code);
			const all = await byPolicies(client, root);
			for (const needle of needles) {
				const n = needle.trim().toLowerCase();
				const expected = all.filter(
					(r) =>
						r.user_id === n ||
						(r.display_name ?? '').toLowerCase().includes(n) ||
						(r.contact ?? '').toLowerCase().startsWith(n) ||
						hr.some((e) => e.user_id === r.user_id && e.id === n)
				);
				expect(await byListing(client, root, 1000, needle), `${role} ${code} '${needle}'`).toEqual(expected);
			}
			expect(await byListing(client, root, 2, 'learner-'), `${role} ${code} by twos`).toEqual(
				all.filter((r) => (r.contact ?? '').startsWith('learner-'))
			);
		}
	});

	it('a learner without a role sees only themself, and only under units they belong to', async () => {
		const learner = await newLearner(stack);
		await member(learner, 'FED-ESTAB-TW-S1');
		people.push(learner.id);
		const rows = await byListing(learner.client, await orgId('FED-ESTAB'), 1000);
		expect(rows).toEqual(await byPolicies(learner.client, await orgId('FED-ESTAB')));
		expect(rows.map((r) => r.user_id)).toEqual([learner.id]);
		expect(await byListing(learner.client, await orgId('FED-NSPP'), 1000)).toEqual([]);
	});
});
