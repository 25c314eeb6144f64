import type { RequestHandler } from '@sveltejs/kit';
import { ok } from '$lib/result';
import { staffEndpoint } from '$lib/server/staff/endpoint';

export const prerender = false;

/** The caller's staff roles per organisation, for the /staff hub (the database still decides). */
export const GET: RequestHandler = (event) =>
	staffEndpoint(event, 'any', async (session) => ok(session.grants));
