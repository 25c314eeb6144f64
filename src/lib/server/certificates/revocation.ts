import type { SupabaseClient } from '@supabase/supabase-js';
import { statusListUrl } from '$lib/certificates/credential';
import { bitstringWith, encodeStatusList } from '$lib/certificates/status-list';
import { buildStatusListCredential } from '$lib/certificates/status-list-credential';
import { signStatusList } from './sign';
import type { Keyring } from './signing-keys';

/**
 * Revocation by a CoE-AI admin, and the signed Bitstring Status List that publishes it. The
 * list is re-signed at most once a minute (cheap to serve to many verifiers) and at once
 * after a revocation.
 */
export async function isCoeAdmin(admin: SupabaseClient, userId: string): Promise<boolean> {
	const { data, error } = await admin
		.from('user_roles')
		.select('role')
		.eq('user_id', userId)
		.eq('role', 'coe_admin')
		.limit(1);
	if (error) throw new Error(error.message);
	return (data ?? []).length > 0;
}

export type RevokeResult = { ok: true } | { ok: false; reason: 'forbidden' | 'not_found' };

export async function revokeCertificate(
	admin: SupabaseClient,
	input: { adminId: string; code: string; reason: string; now?: Date }
): Promise<RevokeResult> {
	if (!(await isCoeAdmin(admin, input.adminId))) return { ok: false, reason: 'forbidden' };
	const { data, error } = await admin
		.from('certificates')
		.update({
			revoked_at: (input.now ?? new Date()).toISOString(),
			revoked_by: input.adminId,
			revoke_reason: input.reason.slice(0, 500)
		})
		.eq('code', input.code)
		.is('revoked_at', null)
		.select('id');
	if (error) throw new Error(error.message);
	cached = undefined;
	if ((data ?? []).length === 0) {
		const { data: any } = await admin.from('certificates').select('id').eq('code', input.code).maybeSingle();
		return any ? { ok: true } : { ok: false, reason: 'not_found' };
	}
	return { ok: true };
}

let cached: { jwt: string; at: number } | undefined;

export async function signedStatusList(
	admin: SupabaseClient,
	keyring: Keyring,
	origin: string,
	now = new Date()
): Promise<string> {
	if (cached && now.getTime() - cached.at < 60_000) return cached.jwt;
	const { data, error } = await admin
		.from('certificates')
		.select('status_index')
		.not('revoked_at', 'is', null);
	if (error) throw new Error(error.message);
	const revoked = (data ?? []).map((r) => (r as { status_index: number }).status_index);
	const list = buildStatusListCredential({
		listUrl: statusListUrl(origin),
		issuer: `${origin}/issuers/coe-ai`,
		encodedList: await encodeStatusList(bitstringWith(revoked)),
		issuedAt: now
	});
	cached = { jwt: await signStatusList(list, keyring), at: now.getTime() };
	return cached.jwt;
}

/** For tests: forget the cached list. */
export function clearStatusListCache(): void {
	cached = undefined;
}
