import { json, type RequestHandler } from '@sveltejs/kit';
import { guarded } from '$lib/server/certificates/context';
import { certificatesOf } from '$lib/server/certificates/issue';
import { getAdminClient, userFromRequest } from '$lib/server/supabase-admin';

export const prerender = false;

/** The signed-in learner's certificates and graded attempts, for the device to keep offline. */
export const GET: RequestHandler = (event) =>
	guarded(async () => {
		const admin = getAdminClient();
		const user = await userFromRequest(admin, event.request);
		if (!user) return json({ error: 'sign_in' }, { status: 401 });
		const results = await admin
			.from('assessment_results')
			.select('event_id, course_id, status, reason, pass_mark, revise_topics, graded_at')
			.eq('owner', user.id)
			.order('graded_at');
		if (results.error) throw new Error(results.error.message);
		return json(
			{ certificates: await certificatesOf(admin, user.id), results: results.data },
			{ headers: { 'cache-control': 'no-store' } }
		);
	});
