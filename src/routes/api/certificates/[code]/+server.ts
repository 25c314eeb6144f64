import { json, type RequestHandler } from '@sveltejs/kit';
import { parseVerificationCode } from '$lib/certificates/verification-code';
import { guarded, limited, lookupLimiter } from '$lib/server/certificates/context';
import { credentialByCode } from '$lib/server/certificates/issue';
import { getAdminClient } from '$lib/server/supabase-admin';

export const prerender = false;

/** Public: the signed credential for a verification code. Rate-limited per IP. */
export const GET: RequestHandler = (event) =>
	guarded(async () => {
		const limit = limited(lookupLimiter, event);
		if (limit) return limit;
		const code = parseVerificationCode(event.params.code ?? '');
		if (!code) return json({ error: 'bad_code' }, { status: 400 });
		const jwt = await credentialByCode(getAdminClient(), code);
		if (!jwt) return json({ error: 'not_found' }, { status: 404 });
		return json(
			{ code, credential: jwt },
			{ headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' } }
		);
	});
