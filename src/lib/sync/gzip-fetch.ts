/**
 * A fetch for supabase-js that gzips large sync_push bodies. PostgREST itself does not read
 * gzip, so this works only behind a gateway that inflates (the local stack's does). If the
 * server answers a gzipped body with PostgREST's "invalid json" (PGRST102) or 415, the same
 * request is sent again uncompressed and gzip is not tried again in this page.
 */
const MIN_BYTES = 1024;

export function gzipFetch(base: typeof fetch = fetch): typeof fetch & { gzipEnabled(): boolean } {
	let enabled = typeof CompressionStream !== 'undefined';
	const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
		const body = init?.body;
		if (!enabled || typeof body !== 'string' || body.length < MIN_BYTES || !url.includes('/rpc/sync_push'))
			return base(input, init);
		const packed = await new Response(
			new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))
		).arrayBuffer();
		const headers = new Headers(init?.headers);
		headers.set('content-encoding', 'gzip');
		const response = await base(input, { ...init, headers, body: packed });
		if (response.status === 415 || (response.status === 400 && (await isInvalidJson(response.clone())))) {
			enabled = false;
			return base(input, init);
		}
		return response;
	};
	return Object.assign(wrapped, { gzipEnabled: () => enabled });
}

async function isInvalidJson(response: Response): Promise<boolean> {
	try {
		const body = (await response.json()) as { code?: string };
		return body.code === 'PGRST102';
	} catch {
		return false;
	}
}
