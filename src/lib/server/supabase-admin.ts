import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { Database } from '$lib/db/database.types';
import type { SeekhClient } from '$lib/db/typed-client';
import { env as publicEnv } from '$env/dynamic/public';
import { env } from '$env/dynamic/private';
import { bearerToken } from './ids';

/**
 * The server's service-role client (bypasses RLS). Server code only: the key comes from
 * `SUPABASE_SERVICE_ROLE_KEY`, never from anything the browser sees.
 */
let admin: SeekhClient | undefined;

export function getAdminClient(): SeekhClient {
	const url = env.SUPABASE_URL || publicEnv.PUBLIC_SUPABASE_URL;
	const key = env.SUPABASE_SERVICE_ROLE_KEY;
	if (!url || !key)
		throw new Error('SUPABASE_SERVICE_ROLE_KEY and PUBLIC_SUPABASE_URL must be set for certificate issuance');
	admin ??= createAdminClient(url, key);
	return admin;
}

export function createAdminClient(url: string, serviceKey: string): SeekhClient {
	// Node 20 has no global WebSocket; realtime is unused here but supabase-js builds it anyway.
	return createClient<Database>(url, serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never }
	});
}

/** The signed-in user behind a request's bearer token, or null. */
export async function userFromRequest(
	admin: SeekhClient,
	request: Request
): Promise<{ id: string; anonymous: boolean } | null> {
	const token = bearerToken(request);
	if (!token) return null;
	const { data, error } = await admin.auth.getUser(token);
	return error || !data.user ? null : { id: data.user.id, anonymous: data.user.is_anonymous === true };
}

/** A client acting as the learner (their JWT): RLS and auth.uid() apply as in the browser. */
export function userClient(accessToken: string): SeekhClient {
	const url = env.SUPABASE_URL || publicEnv.PUBLIC_SUPABASE_URL;
	const anonKey = publicEnv.PUBLIC_SUPABASE_ANON_KEY;
	if (!url || !anonKey) throw new Error('PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY must be set');
	return createClient<Database>(url, anonKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		global: { headers: { Authorization: `Bearer ${accessToken}` } },
		realtime: { transport: WebSocket as never }
	});
}
