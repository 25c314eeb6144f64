import type { RequestHandler } from '@sveltejs/kit';
import { getKeyring } from '$lib/server/certificates/keyring';
import { certificateOrigin } from '$lib/server/certificates/config';
import { guarded, limited, publicFileLimiter } from '$lib/server/certificates/context';
import { signedStatusList } from '$lib/server/certificates/revocation';
import { getAdminClient } from '$lib/server/supabase-admin';

export const prerender = false;

/** The revocation list as a signed BitstringStatusListCredential (VC-JWT). */
export const GET: RequestHandler = (event) =>
	guarded(async () => {
		const limit = limited(publicFileLimiter, event);
		if (limit) return limit;
		const jwt = await signedStatusList(getAdminClient(), await getKeyring(), certificateOrigin());
		return new Response(jwt, {
			headers: {
				'content-type': 'application/vc+jwt',
				'cache-control': 'public, max-age=60',
				'access-control-allow-origin': '*'
			}
		});
	});
