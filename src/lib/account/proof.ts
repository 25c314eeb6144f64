import type { SupabaseClient } from '@supabase/supabase-js';

/**
 * Which contact (phone or email) this device's last one-time-code sign-in proved, until the
 * database has recorded it (public.record_verified_contact, which checks the token's sign-in
 * method and takes the value from the account). Only the kind is kept, never the contact: the
 * database decides what it is. Recording is tried right after sign-in and again on the home
 * page, so leaving the account page early loses neither the proof nor the HR-record match.
 */
const KEY = 'seekh-pending-proof';
type Kind = 'phone' | 'email';

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

export function rememberProof(kind: Kind) {
	try {
		storage()?.setItem(KEY, kind);
	} catch {
		// Without storage only the second chance is lost.
	}
}

/**
 * Records the remembered proof; forgets it once the database has answered either way.
 * Returns false while a proof is still waiting (offline, a server failure): anything that
 * depends on it, like claiming an HR record, should be tried again later.
 */
export async function recordPendingProof(client: Pick<SupabaseClient, 'rpc'>): Promise<boolean> {
	const kind = storage()?.getItem(KEY);
	if (kind !== 'phone' && kind !== 'email') return true;
	const answer = await Promise.resolve(client.rpc('record_verified_contact', { kind })).then(
		(r) => r,
		() => null
	);
	// Offline or a server failure: keep it for the next try. A refusal (no recent code, no such
	// contact) will not change by asking again.
	if (answer && (!answer.error || answer.error.code === 'PT403')) {
		storage()?.removeItem(KEY);
		return true;
	}
	return false;
}
