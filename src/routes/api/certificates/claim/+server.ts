import { json, type RequestHandler } from '@sveltejs/kit';
import { getKeyring } from '$lib/server/certificates/keyring';
import { guarded, publicOrigin } from '$lib/server/certificates/context';
import { claimCertificate } from '$lib/server/certificates/issue';
import { getAdminClient, userFromRequest } from '$lib/server/supabase-admin';

export const prerender = false;

/** A signed-in learner asks for the certificate they earned; the server decides and signs. */
export const POST: RequestHandler = (event) =>
	guarded(async () => {
		const admin = getAdminClient();
		const user = await userFromRequest(admin, event.request);
		if (!user) return json({ error: 'sign_in' }, { status: 401 });
		const body = (await event.request.json().catch(() => null)) as {
			course_id?: unknown;
			name?: unknown;
			centre?: unknown;
		} | null;
		if (!body || typeof body.course_id !== 'string') return json({ error: 'bad_request' }, { status: 400 });
		const result = await claimCertificate(admin, await getKeyring(), {
			learnerId: user.id,
			courseId: body.course_id,
			learnerName: typeof body.name === 'string' ? body.name : '',
			centre: typeof body.centre === 'string' ? body.centre : '',
			origin: publicOrigin(event)
		});
		if (!result.ok)
			return json({ error: result.reason }, { status: result.reason.startsWith('bad_') ? 400 : 403 });
		return json({ certificate: result.certificate }, { status: result.created ? 201 : 200 });
	});
