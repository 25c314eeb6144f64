import { json, type RequestHandler } from '@sveltejs/kit';
import { bearerToken, guarded } from '$lib/server/http';
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
		const { data, error } = await userClient(token).rpc('assessment_tickets', { course });
		if (error)
			return json(
				{ error: error.code === '42501' ? 'sign_in' : 'no_assessment' },
				{ status: error.code === '42501' ? 401 : 404 }
			);
		return json(data, { headers: { 'cache-control': 'no-store' } });
	});
