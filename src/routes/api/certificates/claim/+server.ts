import { json, type RequestHandler } from '@sveltejs/kit';
import { getKeyring } from '$lib/server/certificates/keyring';
import { certificateOrigin } from '$lib/server/certificates/config';
import { guarded } from '$lib/server/certificates/context';
import { fail } from '$lib/server/http';
import { claimCertificate } from '$lib/server/certificates/issue';
import { bearerToken, isCourseId } from '$lib/server/ids';
import { getAdminClient, userFromRequest } from '$lib/server/supabase-admin';

export const prerender = false;

/** A signed-in learner asks for the certificate they earned; the server decides and signs. */
export const POST: RequestHandler = (event) =>
	guarded(async () => {
		// Refuse before any look-up: no origin configured, no token, or a malformed course id.
		const origin = certificateOrigin();
		if (!bearerToken(event.request)) return fail('sign_in');
		const body = (await event.request.json().catch(() => null)) as {
			course_id?: unknown;
			name?: unknown;
			centre?: unknown;
		} | null;
		if (!body || !isCourseId(body.course_id)) return fail('invalid');
		const admin = getAdminClient();
		const user = await userFromRequest(admin, event.request);
		if (!user) return fail('sign_in');
		// Anonymous accounts are never certified (certificate_eligibility says so too).
		if (user.anonymous) return fail('verify_account');
		const result = await claimCertificate(admin, await getKeyring(), {
			learnerId: user.id,
			courseId: body.course_id,
			learnerName: typeof body.name === 'string' ? body.name : '',
			centre: typeof body.centre === 'string' ? body.centre : '',
			origin
		});
		if (!result.ok) return fail(result.error);
		return json({ certificate: result.value.certificate }, { status: result.value.created ? 201 : 200 });
	});
