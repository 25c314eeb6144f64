import type { SupabaseClient } from '@supabase/supabase-js';
import { failure, ok, type Result } from '$lib/result';
import { STAFF_ROLES, type Page, type Person } from '$lib/staff/types';
import { isUuid, refusal, text } from './sql-errors';

/**
 * The people-and-roles tool: members of a unit's subtree (paged by id), adding a member by
 * email or phone, removing one, and granting or revoking a role in the unit. The SQL decides
 * who may (has_role_in) and writes the audit log; this only shapes input and answers.
 */
export const PAGE = 50;

export async function listPeople(
	client: SupabaseClient,
	input: { org: unknown; search: unknown; after: unknown }
): Promise<Result<Page<Person>>> {
	if (!isUuid(input.org) || (input.after != null && !isUuid(input.after))) return failure('invalid');
	const { data, error } = await client.rpc('org_people', {
		org: input.org,
		search: text(input.search, 200),
		after_user: input.after ?? null,
		lim: PAGE + 1
	});
	if (error) return refusal(error);
	const rows = (data ?? []) as Person[];
	const items = rows.slice(0, PAGE);
	return ok({ items, next: rows.length > PAGE ? items[items.length - 1]!.user_id : null });
}

export async function changePeople(
	client: SupabaseClient,
	input: Record<string, unknown>
): Promise<Result<{ done: string }>> {
	if (!isUuid(input.org)) return failure('invalid');
	const action = input.action;
	if (action === 'add') {
		const contact = text(input.contact, 200);
		if (!contact) return failure('invalid');
		const { data, error } = await client.rpc('add_organisation_member_by_contact', {
			org: input.org,
			contact
		});
		return error ? refusal(error) : ok({ done: data as string });
	}
	if (!isUuid(input.person)) return failure('invalid');
	if (action === 'remove') {
		const { error } = await client.rpc('remove_organisation_member', {
			org: input.org,
			person: input.person
		});
		return error ? refusal(error) : ok({ done: input.person });
	}
	if ((action === 'grant' || action === 'revoke') && STAFF_ROLES.includes(input.role as never)) {
		const { error } = await client.rpc(action === 'grant' ? 'grant_org_role' : 'revoke_org_role', {
			target_user: input.person,
			org: input.org,
			role: input.role
		});
		return error ? refusal(error) : ok({ done: input.person });
	}
	return failure('invalid');
}
