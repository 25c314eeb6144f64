import { json, type RequestHandler } from '@sveltejs/kit';
import { bearerToken, guarded } from '$lib/server/http';
import { isCourseId } from '$lib/server/ids';
import { userClient } from '$lib/server/supabase-admin';

export const prerender = false;

/**
 * Attempt tickets for offline final assessments. The database draws and signs them as the
 * learner (their token, RLS and auth.uid() apply); this route only forwards the call so the
 * browser needs no database client of its own for it.
 */
export const GET: RequestHandler = (event) =>
	guarded(async () => {
		const token = bearerToken(event.request);
		if (!token) return json({ error: 'sign_in' }, { status: 401 });
		const course = event.url.searchParams.get('course') ?? '';
		if (!isCourseId(course)) return json({ error: 'bad_request' }, { status: 400 });
		const { data, error, status } = await userClient(token).rpc('assessment_tickets', { course });
		if (error) {
			// An expired or bad token must say 401, so the client refreshes and asks again.
			if (status === 401 || ['42501', 'PGRST301', 'PGRST302', 'PGRST303'].includes(error.code))
				return json({ error: 'sign_in' }, { status: 401 });
			if (error.hint === 'verify_account') return json({ error: 'verify_account' }, { status: 403 });
			// A permanent account whose email or phone was never proven with a code: the page offers one.
			if (error.hint === 'verify_contact') return json({ error: 'verify_contact' }, { status: 403 });
			if (error.code === '22023') return json({ error: 'no_assessment' }, { status: 404 });
			throw new Error(`${error.code}: ${error.message}`);
		}
		return json(data, { headers: { 'cache-control': 'no-store' } });
	});
