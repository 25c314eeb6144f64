import { json, type RequestHandler } from '@sveltejs/kit';
import { getKeyring } from '$lib/server/certificates/keyring';
import { guarded, limited, publicFileLimiter } from '$lib/server/certificates/context';

// The root layout prerenders pages; this is a live server route.
export const prerender = false;

/** Public keys for certificate signatures, every key ever used (rotation keeps old ones). */
export const GET: RequestHandler = (event) =>
	guarded(async () => {
		const limit = limited(publicFileLimiter, event);
		if (limit) return limit;
		const { publicJwks } = await getKeyring();
		return json(
			{ keys: publicJwks },
			{ headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' } }
		);
	});
