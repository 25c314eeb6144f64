import type { RequestHandler } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/partner/openapi';

export const prerender = false;

/** The OpenAPI 3.1 description of this API (public: it holds no data). */
export const GET: RequestHandler = () =>
	new Response(JSON.stringify(openApiDocument()), {
		headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' }
	});
