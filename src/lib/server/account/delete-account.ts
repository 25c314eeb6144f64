import { bearerToken } from '$lib/server/http';
import { json } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import { userFromRequest } from '../supabase-admin';

/**
 * "Delete my account" on the server. Who is deleted comes only from the bearer token, checked
 * by Auth. The data goes first, as the learner themselves (SQL `delete_my_account()`, one
 * transaction, auth.uid()); only then the auth user, with the service key that nobody but this
 * server holds. A failure after the first step is safe to retry.
 */
export async function deleteAccount(
	request: Request,
	admin: SupabaseClient,
	asUser: (token: string) => SupabaseClient
): Promise<Response> {
	const token = bearerToken(request);
	const user = token ? await userFromRequest(admin, request) : null;
	if (!token || !user) return json({ error: 'sign_in' }, { status: 401 });

	const { data, error } = await asUser(token).rpc('delete_my_account');
	if (error) {
		console.error('[account] delete_my_account failed:', error.message);
		return json({ error: 'server' }, { status: 500 });
	}
	const removed = await admin.auth.admin.deleteUser(user.id);
	if (removed.error) {
		console.error('[account] auth user deletion failed:', removed.error.message);
		return json({ error: 'server', dataDeleted: true }, { status: 502 });
	}
	return json({ deleted: true, ...(data as { events: number; certificates: number }) });
}
