import { json, type RequestHandler } from '@sveltejs/kit';
import { getAdminClient, userClient, userFromRequest } from '$lib/server/supabase-admin';

export const prerender = false;

/**
 * "Delete my account". Who is deleted comes only from the bearer token, checked by Auth. The
 * data goes first, as the learner themselves (SQL `delete_my_account()`: RLS context and
 * auth.uid(), one transaction); only then the auth user, with the service key, which nobody
 * but this server holds. A failure after the first step is safe to retry.
 */
export const POST: RequestHandler = async ({ request }) => {
	const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
	let admin;
	try {
		admin = getAdminClient();
	} catch (failure) {
		console.error('[account]', failure);
		return json({ error: 'not_configured' }, { status: 503 });
	}
	const user = token ? await userFromRequest(admin, request) : null;
	if (!token || !user) return json({ error: 'sign_in' }, { status: 401 });

	const { data, error } = await userClient(token).rpc('delete_my_account');
	if (error) {
		console.error('[account] delete_my_account failed:', error.message);
		return json({ error: 'server_error' }, { status: 500 });
	}
	const removed = await admin.auth.admin.deleteUser(user.id);
	if (removed.error) {
		console.error('[account] auth user deletion failed:', removed.error.message);
		return json({ error: 'server_error', dataDeleted: true }, { status: 502 });
	}
	return json({ deleted: true, ...(data as { events: number; certificates: number }) });
};
