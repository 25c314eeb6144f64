import { json, type RequestHandler } from '@sveltejs/kit';
import { guarded } from '$lib/server/certificates/context';
import { fail } from '$lib/server/http';
import { certificatesOf } from '$lib/server/certificates/issue';
import { bearerToken } from '$lib/server/ids';
import { getAdminClient, userClient, userFromRequest } from '$lib/server/supabase-admin';

export const prerender = false;

interface ResultRow {
	event_id: string;
	course_id: string | null;
	status: string;
	graded_at: string;
	attempts_left?: number;
}

/**
 * The signed-in learner's certificates and graded attempts, for the device to keep offline.
 * Pass/fail and topics only, never a score (issue 10). The latest result per course carries
 * the attempts left before a pause, asked of the database as the learner.
 */
export const GET: RequestHandler = (event) =>
	guarded(async () => {
		const admin = getAdminClient();
		const user = await userFromRequest(admin, event.request);
		const token = bearerToken(event.request);
		if (!user || !token) return fail('sign_in');
		const results = await admin
			.from('assessment_results')
			.select('event_id, course_id, status, reason, pass_mark, revise_topics, graded_at')
			.eq('owner', user.id)
			.order('graded_at');
		if (results.error) throw new Error(results.error.message);
		const rows = (results.data ?? []) as ResultRow[];
		const latest = new Map<string, ResultRow>();
		for (const row of rows) if (row.course_id && row.status !== 'rejected') latest.set(row.course_id, row);
		const asLearner = userClient(token);
		for (const [course, row] of latest) {
			const left = await asLearner.rpc('assessment_attempts_left', { course });
			if (!left.error && typeof left.data === 'number') row.attempts_left = left.data;
		}
		return json(
			{ certificates: await certificatesOf(admin, user.id), results: rows },
			{ headers: { 'cache-control': 'no-store' } }
		);
	});
