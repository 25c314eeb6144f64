import type { SupabaseClient } from '@supabase/supabase-js';
import { statusListUrl } from '$lib/certificates/credential';
import { bitstringWith, encodeStatusList } from '$lib/certificates/status-list';
import { buildStatusListCredential } from '$lib/certificates/status-list-credential';
import { signStatusList } from './sign';
import type { Keyring } from './signing-keys';
import { failure, ok, type Result } from '$lib/result';

/**
 * Revocation by a CoE-AI admin, and the signed Bitstring Status List that publishes it. Who
 * may revoke what is decided in SQL (`revoke_certificate` → `private.may_act_at_centre(centre_org)`),
 * called as the admin; the list is re-signed at most once a minute and at once after a
 * revocation.
 */
export type RevokeResult = Result<{ revoked: string }>;

/** `asAdmin` carries the admin's own token, so auth.uid() and their role scope apply. */
export async function revokeCertificate(
	asAdmin: SupabaseClient,
	input: { code: string; reason: string }
): Promise<RevokeResult> {
	const { error } = await asAdmin.rpc('revoke_certificate', {
		code: input.code,
		reason: input.reason.slice(0, 500)
	});
	if (error) {
		if (error.code === '42501') return failure('forbidden');
		if (error.code === 'P0002') return failure('not_found');
		if (error.code === 'PGRST301' || error.code === 'PGRST303') return failure('sign_in');
		throw new Error(`${error.code}: ${error.message}`);
	}
	cached = undefined;
	return ok({ revoked: input.code });
}

let cached: { jwt: string; at: number; origin: string; kid: string } | undefined;

/** Every revoked index, in one value from SQL: a table read would stop at max_rows (1,000). */
export async function revokedIndexes(admin: SupabaseClient): Promise<number[]> {
	const { data, error } = await admin.rpc('revoked_status_indexes');
	if (error) throw new Error(error.message);
	if (!Array.isArray(data)) throw new Error('revoked_status_indexes did not return a list');
	return data as number[];
}

export async function signedStatusList(
	admin: SupabaseClient,
	keyring: Keyring,
	origin: string,
	now = new Date()
): Promise<string> {
	// Keyed by signing key too: a list signed with another key (a rotation, another stack in
	// the same test process) would not verify.
	const kid = keyring.active.kid;
	if (cached && cached.origin === origin && cached.kid === kid && now.getTime() - cached.at < 60_000)
		return cached.jwt;
	const list = buildStatusListCredential({
		listUrl: statusListUrl(origin),
		issuer: `${origin}/issuers/coe-ai`,
		encodedList: await encodeStatusList(bitstringWith(await revokedIndexes(admin))),
		issuedAt: now
	});
	cached = { jwt: await signStatusList(list, keyring), at: now.getTime(), origin, kid };
	return cached.jwt;
}

/** For tests: forget the cached list. */
export function clearStatusListCache(): void {
	cached = undefined;
}
