import { json, type RequestHandler } from '@sveltejs/kit';
import { deleteAccount } from '$lib/server/account/delete-account';
import { getAdminClient, userClient } from '$lib/server/supabase-admin';

export const prerender = false;

/** POST with the learner's bearer token: deletes their account (see delete-account.ts). */
export const POST: RequestHandler = async ({ request }) => {
	let admin;
	try {
		admin = getAdminClient();
	} catch (failure) {
		console.error('[account]', failure);
		return json({ error: 'not_configured' }, { status: 503 });
	}
	return deleteAccount(request, admin, userClient);
};
