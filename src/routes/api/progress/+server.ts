import { json, type RequestHandler } from '@sveltejs/kit';
import { guarded } from '$lib/server/certificates/context';
import { buildPublicProgress } from '$lib/server/monitoring/public-progress';
import { progressCsv } from '$lib/monitoring/progress-csv';
import { getAdminClient } from '$lib/server/supabase-admin';
import type { PublicProgress } from '$lib/monitoring/types';

export const prerender = false;

/**
 * The public programme figures behind /progress, suppressed (see suppress.ts). Built at most
 * every five minutes per server process: the summaries themselves change only on refresh.
 * `?format=csv` gives the same publication as CSV with its definitions.
 */
let cached: { at: number; value: PublicProgress } | null = null;
const FRESH_MS = 5 * 60_000;

export const GET: RequestHandler = (event) =>
	guarded(async () => {
		if (!cached || Date.now() - cached.at > FRESH_MS)
			cached = { at: Date.now(), value: await buildPublicProgress(getAdminClient()) };
		const headers = { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };
		if (event.url.searchParams.get('format') === 'csv')
			return new Response(progressCsv(cached.value), {
				headers: {
					...headers,
					'content-type': 'text/csv; charset=utf-8',
					'content-disposition': `attachment; filename="seekh-progress-${cached.value.generated_at.slice(0, 10)}.csv"`
				}
			});
		return json(cached.value, { headers });
	});
