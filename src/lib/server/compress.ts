import type { Handle } from '@sveltejs/kit';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

/**
 * Compresses the app server's JSON answers (issue 13: a 300-learner roster is tens of KB of
 * JSON, seconds on slow 4G). adapter-node sends responses as they are; deployments behind
 * Supabase's gateway get compression there for PostgREST, never for this server's /api routes.
 * Only JSON (whole bodies, already built in memory): streamed downloads (CSV exports) and
 * event streams pass untouched, so nothing that streams is held back. Brotli at a fast level
 * when the phone accepts it, else gzip; small answers go as they are (compressing them saves
 * nothing).
 */
const MIN_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export type Encoding = 'br' | 'gzip';

/** The best encoding the request accepts (q=0 refuses one), or null. */
export function acceptedEncoding(header: string | null): Encoding | null {
	if (!header) return null;
	const offered = new Map<string, number>();
	for (const part of header.toLowerCase().split(',')) {
		const [name, ...params] = part.trim().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		offered.set(name!.trim(), q ? Number(q.slice(2)) : 1);
	}
	const ok = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
	return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

export async function compressed(response: Response, encoding: Encoding | null): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (
		!encoding ||
		!response.body ||
		response.headers.has('content-encoding') ||
		!/^application\/(?:[\w.+-]+\+)?json\b/.test(type)
	)
		return response;
	const body = Buffer.from(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.append('vary', 'accept-encoding');
	if (body.length < MIN_BYTES)
		return new Response(body, { status: response.status, statusText: response.statusText, headers });
	const packed =
		encoding === 'br'
			? await brotli(body, {
					params: {
						[constants.BROTLI_PARAM_QUALITY]: 5,
						[constants.BROTLI_PARAM_SIZE_HINT]: body.length
					}
				})
			: await gzipped(body, { level: 6 });
	headers.set('content-encoding', encoding);
	headers.set('content-length', String(packed.length));
	return new Response(new Uint8Array(packed), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}

/** The `handle` step: the app's own API answers, compressed when the caller accepts it. */
export const compressHandle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!event.url.pathname.startsWith('/api/') || event.request.method === 'HEAD') return response;
	return compressed(response, acceptedEncoding(event.request.headers.get('accept-encoding')));
};
