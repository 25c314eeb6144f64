import { json, type RequestHandler } from '@sveltejs/kit';
import { getKeyring } from '$lib/server/certificates/keyring';
import { certificateOrigin } from '$lib/server/certificates/config';
import { guarded } from '$lib/server/certificates/context';
import { claimCertificate } from '$lib/server/certificates/issue';
import { bearerToken, isCourseId } from '$lib/server/ids';
import { getAdminClient, userFromRequest } from '$lib/server/supabase-admin';

export const prerender = false;

/** A signed-in learner asks for the certificate they earned; the server decides and signs. */
export const POST: RequestHandler = (event) =>
	guarded(async () => {
		// Refuse before any look-up: no origin configured, no token, or a malformed course id.
		const origin = certificateOrigin();
		if (!bearerToken(event.request)) return json({ error: 'sign_in' }, { status: 401 });
		const body = (await event.request.json().catch(() => null)) as {
			course_id?: unknown;
			name?: unknown;
			centre?: unknown;
		} | null;
		if (!body || !isCourseId(body.course_id)) return json({ error: 'bad_request' }, { status: 400 });
		const admin = getAdminClient();
		const user = await userFromRequest(admin, event.request);
		if (!user) return json({ error: 'sign_in' }, { status: 401 });
		// Anonymous accounts are never certified (certificate_eligibility says so too).
		if (user.anonymous) return json({ error: 'verify_account' }, { status: 403 });
		const result = await claimCertificate(admin, await getKeyring(), {
			learnerId: user.id,
			courseId: body.course_id,
			learnerName: typeof body.name === 'string' ? body.name : '',
			centre: typeof body.centre === 'string' ? body.centre : '',
			origin
		});
		if (!result.ok)
			return json({ error: result.reason }, { status: result.reason.startsWith('bad_') ? 400 : 403 });
		return json({ certificate: result.certificate }, { status: result.created ? 201 : 200 });
	});
