import { json, type RequestHandler } from '@sveltejs/kit';
import { parseVerificationCode } from '$lib/certificates/verification-code';
import { guarded, limited, lookupLimiter } from '$lib/server/certificates/context';
import { fail } from '$lib/server/http';
import { credentialByCode } from '$lib/server/certificates/issue';
import { getAdminClient } from '$lib/server/supabase-admin';

export const prerender = false;

/** Public: the signed credential for a verification code. Rate-limited per IP. */
export const GET: RequestHandler = (event) =>
	guarded(async () => {
		const limit = limited(lookupLimiter, event);
		if (limit) return limit;
		const code = parseVerificationCode(event.params.code ?? '');
		if (!code) return fail('invalid');
		const jwt = await credentialByCode(getAdminClient(), code);
		if (!jwt) return fail('not_found');
		return json(
			{ code, credential: jwt },
			{ headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' } }
		);
	});
