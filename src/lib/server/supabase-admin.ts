import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { env as publicEnv } from '$env/dynamic/public';
import { env } from '$env/dynamic/private';
import { bearerToken } from './http';

/**
 * The server's service-role client (bypasses RLS). Server code only: the key comes from
 * `SUPABASE_SERVICE_ROLE_KEY`, never from anything the browser sees.
 */
let admin: SupabaseClient | undefined;

export function getAdminClient(): SupabaseClient {
	const url = env.SUPABASE_URL || publicEnv.PUBLIC_SUPABASE_URL;
	const key = env.SUPABASE_SERVICE_ROLE_KEY;
	if (!url || !key)
		throw new Error('SUPABASE_SERVICE_ROLE_KEY and PUBLIC_SUPABASE_URL must be set for certificate issuance');
	admin ??= createAdminClient(url, key);
	return admin;
}

export function createAdminClient(url: string, serviceKey: string): SupabaseClient {
	// Node 20 has no global WebSocket; realtime is unused here but supabase-js builds it anyway.
	return createClient(url, serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never }
	});
}

/** The signed-in user behind a request's bearer token, or null. */
export async function userFromRequest(
	admin: SupabaseClient,
	request: Request
): Promise<{ id: string } | null> {
	const token = bearerToken(request);
	if (!token) return null;
	const { data, error } = await admin.auth.getUser(token);
	return error || !data.user ? null : { id: data.user.id };
}

/** A client acting as the learner (their JWT): RLS and auth.uid() apply as in the browser. */
export function userClient(accessToken: string): SupabaseClient {
	const url = env.SUPABASE_URL || publicEnv.PUBLIC_SUPABASE_URL;
	const anonKey = publicEnv.PUBLIC_SUPABASE_ANON_KEY;
	if (!url || !anonKey) throw new Error('PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY must be set');
	return createClient(url, anonKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		global: { headers: { Authorization: `Bearer ${accessToken}` } },
		realtime: { transport: WebSocket as never }
	});
}
