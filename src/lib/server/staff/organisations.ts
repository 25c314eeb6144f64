import type { SupabaseClient } from '@supabase/supabase-js';
import { failure, ok, type Result } from '$lib/result';
import { ORG_KINDS, type OrgUnit, type Page } from '$lib/staff/types';
import { isUuid, refusal, text } from './sql-errors';

/**
 * The organisations tool: a unit's subtree (paged by code), adding a unit and moving one.
 * The SQL functions check that the caller administers the units and refuse cycles.
 */
export const PAGE = 50;

export async function listSubtree(
	client: SupabaseClient,
	input: { root: unknown; search: unknown; after: unknown }
): Promise<Result<Page<OrgUnit>>> {
	if (!isUuid(input.root)) return failure('invalid');
	const { data, error } = await client.rpc('organisation_subtree', {
		root: input.root,
		search: text(input.search, 100),
		after_code: text(input.after, 40),
		lim: PAGE + 1
	});
	if (error) return refusal(error);
	const rows = (data ?? []) as OrgUnit[];
	const items = rows.slice(0, PAGE);
	return ok({ items, next: rows.length > PAGE ? items[items.length - 1]!.code : null });
}

/** A unit's id by its code (codes are what administrators know and type). */
async function unitByCode(client: SupabaseClient, code: string): Promise<Result<string>> {
	const { data, error } = await client.from('organisations').select('id').eq('code', code).maybeSingle();
	if (error) return refusal(error);
	return data ? ok((data as { id: string }).id) : failure('not_found');
}

export async function createUnit(
	client: SupabaseClient,
	input: Record<string, unknown>
): Promise<Result<{ id: string }>> {
	const code = text(input.code, 40);
	const en = text(input.name_en, 200);
	const ur = text(input.name_ur, 200);
	const parentCode = text(input.parent_code, 40)?.toUpperCase();
	if (!parentCode || !code || !en || !ORG_KINDS.includes(input.kind as never)) return failure('invalid');
	const parent = await unitByCode(client, parentCode);
	if (!parent.ok) return parent;
	const { data, error } = await client.rpc('create_organisation', {
		parent: parent.value,
		kind: input.kind,
		code,
		names: ur ? { en, ur } : { en },
		province: text(input.province, 40),
		district: text(input.district, 80)
	});
	if (error) return refusal(error);
	return ok({ id: data as string });
}

/** Moves a unit under a new parent given by its code (what an administrator knows). */
export async function moveUnit(
	client: SupabaseClient,
	input: Record<string, unknown>
): Promise<Result<{ moved: string }>> {
	const parentCode = text(input.new_parent_code, 40)?.toUpperCase();
	if (!isUuid(input.org) || !parentCode) return failure('invalid');
	const parent = await unitByCode(client, parentCode);
	if (!parent.ok) return parent;
	const { error } = await client.rpc('move_organisation', { org: input.org, new_parent: parent.value });
	if (error) return refusal(error);
	return ok({ moved: input.org });
}
