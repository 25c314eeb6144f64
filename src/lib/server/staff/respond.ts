import { json, type RequestEvent } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import { guarded } from '$lib/server/certificates/context';
import { userClient } from '$lib/server/supabase-admin';
import { bearerToken } from '../ids';
import type { StaffResult } from './staff';

const STATUS = { forbidden: 403, sign_in: 401, invalid: 400, not_found: 404 } as const;

/**
 * Runs a staff endpoint as the caller: their bearer token, so the database's RLS and role
 * checks decide (`clientFor` is replaceable only so tests can aim it at a test stack). No token → 401; refusals → 403/400/404 as JSON `{error}`; faults → 500.
 */
export function asCaller<T>(
	event: RequestEvent,
	run: (client: SupabaseClient) => Promise<StaffResult<T>>,
	clientFor: (accessToken: string) => SupabaseClient = userClient
): Promise<Response> {
	return guarded(async () => {
		const token = bearerToken(event.request);
		if (!token) return json({ error: 'sign_in' }, { status: 401 });
		const result = await run(clientFor(token));
		if (!result.ok) return json({ error: result.reason }, { status: STATUS[result.reason] });
		return json(result.value, { headers: { 'cache-control': 'no-store' } });
	});
}
