import type { SupabaseClient } from '@supabase/supabase-js';
import { failure, ok, type Result } from '$lib/result';
import { PARTNER_SCOPES, type KeyUse, type PartnerKey } from '$lib/staff/types';
import { isUuid, refusal, text } from './sql-errors';

/**
 * The partner tool (partner_admin): the unit's API keys — list, create (the key is in this one
 * answer and never again), rotate with an overlap, revoke. Runs as the caller; the SQL
 * functions check the role in the unit and write the audit log.
 */
export async function listKeys(
	client: SupabaseClient,
	org: string | null,
	after: string | null
): Promise<Result<{ items: PartnerKey[]; next: string | null }>> {
	if (!isUuid(org)) return failure('invalid');
	const [at, id] = (after ?? '').split('|');
	const { data, error } = await client.rpc('partner_key_list', {
		org,
		after_created: after && at ? at : undefined,
		after_id: after && isUuid(id) ? id : undefined
	});
	if (error) return refusal(error);
	const rows = (data ?? []) as PartnerKey[];
	const items = rows.slice(0, 50);
	const last = items.at(-1);
	return ok({ items, next: rows.length > 50 && last ? `${last.created_at}|${last.id}` : null });
}

export async function createKey(
	client: SupabaseClient,
	input: Record<string, unknown>
): Promise<Result<PartnerKey & { key: string }>> {
	const name = text(input.name, 80);
	const scopes = Array.isArray(input.scopes) ? input.scopes : [];
	const days = Number(input.days);
	if (!isUuid(input.org) || !name || scopes.length === 0) return failure('invalid');
	if (!scopes.every((s) => typeof s === 'string' && (PARTNER_SCOPES as readonly string[]).includes(s)))
		return failure('invalid');
	if (!Number.isInteger(days) || days < 1 || days > 730) return failure('invalid');
	const { data, error } = await client.rpc('create_partner_key', {
		org: input.org,
		name,
		scopes: scopes as string[],
		expires_at: new Date(Date.now() + days * 86_400_000).toISOString()
	});
	if (error) return refusal(error);
	return ok(data as PartnerKey & { key: string });
}

export async function rotateKey(
	client: SupabaseClient,
	input: Record<string, unknown>
): Promise<Result<PartnerKey & { key: string }>> {
	const hours = Number(input.overlap_hours);
	if (!isUuid(input.key) || !Number.isInteger(hours)) return failure('invalid');
	const { data, error } = await client.rpc('rotate_partner_key', { key: input.key, overlap_hours: hours });
	if (error) return refusal(error);
	return ok(data as PartnerKey & { key: string });
}

export async function revokeKey(
	client: SupabaseClient,
	input: Record<string, unknown>
): Promise<Result<PartnerKey>> {
	if (!isUuid(input.key)) return failure('invalid');
	const { data, error } = await client.rpc('revoke_partner_key', { key: input.key });
	if (error) return refusal(error);
	return ok(data as PartnerKey);
}

/**
 * A key's recent uses, newest first, 50 a page (`before` is the last row's id). The SQL decides
 * who may read them: partner_admin, org_admin or auditor of the key's unit, and coe_admin.
 */
export async function keyUses(
	client: SupabaseClient,
	key: string | null,
	before: string | null
): Promise<Result<{ items: KeyUse[]; next: string | null }>> {
	if (!isUuid(key)) return failure('invalid');
	if (before !== null && !/^\d{1,18}$/.test(before)) return failure('invalid');
	const { data, error } = await client.rpc('partner_key_uses', {
		key,
		before_id: before ? Number(before) : undefined
	});
	if (error) return refusal(error);
	const rows = (data ?? []) as unknown as KeyUse[];
	const items = rows.slice(0, 50);
	const last = items.at(-1);
	return ok({ items, next: rows.length > 50 && last ? String(last.id) : null });
}
